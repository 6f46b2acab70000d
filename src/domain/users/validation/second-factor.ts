import { z } from "zod";
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

// Costs 4 to 16, as for imported password digests: every sign-in with a backup code compares it
// against each stored digest, and a cost of 31 would take days.
export const bcryptDigestPattern = /^\$2[aby]\$(?:0[4-9]|1[0-6])\$[./A-Za-z0-9]{53}$/;

// seed 004 `backupCodes`: "in plain format or the corresponding bcrypt digest".
export const backupCode = z
  .string()
  .trim()
  .refine(
    (value) => bcryptDigestPattern.test(value) || /^[A-Za-z0-9-]{4,64}$/.test(value),
    "Must be a code of 4 to 64 letters, digits or hyphens, or its bcrypt digest (cost 4 to 16).",
  );

export const backupCodes = z
  .array(backupCode)
  .max(50, "Must have at most 50 backup codes.")
  .refine((list) => new Set(list).size === list.length, "Must not repeat a code.");
