import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseLocation } from "../config.ts";
import { PrismaClient } from "../generated/prisma/client.ts";
import type { DriverStatements } from "./bulk-rows.ts";
import { lockEmbeddedDatabase, type EmbeddedDatabaseLock } from "./embedded-database-lock.ts";
import { isDatabaseUnavailable } from "./errors.ts";
import { releasedWhenLost } from "./lost-connections.ts";
import { StatementNames, statementPreparingClient } from "./prepared-statements.ts";
import { cacheQueryPlans } from "./query-plan-cache.ts";
import { closeStalledConnections, defaultQueryTimeoutMilliseconds } from "./stalled-connections.ts";

/**
 * The one place that knows which database is underneath: the embedded PostgreSQL (PGlite) or a
 * PostgreSQL server. Everything else talks to `prisma`.
 */
export interface Database {
  prisma: PrismaClient;
  /** Statements run by the driver itself, past Prisma, on hot paths (see `bulk-rows.ts`). */
  statements: DriverStatements;
  /** Runs `work` on one connection of the driver itself (migrations, locks, health checks). */
  withConnection<Result>(work: (connection: DriverConnection) => Promise<Result>, options?: ConnectionOptions): Promise<Result>;
  close(): Promise<void>;
}

export interface ConnectionOptions {
  /**
   * On PostgreSQL, a query that waits longer than the query timeout for the server's answer fails
   * (see `stalled-connections.ts`): `true` lets this work's queries wait as long as they take
   * (migrations, which wait their turn on another instance's lock and may rewrite a large table).
   * @default false
   */
  unboundedQueries?: boolean;
}

export interface DriverConnection {
  /** Runs SQL that may hold several statements. */
  executeScript(sql: string): Promise<void>;
  query<Row>(sql: string, parameters?: unknown[]): Promise<Row[]>;
}

export function connectDatabase(location: DatabaseLocation): Database {
  cacheQueryPlans();
  return location.kind === "postgres" ? connectPostgres(location) : connectPglite(location);
}

/**
 * The embedded database, in memory or in its directory (made when missing). A directory another
 * process has open is refused (see `embedded-database-lock.ts`): the first query rejects with an
 * `EmbeddedDatabaseInUseError`, as with any directory PGlite cannot open, so the refusal reaches
 * the code that reports a database refusing (`npm start`'s "could not start").
 */
export function openPglite(location: Exclude<DatabaseLocation, { kind: "postgres" }>): PGlite {
  if (location.kind === "memory") return new PGlite();
  mkdirSync(location.directory, { recursive: true });
  const pglite = new PGlite({ fs: new LockedNodeFS(location.directory) });
  // Until a first query awaits it, a failed opening would be an unhandled rejection, which ends
  // the process before it could say why.
  pglite.waitReady.catch(() => {});
  return pglite;
}

/**
 * PGlite's own file system for a directory, holding the directory's lock while PGlite has it
 * mounted: taken before PGlite reads a file, released after it has written its last one, whoever
 * closes it (`Database.close`, or code holding the PGlite itself).
 */
class LockedNodeFS extends NodeFS {
  #lock: EmbeddedDatabaseLock | undefined;

  override async init(...args: Parameters<NodeFS["init"]>): ReturnType<NodeFS["init"]> {
    this.#lock = lockEmbeddedDatabase(this.rootDir);
    return super.init(...args);
  }

  override async closeFs(): Promise<void> {
    await super.closeFs();
    this.#lock?.release();
  }
}

