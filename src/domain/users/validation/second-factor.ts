import { z } from "zod";
import { backupCodeMaximumCost, isBackupCodeDigest, withoutBcryptVersion } from "../../second-factor/backup-codes.ts";
import { withoutBase32Padding } from "../../second-factor/totp.ts";

// seed 004 `totpSecret`: base32 (RFC 4648), used with 30 s / 6 digits / SHA-1. RFC 4226 asks for
// at least 128 bits and recommends 160; 80 bits is the floor authenticator apps still accept.
export const totpSecret = z
  .string()
  // Room for spaces and hyphens between the groups of the longest secret.
  .max(512, "Must be at most 128 base32 characters.")
  .transform((value) => withoutBase32Padding(value.replace(/[\s-]/g, "")).toUpperCase())
  .pipe(
    z
      .string()
      .regex(/^[A-Z2-7]*$/, "Must be a base32 secret (letters A-Z and digits 2-7).")
      .min(16, "Must be at least 16 base32 characters (80 bits).")
      .max(128, "Must be at most 128 base32 characters."),
  );

// seed 004 `backupCodes`: "in plain format or the corresponding bcrypt digest".
export const backupCode = z
  .string()
  .trim()
  .refine(
    (value) => isBackupCodeDigest(value) || /^[A-Za-z0-9-]{4,64}$/.test(value),
    `Must be a code of 4 to 64 letters, digits or hyphens, or its bcrypt digest (cost 4 to ${backupCodeMaximumCost}).`,
  );

export const backupCodes = z
  .array(backupCode)
  .max(50, "Must have at most 50 backup codes.")
  // A digest given again with another version prefix ($2y$ for $2b$) is the same code again.
  .refine((list) => new Set(list.map((code) => (isBackupCodeDigest(code) ? withoutBcryptVersion(code) : code))).size === list.length, "Must not repeat a code.");
