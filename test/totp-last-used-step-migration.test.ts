import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "../src/db/migrate.ts";
import { forgetMigration, withMigratedDatabase } from "./helpers/migrations.ts";

// The migration 20261203220625_totp_last_used_step_per_user: the last accepted TOTP step moves from
// the credential to the user, with the steps recorded so far, so no code used before it is accepted
// again after it.

const migration = "20261203220625_totp_last_used_step_per_user";

describe(`migration ${migration}`, () => {
  it("gives each user the step their credential recorded, and takes the column off the credential", async () => {
    await withMigratedDatabase(async (database) => {
      const query = (sql: string, parameters: unknown[] = []) => database.statements.query<Record<string, unknown>>(sql, parameters);
      // The columns as they were before the migration.
      await query(`ALTER TABLE "User" DROP COLUMN "totpLastUsedStep"`);
      await query(`ALTER TABLE "TotpCredential" ADD COLUMN "lastUsedStep" BIGINT`);
      const [used, unused, withoutTotp] = [randomUUID(), randomUUID(), randomUUID()];
      for (const id of [used, unused, withoutTotp]) await query(`INSERT INTO "User" (id, "updatedAt") VALUES ($1, '2026-01-01T00:00:00Z')`, [id]);
      // A step past 2^31: the column is a bigint on both sides.
      await query(`INSERT INTO "TotpCredential" ("userId", "encryptedSecret", "lastUsedStep") VALUES ($1, 'sealed', 3000000000)`, [used]);
      await query(`INSERT INTO "TotpCredential" ("userId", "encryptedSecret") VALUES ($1, 'sealed')`, [unused]);
      await forgetMigration(database, migration);

      expect(await applyMigrations(database)).toEqual([migration]);

      const users = await query(`SELECT id, "totpLastUsedStep"::text AS step, "updatedAt" = '2026-01-01T00:00:00Z' AS "updatedAtKept" FROM "User"`);
      expect(new Map(users.map((user) => [user.id, user.step]))).toEqual(
        new Map([
          [used, "3000000000"],
          [unused, null],
          [withoutTotp, null],
        ]),
      );
      expect(users.every((user) => user.updatedAtKept)).toBe(true);
      const credentialColumns = await query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'TotpCredential' ORDER BY column_name`);
      expect(credentialColumns.map((column) => column.column_name)).toEqual(["createdAt", "encryptedSecret", "userId"]);
    });
  });
});
