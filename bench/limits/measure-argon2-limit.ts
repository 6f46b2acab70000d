import { outputOf, startTypeScriptProcess } from "../processes/child-process.ts";
import { limitRequestEnvironment, type LimitRequest, type LimitResult } from "./limit-protocol.ts";

const workerScript = "bench/limits/argon2-limit-worker.ts";

/**
 * Raw argon2id throughput at the server's parameters and parallelism, measured in a separate
 * process while the server is idle. The worker inherits the environment the server gets and sizes
 * its thread pool with the server's own rule (src/thread-pool.ts), so both have the same pool.
 */
export async function measureArgon2Limit(request: LimitRequest): Promise<LimitResult> {
  const worker = startTypeScriptProcess(workerScript, { environment: limitRequestEnvironment(request), stdout: "pipe" });
  const output = await outputOf(worker);
  return JSON.parse(output.trim().split("\n").at(-1)!) as LimitResult;
}
