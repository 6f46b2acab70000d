// Sizes libuv's thread pool by our server's rule before anything hashes: Better Auth's scrypt runs
// on that pool, so its limit has the same parallelism as ours and as the peer server's.
import "../../../src/thread-pool.ts";
import { hashPassword } from "better-auth/crypto";
import { parseLimitRequest, type LimitResult } from "../../limits/limit-protocol.ts";
import { percentile } from "../../statistics.ts";

// The throughput limit of Better Auth's password work: its own `hashPassword` (what sign-up
// calls), `concurrency` at a time, in a process that does nothing else. Answers one JSON line.

const request = parseLimitRequest(process.env);
if (request.operation !== "hash") throw new Error("the scrypt limit measures hashing only");
const password = "bench limit password 7 quartz violin";

async function measureFor(seconds: number): Promise<LimitResult> {
  const latencies: number[] = [];
  const startedAt = performance.now();
  const endsAt = startedAt + seconds * 1000;
  const loop = async () => {
    while (performance.now() < endsAt) {
      const operationStartedAt = performance.now();
      await hashPassword(password);
      latencies.push(performance.now() - operationStartedAt);
    }
  };
  await Promise.all(Array.from({ length: request.concurrency }, loop));
  return {
    operationsPerSecond: latencies.length / ((performance.now() - startedAt) / 1000),
    p50Milliseconds: percentile(latencies, 0.5),
    p99Milliseconds: percentile(latencies, 0.99),
    completed: latencies.length,
    threadPoolSize: Number(process.env.UV_THREADPOOL_SIZE),
  };
}

await measureFor(request.warmUpSeconds);
process.stdout.write(`${JSON.stringify(await measureFor(request.durationSeconds))}\n`);
