import type { Measurement } from "../measurement.ts";
import { outputOf, startNodeProcess } from "../processes/child-process.ts";
import { limitRequestEnvironment, type LimitRequest, type LimitResult } from "./limit-protocol.ts";

const workerScript = "bench/limits/argon2-limit-worker.ts";

/**
 * Raw argon2id throughput at the server's parameters and parallelism, measured in a separate
 * process while the server is idle. The worker inherits the environment the server gets and sizes
 * its thread pool with the server's own rule (src/thread-pool.ts), so both have the same pool.
 */
export async function measureArgon2Limit(request: LimitRequest): Promise<LimitResult> {
  const worker = startNodeProcess(workerScript, { environment: limitRequestEnvironment(request), stdout: "pipe" });
  const output = await outputOf(worker);
  return JSON.parse(output.trim().split("\n").at(-1)!) as LimitResult;
}

/** A limit as a row of the table, with the hash and the parallelism it ran with. */
export function measurementOfLimit(scenario: string, subject: string, limit: LimitResult, hashing: string, concurrency: number): Measurement {
  return {
    scenario,
    subject,
    operationsPerSecond: limit.operationsPerSecond,
    p50Milliseconds: limit.p50Milliseconds,
    p99Milliseconds: limit.p99Milliseconds,
    parameters: `${hashing}, ${concurrency} at a time, thread pool ${limit.threadPoolSize}`,
    ...(limit.cpuPerOperation ? { cpuPerOperation: limit.cpuPerOperation } : {}),
  };
}
