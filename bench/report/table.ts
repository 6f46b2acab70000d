import { cpuBound } from "../processes/cpu-time.ts";
import type { BenchRun } from "./bench-run.ts";

/** The run as plain-text tables: measurements, where their CPU went, goals, then failed scenarios. */
export function formatTables(run: BenchRun): string {
  const measurementRows = run.measurements.map((measurement) => [
    measurement.scenario,
    measurement.subject,
    formatNumber(measurement.operationsPerSecond),
    formatNumber(measurement.p50Milliseconds),
    formatNumber(measurement.p99Milliseconds),
    formatNumber(measurement.peakRssMegabytes),
    measurement.parameters ?? "",
  ]);
  const cpuRows = run.measurements.flatMap(({ scenario, subject, cpuPerOperation: cpu }) => {
    if (!cpu) return [];
    const bound = cpuBound(cpu, run.machine.cores);
    return [
      [
        scenario,
        subject,
        formatNumber(cpu.mainThread),
        formatNumber(cpu.otherThreads),
        formatNumber(cpu.database),
        formatNumber(cpu.loadGenerator),
        formatNumber(bound.totalMilliseconds),
        formatNumber(bound.operationsPerSecond),
      ],
    ];
  });
  const goalRows = run.goals.map((goal) => [goal.scenario, goal.goal, formatGoalValue(goal.value), goal.met ? "met" : "NOT MET"]);
  const sections = [
    `${run.name}: ${run.database}, ${run.machine.cores} × ${run.machine.cpuModel}, node ${run.machine.node}, ${run.load.connections} connections, ${run.load.warmUpSeconds} s warm-up + ${run.load.durationSeconds} s measured`,
    alignColumns([["scenario", "subject", "ops/s", "p50 ms", "p99 ms", "peak RSS MB", "parameters"], ...measurementRows]),
    ...(cpuRows.length === 0
      ? []
      : [
          `CPU milliseconds per operation, and the operations per second ${run.machine.cores} cores allow at that cost\n` +
            alignColumns([["scenario", "subject", "main thread", "other threads", "database", "load generator", "total", "cores allow"], ...cpuRows]),
        ]),
    alignColumns([["scenario", "goal", "value", "result"], ...goalRows]),
    ...run.failedScenarios.map((failure) => `FAILED ${failure.scenario}: ${failure.error}`),
  ];
  return `${sections.join("\n\n")}\n`;
}

/** Figures as the table and the chart print them: three significant digits or whole numbers. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined) return "";
  return value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(value >= 10 ? 1 : 2);
}

/** Ratios with three decimals, so that 0.899 does not read as a met 0.90. */
export function formatGoalValue(value: number): string {
  return value < 10 ? value.toFixed(3) : formatNumber(value);
}

function alignColumns(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd()).join("\n");
}
