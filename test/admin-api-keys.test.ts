import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type Database } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { adminApiKeyVerifier } from "../src/domain/admin/admin-api-keys.ts";
import { createAdminApiKey, revokeAdminApiKey } from "../src/domain/admin/stored-admin-api-keys.ts";

// The server's admin key check (domain level, no HTTP): ADMIN_API_KEYS or a stored, unrevoked key,
// with revocation taking effect within the trust period. The API over HTTP: admin-cli.test.ts.

const configuredKey = "configured-admin-key-0123456789abcdefghijklmnop";
const trustMilliseconds = 300;

let database: Database;
beforeAll(async () => {
  database = connectDatabase({ kind: "memory" });
  await applyMigrations(database);
});
afterAll(() => database.close());

describe("adminApiKeyVerifier", () => {
  it("answers none without a bearer credential and invalid for a wrong key", async () => {
    const verify = adminApiKeyVerifier([configuredKey], database.prisma, trustMilliseconds);
    expect(await verify(null)).toBe("none");
    expect(await verify("")).toBe("none");
    expect(await verify(`Bearer ${configuredKey}`)).toBe("valid");
    expect(await verify("Bearer wrong-key")).toBe("invalid");
    expect(await verify("Bearer")).toBe("invalid");
    // A browser's own basic-auth credentials for a protected site are no API key.
    expect(await verify("Basic abc")).toBe("none");
    expect(await verify("Bearer ik_admin_unknown")).toBe("invalid");
  });

  it("accepts a new key at once, and refuses it within the trust period after revocation", async () => {
    const verify = adminApiKeyVerifier([configuredKey], database.prisma, trustMilliseconds);
    const { key } = await createAdminApiKey(database.prisma, "revoked-later");
    expect(await verify(`Bearer ${key}x`)).toBe("invalid");
    expect(await verify(`Bearer ${key}`)).toBe("valid");
    await revokeAdminApiKey(database.prisma, "revoked-later");
    // Still trusted by this instance for at most the trust period ...
    expect(await verify(`Bearer ${key}`)).toBe("valid");
    await sleep(trustMilliseconds + 50);
    // ... then refused; an instance that never saw the key refuses it at once.
    expect(await verify(`Bearer ${key}`)).toBe("invalid");
    expect(await adminApiKeyVerifier([], database.prisma, trustMilliseconds)(`Bearer ${key}`)).toBe("invalid");
  });

  it("looks a trusted key up once per period, however many requests present it", async () => {
    const verify = adminApiKeyVerifier([], database.prisma, 60_000);
    const { key } = await createAdminApiKey(database.prisma, "busy");
    const statuses = await Promise.all(Array.from({ length: 20 }, () => verify(`Bearer ${key}`)));
    expect(new Set(statuses)).toEqual(new Set(["valid"]));
    const { lastUsedAt } = await database.prisma.adminApiKey.findUniqueOrThrow({ where: { name: "busy" } });
    await sleep(20);
    expect(await verify(`Bearer ${key}`)).toBe("valid");
    expect((await database.prisma.adminApiKey.findUniqueOrThrow({ where: { name: "busy" } })).lastUsedAt).toEqual(lastUsedAt);
  });
});
