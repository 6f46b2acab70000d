import { readFile, writeFile } from "node:fs/promises";

/** The peak resident set size of a live process (`VmHWM` in /proc/<pid>/status), in megabytes. */
export async function peakRssMegabytes(processId: number): Promise<number> {
  const status = await readFile(`/proc/${processId}/status`, "utf8");
  const kibibytes = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kibibytes === undefined) throw new Error(`no VmHWM for process ${processId}`);
  return Number(kibibytes) / 1024;
}

/**
 * Lowers the process's peak RSS mark to its current RSS (Linux: "5" to /proc/<pid>/clear_refs), so
 * that the next reading is the peak of what happened since, not of the start (an embedded
 * database's initdb, for one, peaks far above what serving requests needs).
 */
export async function resetPeakRss(processId: number): Promise<void> {
  await writeFile(`/proc/${processId}/clear_refs`, "5");
}
