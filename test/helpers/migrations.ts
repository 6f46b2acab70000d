import { connectDatabase, type Database } from "../../src/db/client.ts";
import { applyMigrations } from "../../src/db/migrate.ts";
import { createPostgresDatabase } from "./server.ts";

/**
 * Runs `work` on a new database with every migration applied: a PostgreSQL database of its own
 * under TEST_DATABASE=postgres (dropped afterwards), an in-memory embedded one otherwise.
 */
export async function withMigratedDatabase(work: (database: Database) => Promise<void>): Promise<void> {
  const postgres = process.env.TEST_DATABASE === "postgres" ? await createPostgresDatabase() : undefined;
  const database = connectDatabase(postgres ? { kind: "postgres", url: postgres.url } : { kind: "memory" });
  try {
    await applyMigrations(database);
    await work(database);
  } finally {
    await database.close();
    await postgres?.drop();
  }
}

/**
 * Makes `migration` pending again, so that the next `applyMigrations` runs it on the rows stored
 * since, as on a database it had not reached yet: how a data migration is tested.
 */
export async function forgetMigration(database: Database, migration: string): Promise<void> {
  await database.statements.query(`DELETE FROM "_prisma_migrations" WHERE migration_name = $1`, [migration]);
}
