import { z } from "zod";
import { backupCodeMaximumCost, isBackupCodeDigest, withoutBcryptVersion } from "../../second-factor/backup-codes.ts";
import { isWholeBase32Length, withoutBase32Padding } from "../../second-factor/totp.ts";

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
      // Each refusal says all there is to say: a secret of other characters, or too short or too
      // long, is not also told that its length is no base32 length.
      .regex(/^[A-Z2-7]*$/, { message: "Must be a base32 secret (letters A-Z and digits 2-7).", abort: true })
      .min(16, { message: "Must be at least 16 base32 characters (80 bits).", abort: true })
      .max(128, { message: "Must be at most 128 base32 characters.", abort: true })
      // The bits of the last character past the key's last byte need not be zero: decoders ignore
      // them, and generators that pick random characters set them. A whole character past it is no
      // part of the key but a secret cut short or mistyped, and decoders differ on it (Python's,
      // which pyotp uses, refuses it; ours would drop it).
      .refine(
        (secret) => isWholeBase32Length(secret.length),
        "Is not a whole base32 secret: its last character holds no bit of the key (the number of characters, without spaces, hyphens and = padding, divided by 8 leaves 1, 3 or 6). A character is missing or one too many.",
      ),
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
