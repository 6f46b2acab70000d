// Sizes libuv's thread pool by our server's rule before anything hashes: Better Auth's scrypt runs
// on that pool, so its limit has the same parallelism as ours and as the peer server's.
import "../../../src/thread-pool.ts";
import { hashPassword } from "better-auth/crypto";
import { answerLimitRequest, parseLimitRequest } from "../../limits/limit-protocol.ts";

// The throughput limit of Better Auth's password work: its own `hashPassword` (what sign-up
// calls), `concurrency` at a time, in a process that does nothing else. Answers one JSON line.

const request = parseLimitRequest(process.env);
if (request.operation !== "hash") throw new Error("the scrypt limit measures hashing only");
const password = "bench limit password 7 quartz violin";

await answerLimitRequest(request, async () => {
  await hashPassword(password);
});
