import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { repositoryRoot } from "./processes/child-process.ts";

// `npx tsx bench/summarize-profile.ts <file.cpuprofile> [rows]`: where a V8 CPU profile (from
// BENCH_CPU_PROFILE=1) spent its time, by function (self time) and by package or our own file
// (self time summed), so the hot paths can be read without a browser.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [profilePath, rowsText] = process.argv.slice(2);
if (!profilePath) throw new Error("usage: tsx bench/summarize-profile.ts <file.cpuprofile> [rows]");
const rows = Number(rowsText ?? 25);
const profile = JSON.parse(await readFile(profilePath, "utf8")) as CpuProfile;

const nodesById = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicroseconds = new Map<number, number>();
profile.samples.forEach((nodeId, index) => {
  selfMicroseconds.set(nodeId, (selfMicroseconds.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
const totalMicroseconds = profile.endTime - profile.startTime;

function sumBy(key: (node: ProfileNode) => string): Array<[string, number]> {
  const sums = new Map<string, number>();
  for (const [nodeId, microseconds] of selfMicroseconds) {
    const name = key(nodesById.get(nodeId)!);
    sums.set(name, (sums.get(name) ?? 0) + microseconds);
  }
  return [...sums].sort((left, right) => right[1] - left[1]).slice(0, rows);
}

function location(node: ProfileNode): string {
  const url = node.callFrame.url.replace(/^file:\/\//, "");
  if (url === "") return "(native)";
  const nodeModule = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  return nodeModule ?? relative(repositoryRoot, url);
}

function print(title: string, sums: Array<[string, number]>): void {
  console.log(`\n${title}`);
  for (const [name, microseconds] of sums) {
    console.log(`${((microseconds / totalMicroseconds) * 100).toFixed(1).padStart(5)}%  ${(microseconds / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  }
}

console.log(`${profilePath}: ${(totalMicroseconds / 1e6).toFixed(1)} s profiled`);
print("self time by function", sumBy((node) => `${node.callFrame.functionName || "(anonymous)"}  ${location(node)}:${node.callFrame.lineNumber + 1}`));
print("self time by package or file", sumBy(location));
