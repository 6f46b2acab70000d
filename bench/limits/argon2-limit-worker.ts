// Sizes libuv's thread pool by the server's own rule, before anything hashes: the limit must have
// the server's parallelism.
import "../../src/thread-pool.ts";
import { hashNewPassword } from "../../src/domain/passwords/password-hashing.ts";
import { verifyPassword } from "../../src/domain/passwords/verify-password.ts";
import { serverArgon2Settings } from "../password-settings.ts";
import { answerLimitRequest, parseLimitRequest } from "./limit-protocol.ts";

// The throughput limit of the server's password work: the server's own hashing and verification
// functions, `concurrency` at a time, in a process that does nothing else. Answers one JSON line.

const request = parseLimitRequest(process.env);
const password = "bench limit password 7 quartz violin";
const stored = await hashNewPassword(password, { function: "ARGON2" }, serverArgon2Settings);

async function runOperation(): Promise<void> {
  if (request.operation === "hash") {
    await hashNewPassword(password, { function: "ARGON2" }, serverArgon2Settings);
  } else if (!(await verifyPassword(password, stored))) {
    throw new Error("the digest did not verify");
  }
}

await answerLimitRequest(request, runOperation);
