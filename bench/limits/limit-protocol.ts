import { ownCpuSeconds, perOperation, type CpuPerOperation } from "../processes/cpu-time.ts";
import { percentile } from "../statistics.ts";

/** What a limit worker (argon2, Better Auth's scrypt) is asked to do, passed in its environment. */
export interface LimitRequest {
  operation: "hash" | "verify";
  concurrency: number;
  warmUpSeconds: number;
  durationSeconds: number;
}

/** The worker's answer, one JSON line on its stdout. */
export interface LimitResult {
  operationsPerSecond: number;
  p50Milliseconds: number;
  p99Milliseconds: number;
  completed: number;
  /** UV_THREADPOOL_SIZE in the worker: the same as the server's. */
  threadPoolSize: number;
  /** The worker's CPU per operation (Linux only). */
  cpuPerOperation?: CpuPerOperation;
}

export function limitRequestEnvironment(request: LimitRequest): Record<string, string> {
  return {
    BENCH_LIMIT_OPERATION: request.operation,
    BENCH_LIMIT_CONCURRENCY: String(request.concurrency),
    BENCH_LIMIT_WARM_UP_SECONDS: String(request.warmUpSeconds),
    BENCH_LIMIT_DURATION_SECONDS: String(request.durationSeconds),
  };
}

export function parseLimitRequest(environment: NodeJS.ProcessEnv): LimitRequest {
  const operation = environment.BENCH_LIMIT_OPERATION;
  if (operation !== "hash" && operation !== "verify") throw new Error(`unknown limit operation "${operation}"`);
  return {
    operation,
    concurrency: Number(environment.BENCH_LIMIT_CONCURRENCY),
    warmUpSeconds: Number(environment.BENCH_LIMIT_WARM_UP_SECONDS),
    durationSeconds: Number(environment.BENCH_LIMIT_DURATION_SECONDS),
  };
}

/**
 * A limit worker's whole run: `operation`, `request.concurrency` at a time, first for the warm-up,
 * then measured; the result is written as one JSON line on stdout.
 */
export async function answerLimitRequest(request: LimitRequest, operation: () => Promise<void>): Promise<void> {
  const measureFor = async (seconds: number): Promise<LimitResult> => {
    const latencies: number[] = [];
    const cpuBefore = ownCpuSeconds();
    const startedAt = performance.now();
    const endsAt = startedAt + seconds * 1000;
    const loop = async () => {
      while (performance.now() < endsAt) {
        const operationStartedAt = performance.now();
        await operation();
        latencies.push(performance.now() - operationStartedAt);
      }
    };
    await Promise.all(Array.from({ length: request.concurrency }, loop));
    const cpuAfter = ownCpuSeconds();
    return {
      operationsPerSecond: latencies.length / ((performance.now() - startedAt) / 1000),
      p50Milliseconds: percentile(latencies, 0.5),
      p99Milliseconds: percentile(latencies, 0.99),
      completed: latencies.length,
      threadPoolSize: Number(process.env.UV_THREADPOOL_SIZE),
      ...(cpuBefore && cpuAfter && latencies.length > 0 ? { cpuPerOperation: perOperation(cpuBefore, cpuAfter, latencies.length) } : {}),
    };
  };
  await measureFor(request.warmUpSeconds);
  process.stdout.write(`${JSON.stringify(await measureFor(request.durationSeconds))}\n`);
}
