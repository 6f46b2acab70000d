import { loadConfig, type Config } from "../../config.ts";
import { connectDatabase, type Database } from "../../db/client.ts";
import { EmbeddedDatabaseInUseError } from "../../db/embedded-database-lock.ts";
import { applyMigrations } from "../../db/migrate.ts";
import { createServiceDependencies, type ServiceDependencies } from "../../domain/dependencies.ts";
import { noRateLimits } from "../../domain/rate-limits/rate-limits.ts";
import { CommandError } from "../command-arguments.ts";

/** What a command that works on the database gets: the server's configuration and domain services. */
export interface AdminContext {
  config: Config;
  services: ServiceDependencies;
}

/**
 * Opens the database the server would open (same environment variables) and brings it to the
 * current migration, as `npm start` does, so commands also work before the server first ran.
 */
export async function openAdminContext(): Promise<{ context: AdminContext; database: Database }> {
  const config = loadConfig();
  const database = connectDatabase(config.database);
  try {
    await applyMigrations(database, (notice) => console.error(notice));
  } catch (error) {
    // The server running on the embedded database is the operator's to stop: their mistake, told
    // in one line as the others are, not a failure of the command.
    if (error instanceof EmbeddedDatabaseInUseError) throw new CommandError(error.message, { cause: error });
    throw error;
  }
  const services = createServiceDependencies(config, database, {
    // Mail a command queues is sent by a server's outbox at its next poll.
    mailQueued: () => {},
    // An operator at the command line is an admin caller: never rate limited (SPEC section 9).
    rateLimits: noRateLimits,
  });
  return { context: { config, services }, database };
}
