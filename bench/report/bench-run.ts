import type { GoalCheck, Measurement } from "../measurement.ts";

/** Everything one `npm run bench` found: what bench/results/<name>.json holds. */
export interface BenchRun {
  name: string;
  date: string;
  database: "pglite" | "postgres";
  machine: { cpuModel: string; cores: number; memoryGigabytes: number; node: string; platform: string };
  load: { connections: number; warmUpSeconds: number; durationSeconds: number };
  measurements: Measurement[];
  goals: GoalCheck[];
  /** Scenarios that stopped with an error (failed requests, a crash): they have no valid figure. */
  failedScenarios: Array<{ scenario: string; error: string }>;
}
