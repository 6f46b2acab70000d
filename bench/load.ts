import autocannon from "autocannon";
import { cpuPerOperationOf, type CpuAccountingTarget, type CpuPerOperation } from "./processes/cpu-time.ts";
import { percentile, positiveNumberFromEnvironment } from "./statistics.ts";

export interface LoadOptions {
  url: string;
  /** `content-type: application/json` is added unless given. */
  headers?: Record<string, string>;
  /** A fresh body for every request (unique emails etc.). */
  body: () => string;
  connections: number;
  /** Load that is not measured, so that caches, JIT and pools are warm. */
  warmUpSeconds: number;
  /** Measured load. */
  durationSeconds: number;
  /** Default: status 200 and a JSON body without `errors` (GraphQL's failure channel). */
  isSuccess?: (status: number, responseBody: string) => boolean;
  /** The server whose CPU per request the measured load reports (`cpuPerOperation`). */
  cpuOf?: CpuAccountingTarget;
}

export interface LoadResult {
  /** Successful responses per second of measured load. */
  requestsPerSecond: number;
  /** Latencies of the successful responses. */
  p50Milliseconds: number;
  p99Milliseconds: number;
  /** Responses received in the measured window, successful or not. */
  completed: number;
  /** Unsuccessful responses, connection errors and timeouts: any failure makes the figure invalid. */
  failures: number;
  /** What the first failure looked like (status and body, or the connection error). */
  firstFailure?: string;
  /** Where the measured load's CPU went, per response (with `cpuOf`, on Linux). */
  cpuPerOperation?: CpuPerOperation;
}

/** The fixed concurrency of every load in one run (issue #7: same concurrency for every subject). */
export const benchConnections: number = positiveNumberFromEnvironment("BENCH_CONNECTIONS", 8);
/** Unmeasured load before each measured one (BENCH_WARM_UP_SECONDS). */
export const benchWarmUpSeconds: number = positiveNumberFromEnvironment("BENCH_WARM_UP_SECONDS", 3);
/** Measured load of each subject (BENCH_DURATION_SECONDS); keeps the whole run within 10 minutes. */
export const benchDurationSeconds: number = positiveNumberFromEnvironment("BENCH_DURATION_SECONDS", 10);
/** The run's fixed load settings, to spread into `runLoad` options. */
export const benchLoadSettings = {
  connections: benchConnections,
  warmUpSeconds: benchWarmUpSeconds,
  durationSeconds: benchDurationSeconds,
} as const satisfies Partial<LoadOptions>;

const failureDescriptionLength = 500;

/** Drives `url` with POSTs from `connections` keep-alive connections: a warm-up, then the measured load. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.warmUpSeconds > 0) await loadFor(options, options.warmUpSeconds);
  if (!options.cpuOf) return loadFor(options, options.durationSeconds);
  const { result, cpuPerOperation } = await cpuPerOperationOf(
    options.cpuOf,
    () => loadFor(options, options.durationSeconds),
    (measured) => measured.completed,
  );
  return cpuPerOperation ? { ...result, cpuPerOperation } : result;
}

function loadFor(options: LoadOptions, seconds: number): Promise<LoadResult> {
  const isSuccess = options.isSuccess ?? isSuccessfulGraphqlResponse;
  const successLatencies: number[] = [];
  let completed = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  // autocannon reports a response's status and body to `onResponse`, then its latency to the
  // tracker's "response" event, in that order and synchronously: this carries one to the other.
  let lastResponseSucceeded = false;

  const recordFailure = (description: string) => {
    failures += 1;
    firstFailure ??= description.slice(0, failureDescriptionLength);
  };

  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: seconds,
        method: "POST",
        headers: { "content-type": "application/json", ...options.headers },
        requests: [
          {
            setupRequest: (request) => ({ ...request, body: options.body() }),
            onResponse: (status, responseBody) => {
              completed += 1;
              lastResponseSucceeded = isSuccess(status, responseBody);
              if (!lastResponseSucceeded) recordFailure(`HTTP ${status}: ${responseBody}`);
            },
          },
        ],
      },
      (error) => {
        if (error) return reject(error);
        const elapsedSeconds = (performance.now() - startedAt) / 1000;
        resolve({
          requestsPerSecond: successLatencies.length / elapsedSeconds,
          p50Milliseconds: percentile(successLatencies, 0.5),
          p99Milliseconds: percentile(successLatencies, 0.99),
          completed,
          failures,
          ...(firstFailure === undefined ? {} : { firstFailure }),
        });
      },
    );
    instance.on("response", (_client, _statusCode, _bytes, latencyMilliseconds: number) => {
      if (lastResponseSucceeded) successLatencies.push(latencyMilliseconds);
    });
    instance.on("reqError", (error: Error) => recordFailure(`connection error: ${error.message}`));
  });
}

function isSuccessfulGraphqlResponse(status: number, responseBody: string): boolean {
  if (status !== 200) return false;
  try {
    const parsed: unknown = JSON.parse(responseBody);
    return typeof parsed === "object" && parsed !== null && !("errors" in parsed);
  } catch {
    return false;
  }
}
