import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "../src/db/migrate.ts";
import { forgetMigration, withMigratedDatabase } from "./helpers/migrations.ts";

// The data migration 20261201230000_backup_codes_need_totp: unused backup codes of users without
// TOTP (stored before such codes were refused) go; used ones, and every code of a user with TOTP, stay.

const migration = "20261201230000_backup_codes_need_totp";

describe(`migration ${migration}`, () => {
  it("deletes only the unused codes of users without TOTP", async () => {
    await withMigratedDatabase(async (database) => {
      const query = (sql: string, parameters: unknown[] = []) => database.statements.query<Record<string, unknown>>(sql, parameters);
      const withTotp = randomUUID();
      const withoutTotp = randomUUID();
      for (const id of [withTotp, withoutTotp]) await query(`INSERT INTO "User" (id, "updatedAt") VALUES ($1, now())`, [id]);
      await query(`INSERT INTO "TotpCredential" ("userId", "encryptedSecret") VALUES ($1, 'sealed')`, [withTotp]);
      const code = (userId: string, used: boolean) =>
        query(`INSERT INTO "BackupCode" (id, "userId", digest, "usedAt") VALUES ($1, $2, 'digest', $3) RETURNING id`, [
          randomUUID(),
          userId,
          used ? new Date().toISOString() : null,
        ]).then(([row]) => row!.id as string);
      const kept = [await code(withTotp, false), await code(withTotp, true), await code(withoutTotp, true)];
      await code(withoutTotp, false);
      await code(withoutTotp, false);
      await forgetMigration(database, migration);

      expect(await applyMigrations(database)).toEqual([migration]);

      const remaining = await query(`SELECT id FROM "BackupCode"`);
      expect(remaining.map((row) => row.id).sort()).toEqual([...kept].sort());
    });
  });
});
