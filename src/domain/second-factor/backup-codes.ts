import bcrypt from "bcrypt";
import { bcryptDigestPattern } from "../users/validation/second-factor.ts";

// Backup codes are random and single-use, so a lower cost than passwords' keeps creating ten of
// them quick while a stolen table still costs an attacker bcrypt per guess.
const backupCodeBcryptCost = 10;

/**
 * seed 004: codes come "in plain format or the corresponding bcrypt digest"; digests are kept as
 * given, except that PHP's `$2y$` is written as the identical `$2b$` that node's bcrypt compares.
 */
export function digestBackupCodes(codes: readonly string[]): Promise<string[]> {
  return Promise.all(
    codes.map((code) =>
      bcryptDigestPattern.test(code) ? code.replace(/^\$2y\$/, "$2b$") : bcrypt.hash(code, backupCodeBcryptCost),
    ),
  );
}
