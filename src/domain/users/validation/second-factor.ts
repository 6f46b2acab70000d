import { z } from "zod";
import { backupCodeMaximumCost, isBackupCodeDigest, withoutBcryptVersion } from "../../second-factor/backup-codes.ts";
import { isWholeBase32Length, withoutBase32Padding } from "../../second-factor/totp.ts";

// seed 004 `totpSecret`: base32 (RFC 4648), used with 30 s / 6 digits / SHA-1. RFC 4226 asks for
// at least 128 bits and recommends 160; 80 bits is the floor authenticator apps still accept.
export const totpSecret = z
  .string()
  // Room for spaces and hyphens between the groups of the longest secret.
  .max(512, "Must be at most 512 characters, spaces and hyphens included (and at most 128 base32 characters).")
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
function isBackupCode(value: string): boolean {
  return isBackupCodeDigest(value) || /^[A-Za-z0-9-]{4,64}$/.test(value);
}

export const backupCode = z
  .string()
  .trim()
  .refine(
    isBackupCode,
    `Must be a code of 4 to 64 letters, digits or hyphens, or its bcrypt digest (cost 4 to ${backupCodeMaximumCost}).`,
  );

export const backupCodes = z
  .array(backupCode)
  .max(50, "Must have at most 50 backup codes.")
  // Reported at the later entry, as a repeated email address, phone number or wallet is; an invalid
  // entry is refused as that alone. A digest given again with another version prefix ($2y$ for
  // $2b$) is the same code again.
  .superRefine((list, context) => {
    const seen = new Set<string>();
    list.forEach((code, index) => {
      if (!isBackupCode(code)) return;
      const key = isBackupCodeDigest(code) ? withoutBcryptVersion(code) : code;
      if (seen.has(key)) context.addIssue({ code: "custom", path: [index], message: "Repeats an earlier entry of this list." });
      seen.add(key);
    });
  });