function connectPglite(location: Exclude<DatabaseLocation, { kind: "postgres" }>): Database {
  const pglite = openPglite(location);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const statements: DriverStatements = {
    query: async <Row>(sql: string, parameters: unknown[]) => (await pglite.query<Row>(sql, parameters)).rows,
    // PGlite runs every other query and transaction (Prisma's too) after this one ends.
    transaction: (work) =>
      pglite.transaction((transaction) =>
        work({ query: async <Row>(sql: string, parameters: unknown[]) => (await transaction.query<Row>(sql, parameters)).rows }),
      ),
  };
  return {
    prisma,
    statements,
    // PGlite is a single connection already.
    withConnection: (work) =>
      work({
        executeScript: async (sql) => {
          await pglite.exec(sql);
        },
        query: async <Row>(sql: string, parameters: unknown[] = []) => (await pglite.query<Row>(sql, parameters)).rows,
      }),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

function connectPostgres({
  url,
  preparedStatements = true,
  queryTimeoutMilliseconds = defaultQueryTimeoutMilliseconds,
}: Extract<DatabaseLocation, { kind: "postgres" }>): Database {
  // connectionTimeoutMillis: with the server unreachable (packets dropped), a checkout fails after
  // 5 s (answered as SERVICE_UNAVAILABLE) instead of hanging the request.
  const pool = new pg.Pool({
    connectionString: url,
    max: 20,
    connectionTimeoutMillis: 5_000,
    Client: releasedWhenLost(preparedStatements ? statementPreparingClient(new StatementNames()) : pg.Client),
  });
  // An idle client that loses its connection (server restart) must not crash the process.
  pool.on("error", () => {});
  const stalledConnections = closeStalledConnections(pool, queryTimeoutMilliseconds);
  // An interactive transaction (updateUser, updateMe, verifyEmail, requestEmailVerification) that
  // runs past `timeout` (Prisma's default is 5 s) is ended by Prisma and answered
  // SERVICE_UNAVAILABLE (see `isDatabaseUnavailable`); so is one of its statements that waits
  // DATABASE_QUERY_TIMEOUT_MS for a row another writer holds, whose connection is closed. The
  // limit follows that setting, so that one setting says how long a write waits for the database
  // before the client is told to retry: twice it, so that a single long wait is ended by the
  // closed connection first. Were Prisma's timer first, it would send its ROLLBACK behind the
  // waiting statement, and the closed connection would fail that ROLLBACK where Prisma awaits
  // nothing (an unhandled rejection). Several waits that add up to the limit end with Prisma's.
  // `maxWait`, the wait for a free connection to begin on, keeps its 2 s: it runs out when the
  // pool is taken, and answering 503 then sheds load instead of queueing more requests behind it.
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: { timeout: 2 * queryTimeoutMilliseconds } });
  const onOneConnection = async <Result>(work: (client: pg.PoolClient, discard: (reason: unknown) => void) => Promise<Result>) => {
    const client = await pool.connect();
    // A checked-out client has no listener of the pool's: a connection lost between two queries
    // would be an unhandled 'error' event, which ends the process. Such a client is discarded.
    let broken: Error | undefined;
    const discard = (reason: unknown) => {
      broken ??= reason instanceof Error ? reason : new Error(String(reason));
    };
    client.on("error", discard);
    try {
      return await work(client, discard);
    } catch (error) {
      if (isDatabaseUnavailable(error)) discard(error);
      throw error;
    } finally {
      client.removeListener("error", discard);
      client.release(broken);
    }
  };
  const statements: DriverStatements = {
    query: async <Row>(sql: string, parameters: unknown[]) => (await pool.query(sql, parameters)).rows as Row[],
    transaction: (work) =>
      onOneConnection(async (client, discard) => {
        await client.query("BEGIN");
        try {
          const result = await work({ query: async <Row>(sql: string, parameters: unknown[]) => (await client.query(sql, parameters)).rows as Row[] });
          await client.query("COMMIT");
          return result;
        } catch (error) {
          // A connection that cannot even roll back may still be inside the transaction: it must
          // not serve anyone else.
          await client.query("ROLLBACK").catch(discard);
          throw error;
        }
      }),
  };
  return {
    prisma,
    statements,
    withConnection: (work, { unboundedQueries = false } = {}) =>
      onOneConnection((client) => {
        const connection: DriverConnection = {
          executeScript: async (sql) => {
            await client.query(sql);
          },
          query: async <Row>(sql: string, parameters: unknown[] = []) => (await client.query(sql, parameters)).rows as Row[],
        };
        return unboundedQueries ? stalledConnections.withoutTimeout(client, () => work(connection)) : work(connection);
      }),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
