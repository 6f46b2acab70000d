import "./thread-pool.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { connectDatabase } from "./db/client.ts";
import { isDatabaseUnavailable } from "./db/errors.ts";
import { applyMigrations } from "./db/migrate.ts";
import { createLogger } from "./logger.ts";
import { startServer } from "./server.ts";

// Process start and stop: configuration, database and migrations, then the HTTP server.

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const logger = createLogger(config.logLevel);
const database = connectDatabase(config.database);
const applied = await applyMigrations(database);
if (applied.length > 0) logger.info({ migrations: applied }, "applied database migrations");
const server = await startServer(config, database, logger);
logger.info({ url: `http://localhost:${config.port}/graphql`, database: config.database.kind }, "identity API listening");

async function shutDown(signal: string) {
  logger.info({ signal }, "shutting down: finishing in-flight requests");
  await server.close();
  await database.close();
  process.exit(0);
}
process.once("SIGTERM", () => void shutDown("SIGTERM"));
// A lost database connection can surface as a rejection nobody awaits (a pool's idle client): the
// service keeps running and answers SERVICE_UNAVAILABLE until the database is back. Anything else
// is a bug, and the process stops as Node would have stopped it.
process.on("unhandledRejection", (reason) => {
  if (isDatabaseUnavailable(reason)) {
    logger.warn({ err: reason }, "database unreachable (unhandled rejection)");
    return;
  }
  logger.fatal({ err: reason }, "unhandled rejection");
  process.exit(1);
});
process.once("SIGINT", () => void shutDown("SIGINT"));
