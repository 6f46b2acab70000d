import { createPgliteDatabase } from "../bench-database.ts";
import { graphqlBody } from "../graphql-requests.ts";
import type { BenchTarget } from "../measurement.ts";
import { freePort, startNodeProcess, stopProcess, waitUntilReady } from "../processes/child-process.ts";
import { productionMallocTunables } from "../processes/identity-server.ts";
import type { BenchSeedUsersInput } from "./bare-server.ts";

/**
 * Runs `work` against bench/baseline/bare-server.ts, started in a process of its own with the
 * server's malloc settings, so that the difference between the two is our code and nothing else.
 * On PostgreSQL it writes to the server's own database; an embedded database belongs to one
 * process, so on PGlite it gets a fresh one of its own, which `work` is told about (to seed it).
 */
export async function withBareServer<Result>(
  target: BenchTarget,
  work: (graphqlUrl: string, server: { ownDatabase: boolean; processId: number }) => Promise<Result>,
): Promise<Result> {
  const ownDatabase = target.database === "pglite" ? await createPgliteDatabase() : undefined;
  const port = await freePort();
  const child = startNodeProcess("bench/baseline/bare-server.ts", {
    environment: { DATABASE_URL: ownDatabase?.url ?? target.databaseUrl, PORT: String(port), GLIBC_TUNABLES: productionMallocTunables },
  });
  const graphqlUrl = `http://127.0.0.1:${port}/graphql`;
  try {
    await waitUntilReady(`${graphqlUrl}?query=%7Bready%7D`, child);
    return await work(graphqlUrl, { ownDatabase: ownDatabase !== undefined, processId: child.pid! });
  } finally {
    await stopProcess(child);
    await ownDatabase?.drop();
  }
}

const seedUsersMutation = `mutation BenchBareSeedUsers($input: JSONObject!) {
  seedUsers(input: $input)
}`;

/** Users in 20,000s: one statement per request keeps each body a few megabytes. */
const seedBatchSize = 20_000;

/** Writes `users` with `digest` through the bare server's `seedUsers`; fails with its answer. */
export async function seedBareServer(graphqlUrl: string, users: BenchSeedUsersInput["users"], digest: string): Promise<void> {
  for (let start = 0; start < users.length; start += seedBatchSize) {
    const input: BenchSeedUsersInput = { users: users.slice(start, start + seedBatchSize), digest };
    const response = await fetch(graphqlUrl, { method: "POST", headers: { "content-type": "application/json" }, body: graphqlBody(seedUsersMutation, { input }) });
    const text = await response.text();
    if (!text.includes('"seedUsers":true')) throw new Error(`seeding the bare server failed: HTTP ${response.status} ${text.slice(0, 500)}`);
  }
}
