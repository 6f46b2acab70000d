import { createHash, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { hashToken } from "../random-tokens.ts";
import { adminApiKeyPrefix, recordStoredAdminApiKeyUse } from "./stored-admin-api-keys.ts";

export type AdminKeyStatus = "none" | "valid" | "invalid";

const bearerPattern = /^Bearer\s+(\S+)\s*$/i;
const bearerScheme = /^Bearer(\s|$)/i;

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/**
 * Checks `Authorization: Bearer <key>` against the configured admin keys. Keys are compared as
 * SHA-256 digests with timingSafeEqual, and every configured key is compared, so the time taken
 * says nothing about how much of a guess was right or which key it was close to.
 *
 * Another scheme is no key at all: a browser sends `Authorization: Basic …` by itself to a site
 * behind a password-protected proxy (a staging site, say), and that must not make its public
 * sign-ups fail as if they had presented a wrong key.
 */
export function adminApiKeyChecker(keys: readonly string[]): (authorization: string | null) => AdminKeyStatus {
  const keyDigests = keys.map(digest);
  return (authorization) => {
    if (authorization === null || !bearerScheme.test(authorization.trim())) return "none";
    const presented = bearerPattern.exec(authorization)?.[1];
    if (presented === undefined) return "invalid";
    const presentedDigest = digest(presented);
    let matched = false;
    for (const keyDigest of keyDigests) matched = timingSafeEqual(keyDigest, presentedDigest) || matched;
    return matched ? "valid" : "invalid";
  };
}

/**
 * How long an instance keeps trusting a stored key it found valid: a revocation takes effect on
 * every instance within this time, and a busy key costs one lookup per instance per period, not
 * one per request. Keys found invalid are not remembered, so a new key works at once.
 */
export const storedAdminKeyTrustMilliseconds = 30_000;

/**
 * The server's check: a key from ADMIN_API_KEYS (constant time, no database), or else a stored
 * key (`npm run admin -- create-api-key`) that is not revoked. Only bearer values with the stored
 * keys' prefix are looked up. The lookup is by the key's SHA-256 digest, so its timing can at
 * most hint at a digest, which does not lead back to a key.
 */
export function adminApiKeyVerifier(
  configuredKeys: readonly string[],
  prisma: PrismaClient,
  trustMilliseconds = storedAdminKeyTrustMilliseconds,
): (authorization: string | null) => Promise<AdminKeyStatus> {
  const checkConfiguredKey = adminApiKeyChecker(configuredKeys);
  // The key's digest (the key itself stays out of long-lived memory) -> its lookup; a pending
  // lookup is shared by concurrent requests presenting the same key.
  const trusted = new Map<string, { until: number; valid: Promise<boolean> }>();

  const isStoredKey = (key: string): Promise<boolean> => {
    const now = Date.now();
    const keyDigest = hashToken(key);
    const known = trusted.get(keyDigest);
    if (known && known.until > now) return known.valid;
    const entry = { until: now + trustMilliseconds, valid: recordStoredAdminApiKeyUse(prisma, key) };
    trusted.set(keyDigest, entry);
    const forget = () => {
      if (trusted.get(keyDigest) === entry) trusted.delete(keyDigest);
    };
    entry.valid.then((valid) => valid || forget(), forget);
    return entry.valid;
  };

  return async (authorization) => {
    const status = checkConfiguredKey(authorization);
    if (status !== "invalid") return status;
    const presented = bearerPattern.exec(authorization ?? "")?.[1];
    if (presented === undefined || !presented.startsWith(adminApiKeyPrefix)) return "invalid";
    return (await isStoredKey(presented)) ? "valid" : "invalid";
  };
}
