import { randomBytes } from "node:crypto";
import { z } from "zod";
import { isUniqueViolation } from "../../db/errors.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { hashToken } from "../random-tokens.ts";
import { validateInput } from "../users/validate-input.ts";
import { boundedText } from "../users/validation/text.ts";

/**
 * Admin API keys kept in the database (next to the ones in ADMIN_API_KEYS): made, listed and
 * revoked with `npm run admin`. Only the key's SHA-256 digest is stored; the key is returned once.
 */

/** Marks a stored key, so a leaked one is recognisable and other bearer values need no lookup. */
export const adminApiKeyPrefix = "ik_admin_";

// 256 bits, as for session tokens (SPEC section 8).
const keyBytes = 32;

const newKeyInput = z.object({
  name: boundedText(64).regex(
    // Empty passes here: "Must not be empty." says it alone.
    /^(?:[\p{L}\p{N}][\p{L}\p{N} ._:-]*)?$/u,
    "May contain only letters, digits, spaces, '.', '_', ':' and '-', and must start with a letter or digit.",
  ),
});

export interface CreatedAdminApiKey {
  name: string;
  /** The key itself: shown to whoever made it, never stored, never shown again. */
  key: string;
  createdAt: Date;
}

export interface AdminApiKeyListing {
  name: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** Names stay taken after revocation, so a name always means one key in the list and in logs. */
export async function createAdminApiKey(prisma: PrismaClient, name: string): Promise<CreatedAdminApiKey> {
  const values = validateInput(newKeyInput, { name }, () => []);
  const key = adminApiKeyPrefix + randomBytes(keyBytes).toString("base64url");
  try {
    const created = await prisma.adminApiKey.create({
      data: { name: values.name, keyDigest: hashToken(key) },
      select: { name: true, createdAt: true },
    });
    return { ...created, key };
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(["name"]);
    throw error;
  }
}

export function listAdminApiKeys(prisma: PrismaClient): Promise<AdminApiKeyListing[]> {
  return prisma.adminApiKey.findMany({
    select: { name: true, createdAt: true, revokedAt: true, lastUsedAt: true },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * Revoking twice is harmless: the first revocation's time stands. The name is read as
 * `createAdminApiKey` stores it, trimmed, and returned so.
 */
export async function revokeAdminApiKey(
  prisma: PrismaClient,
  givenName: string,
  now = new Date(),
): Promise<{ name: string; revokedAt: Date; alreadyRevoked: boolean }> {
  const name = givenName.trim();
  const { count } = await prisma.adminApiKey.updateMany({ where: { name, revokedAt: null }, data: { revokedAt: now } });
  if (count > 0) return { name, revokedAt: now, alreadyRevoked: false };
  const existing = await prisma.adminApiKey.findUnique({ where: { name }, select: { revokedAt: true } });
  if (!existing?.revokedAt) throw new NotFoundError("admin API key");
  return { name, revokedAt: existing.revokedAt, alreadyRevoked: true };
}

/**
 * Whether `key` is a stored key that is not revoked; if so, records the use. One statement does
 * both, found through the unique index on the digest.
 */
export async function recordStoredAdminApiKeyUse(prisma: PrismaClient, key: string, now = new Date()): Promise<boolean> {
  const { count } = await prisma.adminApiKey.updateMany({
    where: { keyDigest: hashToken(key), revokedAt: null },
    data: { lastUsedAt: now },
  });
  return count > 0;
}
