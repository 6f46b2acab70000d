import { createHash, timingSafeEqual } from "node:crypto";

export type AdminKeyStatus = "none" | "valid" | "invalid";

const bearerPattern = /^Bearer\s+(\S+)\s*$/i;

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/**
 * Checks `Authorization: Bearer <key>` against the configured admin keys. Keys are compared as
 * SHA-256 digests with timingSafeEqual, and every configured key is compared, so the time taken
 * says nothing about how much of a guess was right or which key it was close to.
 */
export function adminApiKeyChecker(keys: readonly string[]): (authorization: string | null) => AdminKeyStatus {
  const keyDigests = keys.map(digest);
  return (authorization) => {
    if (authorization === null || authorization.trim() === "") return "none";
    const presented = bearerPattern.exec(authorization)?.[1];
    if (presented === undefined) return "invalid";
    const presentedDigest = digest(presented);
    let matched = false;
    for (const keyDigest of keyDigests) matched = timingSafeEqual(keyDigest, presentedDigest) || matched;
    return matched ? "valid" : "invalid";
  };
}
