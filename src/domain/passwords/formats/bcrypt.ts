import { timingSafeEqual } from "node:crypto";
import bcrypt from "bcrypt";
import type { DigestFormat } from "../digest-format.ts";
import { bcryptSaltPattern } from "../password-hashing.ts";

// Modular crypt format: `$2a$` / `$2b$` (OpenBSD) or `$2y$` (PHP's crypt_blowfish), a two-digit
// cost, then 22 salt and 31 hash characters in bcrypt's base64 alphabet. The hash is 23 bytes in 31
// characters: its last character carries 4 bits and 2 unused ones, so it is one of these.
const digestPattern = /^\$2[aby]\$(\d\d)\$([./A-Za-z0-9]{22})[./A-Za-z0-9]{30}[.CGKOSWaeimquy26]$/;
// bcrypt allows costs up to 31, but each step doubles the work: cost 15 took 1.75 s here, and
// anyone may attempt a sign-in against the account.
const maximumCost = 15;

/**
 * Whether `digest` is a bcrypt digest of cost 4 to `highestCost`, as bcrypt writes it: a digest
 * whose salt or hash ends in a character with unused bits set was not written by bcrypt, and no
 * password matches it (bcrypt writes the salt back without them).
 */
export function isBcryptDigest(digest: string, highestCost = maximumCost): boolean {
  const [, cost, salt = ""] = digestPattern.exec(digest) ?? [];
  return cost !== undefined && Number(cost) >= 4 && Number(cost) <= highestCost && bcryptSaltPattern.test(salt);
}

// `$2b$04$` and the 22 salt characters: what bcrypt hashes with.
const settingLength = 29;

/**
 * Whether `password` is the one `digest` (a well-formed `$2a$`/`$2b$`/`$2y$` digest) was made from.
 * The password is hashed with the digest's own setting and the two compared in constant time:
 * bcrypt.compare ends at the first differing character (`strcmp`).
 */
export async function matchesBcryptDigest(password: string, digest: string): Promise<boolean> {
  // `$2y$` is PHP's name for `$2b$`. `$2a$` is read as `$2b$` too, as crypt_blowfish (PHP, Ruby,
  // libxcrypt), jBCrypt and bcryptjs read it: by its first 72 bytes. node's bcrypt reads a `$2a$`
  // password of 255 bytes or more as OpenBSD did before 2014 (its length modulo 256), which those
  // digests do not match; the digests OpenBSD and node's bcrypt made that way still do, tried second.
  if (await matchesSetting(password, digest.replace(/^\$2[ay]\$/, "$2b$"))) return true;
  return digest.startsWith("$2a$") && Buffer.byteLength(password, "utf8") >= 255 && matchesSetting(password, digest);
}

async function matchesSetting(password: string, digest: string): Promise<boolean> {
  const derived = Buffer.from(await bcrypt.hash(password, digest.slice(0, settingLength)));
  const expected = Buffer.from(digest);
  return derived.length === expected.length && timingSafeEqual(derived, expected);
}

export const bcryptFormat: DigestFormat = {
  name: "bcrypt",
  recognizes: (digest) => isBcryptDigest(digest),
  async verify(password, digest) {
    return isBcryptDigest(digest) && matchesBcryptDigest(password, digest);
  },
};
