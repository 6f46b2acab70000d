import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Database, DriverConnection } from "./client.ts";
import { recomputeUsernameKeys } from "./data-migrations/username-keys.ts";

const migrationsDirectory = fileURLToPath(new URL("../../prisma/migrations/", import.meta.url));

/** Any fixed number: instances starting together take turns applying migrations. */
const migrationLockId = 724_031_995;

// Migrations whose change to the data follows one of the application's rules, which SQL cannot
// reproduce: run after the migration's SQL, in its transaction. Each returns notices for whoever
// runs the service (what it could not do for them).
const dataMigrations: Record<string, (connection: DriverConnection) => Promise<string[]>> = {
  "20261201130000_username_keys": recomputeUsernameKeys,
  "20261202180000_username_keys_turkish_i": recomputeUsernameKeys,
};

/**
 * Applies pending migrations from `prisma/migrations` in order, each in its own transaction,
 * recording them in Prisma's own `_prisma_migrations` table so `prisma migrate status` agrees.
 * Done in-process because the embedded database (`memory://` especially) lives in this process.
 * Returns the names of the migrations it applied; `notice` receives what a data migration asks the
 * operator to do.
 */
export async function applyMigrations(database: Database, notice: (message: string) => void = () => {}): Promise<string[]> {
  const names = (await readdir(migrationsDirectory, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  // Waiting for another instance's migrations, or rewriting a large table, takes as long as it takes.
  return database.withConnection(async (connection) => {
    await connection.query("SELECT pg_advisory_lock($1)", [migrationLockId]);
    try {
      await createMigrationsTable(connection);
      const done = new Set(
        (
          await connection.query<{ migration_name: string }>(
            `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
          )
        ).map((row) => row.migration_name),
      );
      const applied: string[] = [];
      for (const name of names.filter((candidate) => !done.has(candidate))) {
        for (const message of await applyMigration(connection, name)) notice(message);
        applied.push(name);
      }
      return applied;
    } finally {
      await connection.query("SELECT pg_advisory_unlock($1)", [migrationLockId]);
    }
  }, { unboundedQueries: true });
}

async function applyMigration(connection: DriverConnection, name: string): Promise<string[]> {
  const sql = await readFile(`${migrationsDirectory}${name}/migration.sql`, "utf8");
  await connection.executeScript("BEGIN");
  try {
    await connection.executeScript(sql);
    const notices = (await dataMigrations[name]?.(connection)) ?? [];
    await connection.query(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "applied_steps_count")
       VALUES ($1, $2, now(), $3, 1)`,
      [randomUUID(), createHash("sha256").update(sql).digest("hex"), name],
    );
    await connection.executeScript("COMMIT");
    return notices;
  } catch (error) {
    await connection.executeScript("ROLLBACK");
    throw error;
  }
}

// The same table `prisma migrate deploy` creates.
function createMigrationsTable(connection: DriverConnection): Promise<void> {
  return connection.executeScript(`
    CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
}
