/** What the argon2 limit worker is asked to do, passed in its environment. */
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
