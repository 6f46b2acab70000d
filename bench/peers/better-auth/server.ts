// Better Auth as a benchmark peer: its email-and-password sign-up behind Node's HTTP server, on its
// Prisma adapter and the same kind of database as ours. Started by bench/scenarios/better-auth-sign-up.ts.
//
// Environment: DATABASE_URL (postgres://… or pglite://<dir>; its tables are created when missing),
// PORT, and Better Auth's own BETTER_AUTH_SECRET and BETTER_AUTH_URL (its secret and where it is
// served; production mode refuses to start without a secret). Ready when GET /api/auth/ok, Better
// Auth's health endpoint, answers 200.
import "../../../src/thread-pool.ts"; // scrypt runs on libuv's pool: size it exactly as ours is sized
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { PrismaPg } from "@prisma/adapter-pg";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { toNodeHandler } from "better-auth/node";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { parseDatabaseUrl } from "../../../src/config.ts";
import { openPglite } from "../../../src/db/client.ts";
import { PrismaClient } from "./generated/client.ts";

const tablesSql = readFileSync(new URL("./tables.sql", import.meta.url), "utf8");

interface PeerDatabase {
  prisma: PrismaClient;
  executeScript(sql: string): Promise<void>;
  query<Row>(sql: string): Promise<Row[]>;
  close(): Promise<void>;
}

function connect(databaseUrl: string | undefined): PeerDatabase {
  const location = parseDatabaseUrl(databaseUrl);
  if (location.kind === "postgres") {
    // The pool size our server uses (src/db/client.ts), so neither side waits on connections more.
    const pool = new pg.Pool({ connectionString: location.url, max: 20 });
    return {
      prisma: new PrismaClient({ adapter: new PrismaPg(pool) }),
      executeScript: async (sql) => {
        await pool.query(sql);
      },
      query: async <Row>(sql: string) => (await pool.query(sql)).rows as Row[],
      close: () => pool.end(),
    };
  }
  const pglite = openPglite(location);
  return {
    prisma: new PrismaClient({ adapter: new PrismaPGlite(pglite) }),
    executeScript: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <Row>(sql: string) => (await pglite.query<Row>(sql)).rows,
    close: () => pglite.close(),
  };
}

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error("PORT must be a TCP port");

const database = connect(process.env.DATABASE_URL);
const [existing] = await database.query<{ userTable: string | null }>(`SELECT to_regclass('public."user"') AS "userTable"`);
if (existing?.userTable === null) await database.executeScript(tablesSql);

const auth = betterAuth({
  database: prismaAdapter(database.prisma, { provider: "postgresql" }),
  emailAndPassword: { enabled: true },
  // The one change to the defaults: its rate limiter (on in production) is off, as ours is in the
  // benchmark (RATE_LIMITS=off); one client signing up thousands of users would trip either.
  rateLimit: { enabled: false },
});

const handle = toNodeHandler(auth);
// Requests still being handled at the stop: closing their connections does not stop their work,
// which must not meet a database pool already ended.
const handling = new Set<Promise<void>>();
const httpServer = createServer((request, response) => {
  const handled: Promise<void> = handle(request, response)
    .catch(() => void response.destroy())
    .finally(() => handling.delete(handled));
  handling.add(handled);
}).listen(port, "127.0.0.1");

const stop = () => {
  httpServer.close();
  httpServer.closeAllConnections();
  void Promise.allSettled(handling)
    .then(() => database.prisma.$disconnect())
    .then(() => database.close())
    .finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
