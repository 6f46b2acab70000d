import { z } from "zod";

// PostgreSQL text and jsonb cannot hold NUL, and jsonb rejects unpaired surrogates: refusing them
// here turns what would be a database error into a field error.
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && value.isWellFormed();
}

export const storableString = z
  .string()
  .refine(isStorableText, "Must not contain NUL characters or unpaired surrogates.");

/** A trimmed, non-empty string of at most `maximum` characters. */
export function boundedText(maximum: number) {
  return storableString
    .trim()
    .min(1, "Must not be empty.")
    .max(maximum, `Must be at most ${maximum} characters.`);
}

// Sane maximums for free text; oversized input is a field error, not a crash (SPEC section 6).
export const nameMaximumLength = 256;
export const streetAddressMaximumLength = 1024;
