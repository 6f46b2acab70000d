import type { LoadResult } from "./load.ts";
import type { GoalCheck, Measurement } from "./measurement.ts";

/** A goal "ours / reference >= minimum" (issue #7: ratios within one run, same machine). */
export function ratioGoal(scenario: string, goal: string, ours: number, reference: number, minimum: number): GoalCheck {
  const value = reference > 0 ? ours / reference : 0;
  return { scenario, goal, value, met: value >= minimum };
}

/** A goal "value <= maximum" (latencies, memory). */
export function ceilingGoal(scenario: string, goal: string, value: number, maximum: number): GoalCheck {
  return { scenario, goal, value, met: value <= maximum };
}

/** A load with failures is no figure: the scenario stops with what the first failure said. */
export class LoadFailedError extends Error {
  constructor(
    readonly subject: string,
    readonly result: LoadResult,
  ) {
    super(`${subject}: ${result.failures} of ${result.completed} requests failed; the first: ${result.firstFailure ?? "(none kept)"}`);
  }
}

/** The measurement of a load that had no failures (otherwise a LoadFailedError). */
export function measurementOfLoad(
  scenario: string,
  subject: string,
  result: LoadResult,
  details: Pick<Measurement, "parameters" | "peakRssMegabytes"> = {},
): Measurement {
  if (result.failures > 0) throw new LoadFailedError(subject, result);
  return {
    scenario,
    subject,
    operationsPerSecond: result.requestsPerSecond,
    p50Milliseconds: result.p50Milliseconds,
    p99Milliseconds: result.p99Milliseconds,
    ...(result.cpuPerOperation ? { cpuPerOperation: result.cpuPerOperation } : {}),
    ...details,
  };
}
