import "./thread-pool.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { connectDatabase } from "./db/client.ts";
import { isDatabaseUnavailable } from "./db/errors.ts";
import { applyMigrations } from "./db/migrate.ts";
import { createLogger } from "./logger.ts";
import { startServer, type RunningServer } from "./server.ts";

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
let server: RunningServer;
try {
  const applied = await applyMigrations(database, (notice) => logger.warn(notice));
  if (applied.length > 0) logger.info({ migrations: applied }, "applied database migrations");
  server = await startServer(config, database, logger);
} catch (error) {
  // Configuration found wrong only against the database or the disk (SECRET_KEY, MAIL_DROP_DIR):
  // the same plain line as the variables' own checks above.
  if (error instanceof ConfigError) console.error(error.message);
  // One log line instead of a stack trace on stderr: the port is taken, the database refuses...
  // Written with LOG_LEVEL=silent too: an exit code alone does not say what to fix.
  else (logger.isLevelEnabled("fatal") ? logger : createLogger("fatal")).fatal({ err: error }, "could not start");
  await database.close().catch(() => {});
  process.exit(1);
}
const { port } = new URL(server.url);
logger.info({ url: `http://localhost:${port}/graphql`, port: Number(port), database: config.database.kind }, "identity API listening");

let stopping: Promise<void> | undefined;

/** SIGTERM/SIGINT: answer the requests in flight, then close the database; a second signal waits for the first. */
function stop(signal: NodeJS.Signals) {
  stopping ??= (async () => {
    logger.info({ signal }, "shutting down: finishing in-flight requests");
    try {
      await server.close();
      await database.close();
      logger.info("stopped");
      process.exit(0);
    } catch (error) {
      logger.fatal({ err: error }, "shutdown failed");
      process.exit(1);
    }
  })();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

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
