import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { print, type ExecutionResult } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import pg from "pg";
import { expect } from "vitest";
import { loadConfig, type Config } from "../../src/config.ts";
import { connectDatabase, type Database } from "../../src/db/client.ts";
import { applyMigrations } from "../../src/db/migrate.ts";
import { createLogger } from "../../src/logger.ts";
import { startServer } from "../../src/server.ts";
import { CreateUserMutation } from "../documents.ts";
import type { CreateUserInput, CreateUserMutation as CreateUserMutationResult } from "../generated/graphql.ts";

export const adminApiKey = "test-admin-key-0123456789abcdefghijklmnopqrstuvwxyz";

export interface Response<Data> {
  status: number;
  headers: Headers;
  body: ExecutionResult<Data, { code?: string; [key: string]: unknown }>;
}

type CreatedUser = Extract<CreateUserMutationResult["createUser"], { __typename: "CreateUserSuccess" }>["user"];

export interface RequestOptions {
  /** Send the admin API key. */
  admin?: boolean;
  headers?: Record<string, string>;
}

export interface TestServer {
  url: string;
  origin: string;
  config: Config;
  database: Database;
  /** Runs a typed operation over real HTTP. */
  request<Data, Variables>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
    options?: RequestOptions,
  ): Promise<Response<Data>>;
  /** `request`, failing the test when the server answers with a 5xx: client mistakes never may. */
  send<Data, Variables>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
    options?: RequestOptions,
  ): Promise<Response<Data>>;
  /** Creates a user with the admin key and returns it; anything but CreateUserSuccess fails the test. */
  createUser(input: CreateUserInput): Promise<CreatedUser>;
  close(): Promise<void>;
}

/**
 * Starts the real server on a fresh database: an in-memory embedded one, or, in the "postgres"
 * project, a new database on TEST_DATABASE_URL's server that is dropped afterwards.
 */
export interface TestServerOptions {
  /** Postgres project: the URL the server uses for its fresh database (e.g. through a proxy). */
  databaseUrlFor?(url: string): string;
}

export async function startTestServer(
  environment: Record<string, string> = {},
  options: TestServerOptions = {},
): Promise<TestServer> {
  // A DATABASE_URL given here is another test server's database (several instances on one database).
  const postgres = process.env.TEST_DATABASE === "postgres" && !environment.DATABASE_URL ? await createPostgresDatabase() : undefined;
  // Without SMTP_URL mail is written to files: into a directory of this server's own (made at
  // start), gone with the server.
  const mailDropDirectory = join(tmpdir(), `identity-test-mail-${randomBytes(6).toString("hex")}`);
  const config = loadConfig({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    // Faults only, kept in memory and printed beside a response that answered one (below).
    LOG_LEVEL: "error",
    ADMIN_API_KEYS: adminApiKey,
    DATABASE_URL: postgres ? (options.databaseUrlFor?.(postgres.url) ?? postgres.url) : "memory://",
    MAIL_DROP_DIR: mailDropDirectory,
    ...environment,
  });
  const database = connectDatabase(config.database);
  await applyMigrations(database);
  const faults: string[] = [];
  const logger = createLogger(config.logLevel, { write: (line: string) => void faults.push(line) });
  const server = await startServer(config, database, logger);
  const testServer: TestServer = {
    url: server.url,
    origin: new URL(server.url).origin,
    config,
    database,
    async request(document, variables, options = {}) {
      const response = await fetch(server.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(options.admin ? { authorization: `Bearer ${adminApiKey}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query: print(document), variables }),
      });
      const body = (await response.json()) as Response<never>["body"];
      // A fault seen in a run (a flake on a loaded machine) can be told from its log afterwards:
      // tests otherwise log nothing.
      if (body.errors?.some((error) => error.extensions?.code === "INTERNAL_SERVER_ERROR")) {
        console.error(`The server logged, up to its INTERNAL_SERVER_ERROR answer:\n${faults.splice(0).join("")}`);
      }
      return { status: response.status, headers: response.headers, body };
    },
    async send(document, variables, options) {
      const response = await testServer.request(document, variables, options);
      expect(response.status, JSON.stringify(response.body).slice(0, 2000)).toBeLessThan(500);
      return response;
    },
    async createUser(input) {
      const response = await testServer.send(CreateUserMutation, { input }, { admin: true });
      const result = response.body.data?.createUser;
      if (result?.__typename !== "CreateUserSuccess") throw new Error(`createUser failed: ${JSON.stringify(response.body)}`);
      return result.user;
    },
    async close() {
      await server.close();
      await database.close();
      await postgres?.drop();
      await rm(mailDropDirectory, { recursive: true, force: true });
    },
  };
  return testServer;
}

/** A new database on TEST_DATABASE_URL's server, dropped by `drop`; `timeZone` sets its TimeZone. */
export async function createPostgresDatabase(settings: { timeZone?: string } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `identity_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    if (settings.timeZone) await admin.query(`ALTER DATABASE "${name}" SET timezone TO '${settings.timeZone}'`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
