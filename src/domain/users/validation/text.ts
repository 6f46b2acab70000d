import { z } from "zod";

// PostgreSQL text and jsonb cannot hold NUL, and jsonb rejects unpaired surrogates: refusing them
// here turns what would be a database error into a field error.
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && value.isWellFormed();
}

export const storableString = z
  .string()
  .refine(isStorableText, "Must not contain NUL characters or unpaired surrogates.");

// Trimming takes white space off, but a value can also be made only of characters nobody sees
// (zero-width spaces, word joiners, bidirectional marks, Hangul fillers, control characters): that
// is as blank as "   ", and would be a name or an id no one can read.
const visibleCharacter = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}]/u;
export const blankMessage = "Must not be blank: it has only invisible characters.";

/** Empty, or not blank: an empty value has its own message. */
export const isEmptyOrNotBlank = (value: string) => value === "" || visibleCharacter.test(value);

/** A trimmed, non-empty, non-blank string of at most `maximum` characters. */
export function boundedText(maximum: number) {
  return storableString
    .trim()
    .min(1, "Must not be empty.")
    .refine(isEmptyOrNotBlank, blankMessage)
    .max(maximum, `Must be at most ${maximum} characters.`);
}

// Sane maximums for free text; oversized input is a field error, not a crash (SPEC section 6).
export const nameMaximumLength = 256;
export const streetAddressMaximumLength = 1024;
