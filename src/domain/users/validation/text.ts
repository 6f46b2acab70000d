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

/** Whether someone would see anything of it. */
export const hasVisibleCharacter = (value: string) => visibleCharacter.test(value);

/** Empty, or not blank: an empty value has its own message. */
export const isEmptyOrNotBlank = (value: string) => value === "" || hasVisibleCharacter(value);

/** A trimmed, non-empty, non-blank string of at most `maximum` characters. */
export function boundedText(maximum: number) {
  return storableString
    .trim()
    .min(1, "Must not be empty.")
    .refine(isEmptyOrNotBlank, blankMessage)
    .max(maximum, `Must be at most ${maximum} characters.`);
}

// Control characters (C0, DEL and C1: a bell, an escape sequence, a tab or line break pasted into a
// name) are never part of a name or an address, and can garble or forge what a terminal, a log or
// a CSV export shows. Unicode's line and paragraph separators are line breaks too. Checked only in
// text that has something visible: blank text has its message.
const controlCharacterOrLineBreak = /[\p{Cc}\p{Zl}\p{Zp}]/u;
const controlCharacterOtherThanLineBreak = /[^\P{Cc}\n\r]/u;

// Bidirectional embeddings, overrides and isolates make the text after them show in another order:
// "Ada" followed by U+202E and "ecalevoL" shows as "AdaLovelace", a name that passes for another in
// a back office's list, a log or an export. The marks (U+200E, U+200F, U+061C), which RTL text
// does use, only nudge neighbouring characters and stay allowed.
const bidirectionalControl = /[\u202A-\u202E\u2066-\u2069]/u;
const bidirectionalControlMessage = "Must not contain bidirectional controls (U+202A to U+202E, U+2066 to U+2069): they show text as other text.";

/** `boundedText` on one line: a name, a label, a city. */
export function singleLineText(maximum: number) {
  return boundedText(maximum)
    .refine(
      (value) => !hasVisibleCharacter(value) || !controlCharacterOrLineBreak.test(value),
      "Must not contain control characters (line breaks, tabs, escape codes): it is one line of text.",
    )
    .refine((value) => !bidirectionalControl.test(value), bidirectionalControlMessage);
}

/** `boundedText` that may hold several lines (seed 000's street addresses), but no other control character. */
export function multiLineText(maximum: number) {
  return boundedText(maximum)
    .refine(
      (value) => !hasVisibleCharacter(value) || !controlCharacterOtherThanLineBreak.test(value),
      "Must not contain control characters (tabs, escape codes) other than line breaks.",
    )
    .refine((value) => !bidirectionalControl.test(value), bidirectionalControlMessage);
}

// Sane maximums for free text; oversized input is a field error, not a crash (SPEC section 6).
export const nameMaximumLength = 256;
export const streetAddressMaximumLength = 1024;
