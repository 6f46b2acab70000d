import { mkdir, writeFile } from "node:fs/promises";
import { createBenchDatabase } from "./bench-database.ts";
import { crossScenarioGoals } from "./cross-scenario-goals.ts";
import { LoadFailedError } from "./goals.ts";
import { benchConnections, benchDurationSeconds, benchWarmUpSeconds } from "./load.ts";
import type { BenchTarget, Scenario } from "./measurement.ts";
import { buildIdentityServer, cpuProfileDirectory, startIdentityServer } from "./processes/identity-server.ts";
import type { BenchRun } from "./report/bench-run.ts";
import { drawChart } from "./report/chart.ts";
import { describeMachine } from "./report/machine.ts";
import { formatTables } from "./report/table.ts";
import { betterAuthSignUp } from "./scenarios/better-auth-sign-up.ts";
import { createUser } from "./scenarios/create-user.ts";
import { emailLookup } from "./scenarios/email-lookup.ts";
import { importUsers } from "./scenarios/import-users.ts";
import { signIn } from "./scenarios/sign-in.ts";
import { signUp } from "./scenarios/sign-up.ts";
import { userPages } from "./scenarios/user-pages.ts";

// `npm run bench`: the real server on a fresh database, every scenario of issue #7 in order, then
// a table on stdout and bench/results/<name>.json and .svg. BENCH_SCENARIOS=signUp,signIn runs
// some of them; BENCH_CPU_PROFILE=1 has the server write CPU profiles to bench/results/profiles.

const scenarios: Record<string, Scenario> = {
  signUp,
  signIn,
  createUser,
  betterAuthSignUp,
  importUsers,
  userPages,
  emailLookup,
};

const resultsDirectory = "bench/results";

function selectedScenarioNames(): string[] {
  const wanted = process.env.BENCH_SCENARIOS?.split(",").map((name) => name.trim()).filter((name) => name !== "");
  if (!wanted) return Object.keys(scenarios);
  const unknown = wanted.filter((name) => !(name in scenarios));
  if (unknown.length > 0) throw new Error(`unknown scenario(s) ${unknown.join(", ")}; known: ${Object.keys(scenarios).join(", ")}`);
  return wanted;
}

async function runScenarios(target: BenchTarget, names: string[]): Promise<Pick<BenchRun, "measurements" | "goals" | "failedScenarios">> {
  const collected: Pick<BenchRun, "measurements" | "goals" | "failedScenarios"> = { measurements: [], goals: [], failedScenarios: [] };
  for (const name of names) {
    const startedAt = Date.now();
    console.error(`${name}: running`);
    try {
      const result = await scenarios[name]!(target);
      collected.measurements.push(...result.measurements);
      collected.goals.push(...result.goals);
      console.error(`${name}: done in ${Math.round((Date.now() - startedAt) / 1000)} s`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`${name}: FAILED: ${message}`);
      collected.failedScenarios.push({ scenario: name, error: message });
      const failures = error instanceof LoadFailedError ? error.result.failures : Number.NaN;
      collected.goals.push({ scenario: name, goal: "ran without failed requests", value: failures, met: false });
    }
  }
  return collected;
}

const names = selectedScenarioNames();
buildIdentityServer();
const database = await createBenchDatabase();
const cpuProfile = process.env.BENCH_CPU_PROFILE === "1";
if (cpuProfile) await mkdir(cpuProfileDirectory, { recursive: true });
const runName = process.env.BENCH_NAME || database.kind;
const startedAt = new Date();
let collected: Awaited<ReturnType<typeof runScenarios>>;
try {
  const server = await startIdentityServer({ databaseUrl: database.url, cpuProfile });
  try {
    collected = await runScenarios(
      {
        graphqlUrl: server.graphqlUrl,
        adminApiKey: server.adminApiKey,
        database: database.kind,
        databaseUrl: database.url,
        serverProcessId: server.processId,
      },
      names,
    );
  } finally {
    await server.stop();
  }
} finally {
  await database.drop();
}

const run: BenchRun = {
  name: runName,
  date: startedAt.toISOString(),
  database: database.kind,
  machine: describeMachine(),
  load: { connections: benchConnections, warmUpSeconds: benchWarmUpSeconds, durationSeconds: benchDurationSeconds },
  measurements: collected.measurements,
  goals: [...collected.goals, ...crossScenarioGoals(collected.measurements, database.kind)],
  failedScenarios: collected.failedScenarios,
};
await mkdir(resultsDirectory, { recursive: true });
await writeFile(`${resultsDirectory}/${runName}.json`, `${JSON.stringify(run, null, 2)}\n`);
await writeFile(`${resultsDirectory}/${runName}.svg`, drawChart(run));
process.stdout.write(formatTables(run));
console.error(`\nwrote ${resultsDirectory}/${runName}.json and ${resultsDirectory}/${runName}.svg in ${Math.round((Date.now() - startedAt.getTime()) / 1000)} s`);
if (run.failedScenarios.length > 0) process.exitCode = 1;
