import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { generate } from "@graphql-codegen/cli";
import { printSchema } from "graphql";
import { describe, expect, it } from "vitest";
import codegenConfig from "../codegen.ts";
import { connectDatabase, type Database } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { schema } from "../src/schema/index.ts";

const run = promisify(execFile);
const root = new URL("../", import.meta.url);

describe("checked-in artifacts", () => {
  it("schema.graphql is the printed Pothos schema (run `npm run schema:print`)", async () => {
    expect(await readFile(new URL("schema.graphql", root), "utf8")).toBe(printSchema(schema));
  });

  it("test/generated and examples/spa/src/generated (with its persisted-documents.json) are what codegen makes from schema.graphql (run `npm run codegen`)", async () => {
    const outputs: Array<{ filename: string; content: string }> = await generate(
      { ...codegenConfig, cwd: root.pathname, silent: true },
      false,
    );
    // Every target of codegen.ts is compared, file by file.
    for (const target of Object.keys(codegenConfig.generates)) {
      expect(outputs.some((output) => output.filename.startsWith(target)), target).toBe(true);
    }
    expect(outputs.map((output) => output.filename)).toContain("examples/spa/src/generated/persisted-documents.json");
    for (const output of outputs) {
      expect(await readFile(new URL(output.filename, root), "utf8"), output.filename).toBe(output.content);
    }
  });
});

// What PostgreSQL knows about a schema, in a stable order, to compare two databases.
async function describeDatabase(database: Database) {
  return database.withConnection(async (connection) => ({
    columns: await connection.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
       ORDER BY table_name, column_name`,
    ),
    indexes: await connection.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`,
    ),
    constraints: await connection.query(
      `SELECT c.relname AS table_name, k.conname, pg_get_constraintdef(k.oid) AS definition
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
       WHERE k.connamespace = 'public'::regnamespace AND c.relname <> '_prisma_migrations'
       ORDER BY k.conname`,
    ),
    enums: await connection.query(
      `SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname ORDER BY t.typname`,
    ),
  }));
}

// What the migrations create beyond what prisma/schema.prisma can describe (its language has no
// partial indexes): the schema's comments name each, and a migration written by hand creates it.
const beyondTheDatamodel = `
  CREATE UNIQUE INDEX "EmailAddress_one_primary_per_user" ON "EmailAddress"("userId") WHERE "primary";
  CREATE UNIQUE INDEX "PhoneNumber_one_primary_per_user" ON "PhoneNumber"("userId") WHERE "primary";
  CREATE UNIQUE INDEX "Web3Wallet_one_primary_per_user" ON "Web3Wallet"("userId") WHERE "primary";
  CREATE UNIQUE INDEX "Address_one_primary_per_profile" ON "Address"("profileUserId") WHERE "isPrimary";
`;

describe("migrations", () => {
  it("prisma/migrations produce exactly the database prisma/schema.prisma describes, with the indexes it cannot (run `npm run migration:create -- <name>`)", async () => {
    const { stdout: datamodelSql } = await run(
      "npx",
      ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      // The diff needs no database; an in-memory one keeps the CLI off ./data.
      { cwd: root.pathname, env: { ...process.env, DATABASE_URL: "memory://" } },
    );
    const migrated = connectDatabase({ kind: "memory" });
    const expected = connectDatabase({ kind: "memory" });
    try {
      await applyMigrations(migrated);
      await expected.withConnection((connection) => connection.executeScript(datamodelSql + beyondTheDatamodel));
      expect(await describeDatabase(migrated)).toEqual(await describeDatabase(expected));
    } finally {
      await migrated.close();
      await expected.close();
    }
  }, 120_000);

  it("applies each migration once, also when started again", async () => {
    const database = connectDatabase({ kind: "memory" });
    try {
      expect((await applyMigrations(database)).length).toBeGreaterThan(0);
      expect(await applyMigrations(database)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
