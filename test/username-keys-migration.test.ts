import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Database } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { usernameKey } from "../src/domain/users/validation/username.ts";
import { untilAStatementWaitsForALock } from "./helpers/lock-waits.ts";
import { forgetMigration, withMigratedDatabase } from "./helpers/migrations.ts";

// The data migration 20261201130000_username_keys: usernames stored with the earlier key (NFC,
// lower-cased) get the folded one, and usernames that now share a key are reported, not merged.

const migration = "20261201130000_username_keys";

/** Stores a user as the code before the migration did: the key is the NFC form, lower-cased. */
async function insertUserWithEarlierKey(database: Database, username: string, createdAt: string): Promise<string> {
  const id = randomUUID();
  await database.statements.query(
    `INSERT INTO "User" (id, username, "usernameNormalized", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $4)`,
    [id, username, username.normalize("NFC").toLowerCase(), createdAt],
  );
  return id;
}

async function keysById(database: Database): Promise<Map<string, string>> {
  const rows = await database.statements.query<{ id: string; usernameNormalized: string }>(`SELECT id, "usernameNormalized" FROM "User"`, []);
  return new Map(rows.map((row) => [row.id, row.usernameNormalized]));
}

describe(`migration ${migration}`, () => {
  it("gives every username its folded key, and reports the users whose usernames now share one", async () => {
    await withMigratedDatabase(async (database) => {
      const ascii = await insertUserWithEarlierKey(database, "Ada", "2026-01-01T00:00:00Z");
      const fullwidth = await insertUserWithEarlierKey(database, "ｌｏｖｅｌａｃｅ", "2026-01-02T00:00:00Z");
      // Two users that fold alike, neither holding the key: the one created first gets it.
      const sharpFirst = await insertUserWithEarlierKey(database, "Straße", "2026-01-03T00:00:00Z");
      const sharpLater = await insertUserWithEarlierKey(database, "ＳＴＲＡＳＳＥ", "2026-01-04T00:00:00Z");
      // The key is already held (ASCII "sec" folds to itself): the fullwidth one, created earlier, keeps its own.
      const fullwidthEarlier = await insertUserWithEarlierKey(database, "ｓｅｃ", "2026-01-05T00:00:00Z");
      const holder = await insertUserWithEarlierKey(database, "sec", "2026-01-06T00:00:00Z");
      const sigma = await insertUserWithEarlierKey(database, "σοφοσ", "2026-01-07T00:00:00Z");
      await forgetMigration(database, migration);

      const notices: string[] = [];
      expect(await applyMigrations(database, (notice) => notices.push(notice))).toEqual([migration]);

      const keys = await keysById(database);
      expect(keys.get(ascii)).toBe("ada");
      expect(keys.get(fullwidth)).toBe("lovelace");
      expect(keys.get(sharpFirst)).toBe("strasse");
      expect(keys.get(sharpLater)).toBe("ｓｔｒａｓｓｅ");
      expect(keys.get(fullwidthEarlier)).toBe("ｓｅｃ");
      expect(keys.get(holder)).toBe("sec");
      expect(keys.get(sigma)).toBe("σοφοσ");
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain("2 users keep");
      expect(notices[0]).toContain(sharpLater);
      expect(notices[0]).toContain(fullwidthEarlier);
    });
  });
});

describe("migration 20261202180000_username_keys_turkish_i", () => {
  it("folds the dotted capital I of stored keys to i, and reports a user whose username now meets another's", async () => {
    const turkishMigration = "20261202180000_username_keys_turkish_i";
    await withMigratedDatabase(async (database) => {
      // Keys as the rule before it gave them: "İ" lower-cased to "i" with a combining dot above.
      const dotted = await insertUserWithEarlierKey(database, "İlker", "2026-01-01T00:00:00Z");
      const istanbul = await insertUserWithEarlierKey(database, "İSTANBUL", "2026-01-02T00:00:00Z");
      const holder = await insertUserWithEarlierKey(database, "istanbul", "2026-01-03T00:00:00Z");
      await forgetMigration(database, turkishMigration);

      const notices: string[] = [];
      expect(await applyMigrations(database, (notice) => notices.push(notice))).toEqual([turkishMigration]);

      const keys = await keysById(database);
      expect(keys.get(dotted)).toBe("ilker");
      expect(keys.get(holder)).toBe("istanbul");
      expect(keys.get(istanbul)).toBe("i\u0307stanbul");
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain(istanbul);
    });
  });
});

describe.skipIf(process.env.TEST_DATABASE !== "postgres")(`migration ${migration} beside an instance still writing`, () => {
  it("waits for a write in progress, and then leaves the key to the user who took it", async () => {
    await withMigratedDatabase(async (database) => {
      const earlier = await insertUserWithEarlierKey(database, "Straße", "2026-01-03T00:00:00Z");
      await forgetMigration(database, migration);
      let inserted!: () => void;
      const insertDone = new Promise<void>((resolve) => (inserted = resolve));
      let commit!: () => void;
      const mayCommit = new Promise<void>((resolve) => (commit = resolve));
      // An instance on the earlier code signs up "STRASSE" (key "strasse", the one the migration gives "Straße").
      const later = randomUUID();
      const writer = database.prisma.$transaction(
        async (transaction) => {
          await transaction.$executeRaw`INSERT INTO "User" (id, username, "usernameNormalized", "updatedAt") VALUES (${later}::uuid, 'STRASSE', 'strasse', now())`;
          inserted();
          await mayCommit;
        },
        { timeout: 30_000 },
      );
      await insertDone;
      const notices: string[] = [];
      const migrating = applyMigrations(database, (notice) => notices.push(notice));
      await untilAStatementWaitsForALock(database);
      commit();
      await writer;
      expect(await migrating).toEqual([migration]);

      const keys = await keysById(database);
      expect(keys.get(later)).toBe("strasse");
      expect(keys.get(earlier)).toBe("straße");
      expect(notices.join("\n")).toContain(earlier);
    });
  });
});

describe("usernameKey", () => {
  // The migration recognises a user already holding a key by comparing keys: a key must be its own key.
  it.each(["Ada", "ｓｅｃ", "Straße", "STRAẞE", "ΣΟΦΟΣ", "σοφοσ1", "ﬁle", "İstanbul", "ǅemal", "Ｕ\u0308nal", "ŉ", "ᾈ", "Ⅻ"])("is its own key for %s", (username) => {
    expect(usernameKey(usernameKey(username))).toBe(usernameKey(username));
  });
});
