import { createHash, randomInt } from "node:crypto";
import bcrypt from "bcrypt";
import { isBcryptDigest, matchesBcryptDigest } from "../passwords/formats/bcrypt.ts";
import { withPasswordWorkSlot } from "../passwords/password-work-slots.ts";

// Backup codes are random and single-use, so a lower cost than passwords' keeps creating ten of
// them quick while a stolen table still costs an attacker bcrypt per guess.
const backupCodeBcryptCost = 10;
// Plain codes are at most this long (`backupCode`), and other providers' are shorter: a longer
// `code` is not compared at all.
const maximumBackupCodeLength = 64;
// A sign-in with a backup code compares it with each of up to 50 stored digests in turn: at cost 12
// (0.22 s here) that is 11 s at worst; at cost 15, a password's ceiling, it would be 90 s.
export const backupCodeMaximumCost = 12;

// Ten, as Clerk, Auth0 and Better Auth give; each of 10 characters from an alphabet without 0/O,
// 1/l or 8/B to confuse (RFC 4648's base32, lower-cased): 50 bits, past guessing at bcrypt's pace.
const newBackupCodeCount = 10;
const newBackupCodeLength = 10;
const newBackupCodeAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

/** New random backup codes, plain: shown to their owner once, stored as `digestBackupCodes` makes them. */
export function newBackupCodes(): string[] {
  return Array.from({ length: newBackupCodeCount }, () =>
    Array.from({ length: newBackupCodeLength }, () => newBackupCodeAlphabet[randomInt(newBackupCodeAlphabet.length)]).join(""),
  );
}

/** Whether `code` is a bcrypt digest of a backup code, rather than the code itself. */
export function isBackupCodeDigest(code: string): boolean {
  return isBcryptDigest(code, backupCodeMaximumCost);
}

/**
 * A digest without its `$2a$`/`$2b$`/`$2y$` prefix: the three compute the same for backup codes
 * (ASCII, at most 64 characters), so one digest spelt with two prefixes is one code.
 */
export function withoutBcryptVersion(digest: string): string {
  return digest.replace(/^\$2[aby]\$/, "");
}

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
      isBackupCodeDigest(code)
        ? code.replace(/^\$2y\$/, "$2b$")
        : await withPasswordWorkSlot(() => bcrypt.hash(code, backupCodeBcryptCost)),
    );
  }
  return digests;
}

/** What is kept of a code once it is used, to know it again (see `usedCodeSha256` in the schema). */
export function usedCodeSha256(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}

export interface UsedBackupCode {
  digest: string;
  usedCodeSha256: string | null;
}

/**
 * The positions in `codes` (as given to digestBackupCodes) of those that are one of the `used`
 * codes. A digest is compared by its text without its version prefix (`withoutBcryptVersion`). A
 * plain code is compared by its SHA-256, and with bcrypt only against codes used before that was
 * kept, one at a time as in matchingBackupCode: a bcrypt comparison for each pair of new and used
 * codes would cost a user who used 20 codes 200 comparisons (14 s at cost 10) for ten new ones, in
 * the work slots sign-ins wait for. A digest of a used code made with another salt cannot be recognized without the code.
 */
export async function positionsOfUsedBackupCodes(codes: readonly string[], used: readonly UsedBackupCode[]): Promise<number[]> {
  const usedDigests = new Set(used.map((row) => withoutBcryptVersion(row.digest)));
  const usedSha256s = new Set(used.flatMap((row) => row.usedCodeSha256 ?? []));
  const usedWithoutSha256 = used.filter((row) => row.usedCodeSha256 === null);
  const positions: number[] = [];
  for (const [position, code] of codes.entries()) {
    const isUsed = isBackupCodeDigest(code)
      ? usedDigests.has(withoutBcryptVersion(code))
      : usedSha256s.has(usedCodeSha256(code)) || (await matchingBackupCode(code, usedWithoutSha256)) !== undefined;
    if (isUsed) positions.push(position);
  }
  return positions;
}

/**
 * The stored backup code that `code` is, if any. One comparison at a time, each in a password work
 * slot: a user may hold 50 imported codes of cost up to 12, and comparing them all at once would
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
