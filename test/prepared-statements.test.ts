import { afterEach, describe, expect, it } from "vitest";
import { connectDatabase, type Database } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { StatementNames } from "../src/db/prepared-statements.ts";
import { createPostgresDatabase } from "./helpers/server.ts";

// Repeated statements are prepared on PostgreSQL connections (src/db/prepared-statements.ts):
// which texts get a name, and that the statements the server runs still answer as before when
// they are prepared, fail, or meet a schema that another instance has changed.

describe("StatementNames", () => {
  it("names a text the second time it is seen, and keeps that name", () => {
    const names = new StatementNames();
    expect(names.nameFor("SELECT $1")).toBeUndefined();
    const name = names.nameFor("SELECT $1");
    expect(name).toBeDefined();
    expect(names.nameFor("SELECT $1")).toBe(name);
    names.nameFor("SELECT $2");
    expect(names.nameFor("SELECT $2")).not.toBe(name);
  });

  it("stops naming new texts after 256, and the named ones keep their names", () => {
    const names = new StatementNames();
    const texts = Array.from({ length: 300 }, (_, index) => `SELECT ${index} + $1`);
    const named = texts.map((text) => (names.nameFor(text), names.nameFor(text)));
    expect(named.filter((name) => name !== undefined)).toHaveLength(256);
    expect(new Set(named.filter((name) => name !== undefined)).size).toBe(256);
    expect(names.nameFor(texts[0]!)).toBe(named[0]);
    expect(names.nameFor(texts[299]!)).toBeUndefined();
  });
});

describe.skipIf(process.env.TEST_DATABASE !== "postgres")("prepared statements on PostgreSQL", () => {
  let database: Database | undefined;
  let dropDatabase = async () => {};
  afterEach(async () => {
    await database?.close();
    database = undefined;
    await dropDatabase();
  });

  async function connect(preparedStatements?: boolean): Promise<Database> {
    const postgres = await createPostgresDatabase();
    dropDatabase = postgres.drop;
    database = connectDatabase({ kind: "postgres", url: postgres.url, ...(preparedStatements === undefined ? {} : { preparedStatements }) });
    await applyMigrations(database);
    return database;
  }

  const preparedTexts = (connection: Parameters<Parameters<Database["withConnection"]>[0]>[0]) =>
    connection.query<{ statement: string }>("SELECT statement FROM pg_prepared_statements").then((rows) => rows.map((row) => row.statement));

  it("prepares a parameterised statement run twice on a connection, and answers the same", async () => {
    const { withConnection } = await connect();
    await withConnection(async (connection) => {
      const answers = [];
      for (const value of [1, 2, 3]) answers.push(await connection.query<{ next: number }>("SELECT $1::int + 1 AS next", [value]));
      expect(answers).toEqual([[{ next: 2 }], [{ next: 3 }], [{ next: 4 }]]);
      expect(await preparedTexts(connection)).toContain("SELECT $1::int + 1 AS next");
    });
  });

  it("prepares nothing with DATABASE_PREPARED_STATEMENTS=off", async () => {
    const { withConnection } = await connect(false);
    await withConnection(async (connection) => {
      for (const value of [1, 2, 3]) await connection.query("SELECT $1::int + 1 AS next", [value]);
      expect(await preparedTexts(connection)).toEqual([]);
    });
  });

  it("runs a prepared statement again after it failed on the same connection", async () => {
    const { withConnection } = await connect();
    await withConnection(async (connection) => {
      const divide = (divisor: number) => connection.query<{ quotient: number }>("SELECT 6 / $1::int AS quotient", [divisor]);
      expect(await divide(2)).toEqual([{ quotient: 3 }]);
      await expect(divide(0)).rejects.toThrow(/division by zero/);
      expect(await divide(3)).toEqual([{ quotient: 2 }]);
      expect(await divide(6)).toEqual([{ quotient: 1 }]);
    });
  });

  it("keeps answering Prisma's reads after another instance's migration adds a column", async () => {
    const { prisma, withConnection } = await connect();
    const user = await prisma.user.create({
      data: { username: "ada", usernameNormalized: "ada", emailAddresses: { create: { email: "ada@example.com", emailNormalized: "ada@example.com", primary: true } } },
    });
    const read = () =>
      prisma.user.findFirst({
        where: { emailAddresses: { some: { emailNormalized: "ada@example.com" } } },
        include: { emailAddresses: true, profile: true },
      });
    for (let time = 0; time < 7; time += 1) expect((await read())?.id).toBe(user.id);
    await withConnection((connection) => connection.executeScript(`ALTER TABLE "User" ADD COLUMN "addedByANewerRelease" integer`));
    await withConnection((connection) => connection.executeScript(`ALTER TABLE "EmailAddress" ADD COLUMN "addedByANewerRelease" integer`));
    for (let time = 0; time < 3; time += 1) {
      const again = await read();
      expect(again?.id).toBe(user.id);
      expect(again?.emailAddresses.map((address) => address.email)).toEqual(["ada@example.com"]);
    }
  });
});
