import { readdirSync, readFileSync } from "node:fs";

// Where a load's CPU goes, per operation: the server's main thread (HTTP, GraphQL, our code, the
// Prisma client), its other threads (libuv's pool doing the password hashing, V8's GC helpers),
// PostgreSQL's processes and the load generator (this process). On two cores all of them share the
// same CPUs, so the sum bounds the throughput: cores / (CPU per operation). Read from Linux's
// /proc; elsewhere there is no breakdown.

/** CPU milliseconds per operation of one measured load (or per hash of a limit), by where they were spent. */
export interface CpuPerOperation {
  mainThread: number;
  /** The thread pool (password hashing) and V8's helper threads. */
  otherThreads: number;
  /** PostgreSQL's processes; an embedded database runs on the server's main thread instead. */
  database?: number;
  loadGenerator?: number;
}

/** What to account for: the server's process, and whether its database is PostgreSQL's processes. */
export interface CpuAccountingTarget {
  processId: number;
  database: "pglite" | "postgres";
}

const clockTicksPerSecond = 100;

/** The CPU of `measure`'s work per operation (it answers how many operations it completed). */
export async function cpuPerOperationOf<Result>(
  target: CpuAccountingTarget,
  measure: () => Promise<Result>,
  operationsOf: (result: Result) => number,
): Promise<{ result: Result; cpuPerOperation?: CpuPerOperation }> {
  const postgresBefore = target.database === "postgres" && process.platform === "linux" ? postgresSecondsByProcess() : undefined;
  const before = cpuSeconds(target);
  const result = await measure();
  const after = cpuSeconds(target);
  const operations = operationsOf(result);
  if (!before || !after || operations === 0) return { result };
  const cpuPerOperation = perOperation(before, after, operations);
  if (postgresBefore) cpuPerOperation.database = (postgresSecondsSince(postgresBefore) * 1000) / operations;
  return { result, cpuPerOperation };
}

/** CPU seconds spent so far by each part but the database (the same fields as per operation). */
type CpuSeconds = Omit<CpuPerOperation, "database">;

/** The CPU of one process's threads so far, for a process measuring itself (a limit worker). */
export function ownCpuSeconds(): CpuSeconds | undefined {
  return process.platform === "linux" ? threadSeconds(process.pid) : undefined;
}

/** What was spent between two readings, in milliseconds per operation. */
export function perOperation(before: CpuSeconds, after: CpuSeconds, operations: number): CpuPerOperation {
  const millisecondsPerOperation = (start: number, end: number) => ((end - start) * 1000) / operations;
  return {
    mainThread: millisecondsPerOperation(before.mainThread, after.mainThread),
    otherThreads: millisecondsPerOperation(before.otherThreads, after.otherThreads),
    ...(before.loadGenerator === undefined || after.loadGenerator === undefined
      ? {}
      : { loadGenerator: millisecondsPerOperation(before.loadGenerator, after.loadGenerator) }),
  };
}

/** All of an operation's CPU, and the operations per second `cores` allow at that cost. */
export function cpuBound(cpu: CpuPerOperation, cores: number): { totalMilliseconds: number; operationsPerSecond: number } {
  const totalMilliseconds = cpu.mainThread + cpu.otherThreads + (cpu.database ?? 0) + (cpu.loadGenerator ?? 0);
  return { totalMilliseconds, operationsPerSecond: (cores * 1000) / totalMilliseconds };
}

function cpuSeconds(target: CpuAccountingTarget): CpuSeconds | undefined {
  if (process.platform !== "linux") return undefined;
  const own = process.cpuUsage();
  return { ...threadSeconds(target.processId), loadGenerator: (own.user + own.system) / 1e6 };
}

function threadSeconds(processId: number): Pick<CpuSeconds, "mainThread" | "otherThreads"> {
  let mainThread = 0;
  let otherThreads = 0;
  for (const threadId of readdirSync(`/proc/${processId}/task`)) {
    const seconds = readStat(`/proc/${processId}/task/${threadId}/stat`)?.seconds ?? 0;
    if (threadId === String(processId)) mainThread += seconds;
    else otherThreads += seconds;
  }
  return { mainThread, otherThreads };
}

/** CPU seconds of each PostgreSQL process on this machine (the bench's database runs here, with nothing else). */
function postgresSecondsByProcess(): Map<string, number> {
  const seconds = new Map<string, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(`/proc/${entry}/stat`);
    if (stat?.command.startsWith("postgres")) seconds.set(entry, stat.seconds);
  }
  return seconds;
}

/**
 * What PostgreSQL's processes spent since `before`, process by process: a backend started since
 * counts whole; one that ended took its time out of /proc with it (so it is left out, rather than
 * subtracted from the others).
 */
function postgresSecondsSince(before: Map<string, number>): number {
  let spent = 0;
  for (const [processId, seconds] of postgresSecondsByProcess()) spent += seconds - (before.get(processId) ?? 0);
  return spent;
}

/** A /proc stat line's command and its user + system time (a thread or process may end meanwhile). */
function readStat(path: string): { command: string; seconds: number } | undefined {
  let line: string;
  try {
    line = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  // The command is in parentheses and may hold spaces; the fields after it are numbered from 3.
  const commandEnd = line.lastIndexOf(")");
  const fields = line.slice(commandEnd + 2).split(" ");
  const [userTicks, systemTicks] = [Number(fields[11]), Number(fields[12])];
  return { command: line.slice(line.indexOf("(") + 1, commandEnd), seconds: (userTicks + systemTicks) / clockTicksPerSecond };
}
