import { availableParallelism, cpus, platform, release, totalmem } from "node:os";
import type { BenchRun } from "./bench-run.ts";

/** What makes figures from different machines incomparable, recorded with every run. */
export function describeMachine(): BenchRun["machine"] {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    cores: availableParallelism(),
    memoryGigabytes: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${platform()} ${release()}`,
  };
}
