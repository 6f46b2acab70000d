import type { GoalCheck, Measurement } from "../measurement.ts";
import type { BenchRun } from "./bench-run.ts";
import { formatGoalValue, formatNumber } from "./table.ts";

// A horizontal bar chart of throughputs, one group per scenario: our figures in blue, the limits and
// bare baselines they are compared with in grey, the peer (Better Auth) in amber; each group on its
// own scale so that a ratio reads at a glance, with the group's goals printed under its bars.

const width = 1000;
const labelWidth = 440;
const barAreaWidth = 400;
const barHeight = 18;
const rowHeight = 26;
const groupGap = 18;
const subjectKinds = [
  { label: "this API", color: "#2563eb", matches: (subject: string) => subject.startsWith("identity API") },
  { label: "Better Auth", color: "#d97706", matches: (subject: string) => subject.startsWith("Better Auth") },
  { label: "limit or bare baseline", color: "#9ca3af", matches: () => true },
];

export function drawChart(run: BenchRun): string {
  const scenarios = [...new Set(run.measurements.filter(hasThroughput).map((measurement) => measurement.scenario))];
  const elements: string[] = [];
  let y = 30;
  elements.push(text(16, y, `Throughput per scenario (ops/s), ${run.database}, ${run.load.connections} connections`, { weight: "bold", size: 16 }));
  y += 20;
  elements.push(text(16, y, `${run.machine.cores} × ${run.machine.cpuModel}, node ${run.machine.node}, ${run.date.slice(0, 10)}. Bars are scaled within each scenario.`, { size: 12, color: "#4b5563" }));
  y += 22;
  let legendX = 16;
  for (const kind of subjectKinds) {
    elements.push(`<rect x="${legendX}" y="${y - 10}" width="12" height="12" rx="2" fill="${kind.color}"/>`);
    elements.push(text(legendX + 18, y, kind.label, { size: 12 }));
    legendX += 18 + kind.label.length * 7 + 24;
  }
  for (const scenario of scenarios) {
    y += groupGap;
    const measurements = run.measurements.filter((measurement) => measurement.scenario === scenario && hasThroughput(measurement));
    const largest = Math.max(...measurements.map((measurement) => measurement.operationsPerSecond!));
    y += 8;
    elements.push(text(16, y, scenario, { weight: "bold", size: 14 }));
    y += 8;
    for (const measurement of measurements) {
      const barWidth = Math.max(1, (measurement.operationsPerSecond! / largest) * barAreaWidth);
      const color = subjectKinds.find((kind) => kind.matches(measurement.subject))!.color;
      elements.push(text(labelWidth - 8, y + barHeight - 4, measurement.subject, { anchor: "end", size: 13 }));
      elements.push(`<rect x="${labelWidth}" y="${y}" width="${barWidth.toFixed(1)}" height="${barHeight}" rx="3" fill="${color}"/>`);
      elements.push(text(labelWidth + barWidth + 6, y + barHeight - 4, `${formatNumber(measurement.operationsPerSecond)}/s`, { size: 13 }));
      y += rowHeight;
    }
    for (const goal of run.goals.filter((goal) => goal.scenario === scenario)) {
      y += 4;
      elements.push(text(labelWidth, y + 10, goalLine(goal), { size: 12, color: goal.met ? "#15803d" : "#b91c1c" }));
      y += 16;
    }
  }
  const height = y + 24;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...elements,
    "</svg>",
    "",
  ].join("\n");
}

function hasThroughput(measurement: Measurement): boolean {
  return measurement.operationsPerSecond !== undefined && measurement.operationsPerSecond > 0;
}

function goalLine(goal: GoalCheck): string {
  return `${goal.met ? "✓" : "✗"} ${goal.goal}: ${formatGoalValue(goal.value)}`;
}

function text(
  x: number,
  y: number,
  content: string,
  style: { size: number; weight?: "bold"; anchor?: "end"; color?: string },
): string {
  const attributes = [
    `x="${x.toFixed(1)}"`,
    `y="${y.toFixed(1)}"`,
    `font-size="${style.size}"`,
    `fill="${style.color ?? "#111827"}"`,
    ...(style.weight ? [`font-weight="${style.weight}"`] : []),
    ...(style.anchor ? [`text-anchor="${style.anchor}"`] : []),
  ];
  return `<text ${attributes.join(" ")}>${escapeXml(content)}</text>`;
}

function escapeXml(content: string): string {
  return content.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
