import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "../src/db/migrate.ts";
import { forgetMigration, withMigratedDatabase } from "./helpers/migrations.ts";

// The data migration 20261203033600_verification_links_of_removed_addresses: verification links of
// addresses their user no longer has (taken away before updateUser deleted such links) go; links of
// the user's own addresses stay, used or not.

const migration = "20261203033600_verification_links_of_removed_addresses";

describe(`migration ${migration}`, () => {
  it("deletes the links of addresses the user does not have, and only those", async () => {
    await withMigratedDatabase(async (database) => {
      const query = (sql: string, parameters: unknown[] = []) => database.statements.query<Record<string, unknown>>(sql, parameters);
      const [ada, grace] = [randomUUID(), randomUUID()];
      for (const id of [ada, grace]) await query(`INSERT INTO "User" (id, "updatedAt") VALUES ($1, now())`, [id]);
      await query(`INSERT INTO "EmailAddress" (id, "userId", email, "emailNormalized") VALUES ($1, $2, 'Ada@example.com', 'ada@example.com')`, [randomUUID(), ada]);
      const link = (userId: string, emailNormalized: string, used = false) =>
        query(`INSERT INTO "EmailVerificationToken" (id, "userId", "emailNormalized", "tokenHash", "expiresAt", "usedAt") VALUES ($1, $2, $3, $4, now() + interval '1 day', $5) RETURNING id`, [
          randomUUID(),
          userId,
          emailNormalized,
          randomUUID(),
          used ? new Date().toISOString() : null,
        ]).then(([row]) => row!.id as string);
      const kept = [await link(ada, "ada@example.com"), await link(ada, "ada@example.com", true)];
      await link(ada, "ada@old.example.com");
      // Another user's address is not this user's.
      await link(grace, "ada@example.com");
      await forgetMigration(database, migration);

      expect(await applyMigrations(database)).toEqual([migration]);

      const remaining = await query(`SELECT id FROM "EmailVerificationToken"`);
      expect(remaining.map((row) => row.id).sort()).toEqual([...kept].sort());
    });
  });
});
