import type { CpuPerOperation } from "./processes/cpu-time.ts";

/**
 * What every benchmark scenario reports. One scenario can report several measurements (ours, the
 * limit it is compared with, a peer), and the runner prints them as one table, writes them to
 * `bench/results/<name>.json` and draws the chart from them.
 */
export interface Measurement {
  /** The scenario's name, e.g. "signUp". */
  scenario: string;
  /** What was measured, e.g. "identity API signUp", "raw argon2id hash", "Better Auth sign-up". */
  subject: string;
  /** Completed operations per second (requests, hashes or users). */
  operationsPerSecond?: number;
  p50Milliseconds?: number;
  p99Milliseconds?: number;
  /** Peak resident set size of the measured process. */
  peakRssMegabytes?: number;
  /** Parameters that make the figure comparable, e.g. "argon2id m=19456 KiB, t=2, p=1". */
  parameters?: string;
  /** Where the CPU went, in milliseconds per operation (Linux only). */
  cpuPerOperation?: CpuPerOperation;
}

/** A goal from issue #7, checked against the measurements of one run. */
export interface GoalCheck {
  scenario: string;
  /** e.g. "signUp / raw argon2id >= 0.9" */
  goal: string;
  /** The measured value the goal is about (a ratio, milliseconds, users/s or megabytes). */
  value: number;
  met: boolean;
}

/** Where the scenarios find the server under test. */
export interface BenchTarget {
  /** e.g. http://127.0.0.1:4100/graphql */
  graphqlUrl: string;
  /** Sent as `Authorization: Bearer <key>` for admin operations. */
  adminApiKey: string;
  /** "pglite" or "postgres": the database the server runs on. */
  database: "pglite" | "postgres";
  /** The server's DATABASE_URL (a baseline on PostgreSQL writes to the same database). */
  databaseUrl: string;
  /** The server's process id, for RSS sampling. */
  serverProcessId: number;
}

/** Loads the server (warm-up first, then a bounded measured run) and reports what it saw. */
export type Scenario = (target: BenchTarget) => Promise<{ measurements: Measurement[]; goals: GoalCheck[] }>;
