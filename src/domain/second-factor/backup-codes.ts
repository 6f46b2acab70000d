import bcrypt from "bcrypt";
import { matchesBcryptDigest } from "../passwords/formats/bcrypt.ts";
import { withPasswordWorkSlot } from "../passwords/password-work-slots.ts";
import { bcryptDigestPattern } from "../users/validation/second-factor.ts";

// Backup codes are random and single-use, so a lower cost than passwords' keeps creating ten of
// them quick while a stolen table still costs an attacker bcrypt per guess.
const backupCodeBcryptCost = 10;
// Plain codes are at most this long (`backupCode`), and other providers' are shorter: a longer
// `code` is not compared at all.
const maximumBackupCodeLength = 64;

/**
 * seed 004: codes come "in plain format or the corresponding bcrypt digest"; digests are kept as
 * given, except that PHP's `$2y$` is written as the identical `$2b$` that node's bcrypt compares.
 * Plain codes are hashed one after another: an import writes 16 users at a time, and 50 codes each
 * queued at once would put 800 hashes ahead of every sign-in waiting for a work slot.
 */
export async function digestBackupCodes(codes: readonly string[]): Promise<string[]> {
  const digests: string[] = [];
  for (const code of codes) {
    digests.push(
      bcryptDigestPattern.test(code)
        ? code.replace(/^\$2y\$/, "$2b$")
        : await withPasswordWorkSlot(() => bcrypt.hash(code, backupCodeBcryptCost)),
    );
  }
  return digests;
}

/**
 * The stored backup code that `code` is, if any. One comparison at a time, each in a password work
 * slot: a user may hold 50 imported codes of cost up to 16, and comparing them all at once would
 * take every core from everyone else's sign-ins.
 */
export async function matchingBackupCode<Stored extends { digest: string }>(
  code: string,
  stored: readonly Stored[],
): Promise<Stored | undefined> {
  if (code.length > maximumBackupCodeLength) return undefined;
  for (const candidate of stored) {
    if (await withPasswordWorkSlot(() => matchesBcryptDigest(code, candidate.digest))) return candidate;
  }
  return undefined;
}
