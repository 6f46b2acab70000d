import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface BenchDatabase {
  kind: "pglite" | "postgres";
  /** What the server gets as DATABASE_URL. */
  url: string;
  /** Removes the database and everything in it. */
  drop(): Promise<void>;
}

/**
 * A fresh database for one run: an embedded one in a temporary directory, or with
 * BENCH_DATABASE_URL (postgres://…) a new database on that server.
 */
export function createBenchDatabase(): Promise<BenchDatabase> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  return serverUrl ? createPostgresDatabase(serverUrl) : createPgliteDatabase();
}

export async function createPgliteDatabase(): Promise<BenchDatabase> {
  const directory = await mkdtemp(join(tmpdir(), "identity-bench-"));
  return {
    kind: "pglite",
    url: `pglite://${directory}`,
    drop: () => rm(directory, { recursive: true, force: true }),
  };
}

async function createPostgresDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `identity_bench_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: "postgres",
    url: url.toString(),
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
