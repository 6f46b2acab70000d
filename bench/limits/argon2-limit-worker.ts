// Sizes libuv's thread pool by the server's own rule, before anything hashes: the limit must have
// the server's parallelism.
import "../../src/thread-pool.ts";
import { hashNewPassword } from "../../src/domain/passwords/password-hashing.ts";
import { verifyPassword } from "../../src/domain/passwords/verify-password.ts";
import { serverArgon2Settings } from "../password-settings.ts";
import { percentile } from "../statistics.ts";
import { parseLimitRequest, type LimitResult } from "./limit-protocol.ts";

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

async function measureFor(seconds: number): Promise<LimitResult> {
  const latencies: number[] = [];
  const startedAt = performance.now();
  const endsAt = startedAt + seconds * 1000;
  const loop = async () => {
    while (performance.now() < endsAt) {
      const operationStartedAt = performance.now();
      await runOperation();
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
