import { createPgliteDatabase } from "../bench-database.ts";
import type { BenchTarget } from "../measurement.ts";
import { freePort, startNodeProcess, stopProcess, waitUntilReady } from "../processes/child-process.ts";
import { productionMallocTunables } from "../processes/identity-server.ts";

/**
 * Runs `work` against bench/baseline/bare-server.ts, started in a process of its own with the
 * server's malloc settings, so that the difference between the two is our code and nothing else.
 * On PostgreSQL it writes to the server's own database; an embedded database belongs to one
 * process, so on PGlite it gets a fresh one of its own.
 */
export async function withBareServer<Result>(target: BenchTarget, work: (graphqlUrl: string) => Promise<Result>): Promise<Result> {
  const ownDatabase = target.database === "pglite" ? await createPgliteDatabase() : undefined;
  const port = await freePort();
  const child = startNodeProcess("bench/baseline/bare-server.ts", {
    environment: { DATABASE_URL: ownDatabase?.url ?? target.databaseUrl, PORT: String(port), GLIBC_TUNABLES: productionMallocTunables },
  });
  const graphqlUrl = `http://127.0.0.1:${port}/graphql`;
  try {
    await waitUntilReady(`${graphqlUrl}?query=%7Bready%7D`, child);
    return await work(graphqlUrl);
  } finally {
    await stopProcess(child);
    await ownDatabase?.drop();
  }
}
