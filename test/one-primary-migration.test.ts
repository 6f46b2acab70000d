import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "../src/db/migrate.ts";
import { isUniqueViolation } from "../src/db/errors.ts";
import { forgetMigration, withMigratedDatabase } from "./helpers/migrations.ts";

// The migration 20261203223711_one_primary_per_user: partial unique indexes allow one primary email
// address, phone number, wallet and profile address per user; a user stored with several before
// keeps the one the API listed first (lowest id; lowest position for profile addresses) as primary.

const migration = "20261203223711_one_primary_per_user";
const indexes = ["EmailAddress_one_primary_per_user", "PhoneNumber_one_primary_per_user", "Web3Wallet_one_primary_per_user", "Address_one_primary_per_profile"];

/** Ids in a known order: `orderedId(1)` sorts before `orderedId(2)`. */
const orderedId = (position: number) => `01900000-0000-7000-8000-${position.toString().padStart(12, "0")}`;

describe(`migration ${migration}`, () => {
  it("leaves each user one primary entry per list, the one listed first, and then refuses a second", async () => {
    await withMigratedDatabase(async (database) => {
      const query = (sql: string, parameters: unknown[] = []) => database.statements.query<Record<string, unknown>>(sql, parameters);
      // The tables as they were before the migration.
      for (const index of indexes) await query(`DROP INDEX "${index}"`);
      const [ada, grace] = [randomUUID(), randomUUID()];
      for (const id of [ada, grace]) await query(`INSERT INTO "User" (id, "updatedAt") VALUES ($1, now())`, [id]);
      // Ada has three primaries in each list, stored in another order than their ids; Grace one.
      const email = (id: number, userId: string, primary: boolean) =>
        query(`INSERT INTO "EmailAddress" (id, "userId", email, "emailNormalized", "primary") VALUES ($1, $2, $3, $3, $4)`, [
          orderedId(id),
          userId,
          `user${id}@example.com`,
          primary,
        ]);
      await email(3, ada, true);
      await email(1, ada, true);
      await email(2, ada, true);
      await email(4, ada, false);
      await email(5, grace, true);
      const phone = (id: number, userId: string, primary: boolean) =>
        query(`INSERT INTO "PhoneNumber" (id, "userId", "phoneNumber", "primary") VALUES ($1, $2, $3, $4)`, [orderedId(id), userId, `+1415555${id.toString().padStart(4, "0")}`, primary]);
      await phone(2, ada, true);
      await phone(1, ada, true);
      await phone(3, grace, true);
      const wallet = (id: number, userId: string, primary: boolean) =>
        query(`INSERT INTO "Web3Wallet" (id, "userId", address, "addressNormalized", "primary") VALUES ($1, $2, $3, $3, $4)`, [orderedId(id), userId, `0x${id}`, primary]);
      await wallet(2, ada, true);
      await wallet(1, ada, true);
      await query(`INSERT INTO "Profile" ("userId") VALUES ($1)`, [ada]);
      // Profile addresses are listed by position, not id.
      const address = (id: number, position: number, isPrimary: boolean) =>
        query(`INSERT INTO "Address" (id, "profileUserId", label, "isPrimary", position) VALUES ($1, $2, $3, $4, $5)`, [orderedId(id), ada, `label ${id}`, isPrimary, position]);
      await address(1, 2, true);
      await address(2, 0, false);
      await address(3, 1, true);
      await forgetMigration(database, migration);

      expect(await applyMigrations(database)).toEqual([migration]);

      const primaries = async (table: string, flag = "primary") => (await query(`SELECT id FROM "${table}" WHERE "${flag}" ORDER BY id`)).map((row) => row.id);
      expect(await primaries("EmailAddress")).toEqual([orderedId(1), orderedId(5)]);
      expect(await primaries("PhoneNumber")).toEqual([orderedId(1), orderedId(3)]);
      expect(await primaries("Web3Wallet")).toEqual([orderedId(1)]);
      expect(await primaries("Address", "isPrimary")).toEqual([orderedId(3)]);
      // The others stay in their lists.
      expect(await query(`SELECT count(*)::int AS count FROM "EmailAddress" WHERE "userId" = $1`, [ada])).toEqual([{ count: 4 }]);

      const secondPrimary = query(`UPDATE "EmailAddress" SET "primary" = true WHERE id = $1`, [orderedId(2)]);
      await expect(secondPrimary.then(() => undefined, (error: unknown) => isUniqueViolation(error))).resolves.toBe(true);
      const installed = await query(`SELECT indexname FROM pg_indexes WHERE indexname = ANY($1) ORDER BY indexname`, [indexes]);
      expect(installed.map((row) => row.indexname)).toEqual([...indexes].sort());
    });
  });
});
