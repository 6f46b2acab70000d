import { storableString } from "./text.ts";

export interface NormalizedUsername {
  username: string;
  /** `usernameKey(username)`: the unique key. */
  usernameNormalized: string;
}

/**
 * The key a username is unique by and found by (sign-in, lookups, rate limits): compatibility
 * forms folded (NFKC: fullwidth "ｓｅｃ" is "sec", "ﬁ" is "fi") and case folded, so that every case
 * variant meets: "STRASSE", "straße" and "STRAẞE"; "ΣΟΦΟΣ", "σοφοσ" and "σοφος". Lower-casing alone
 * keeps those apart, and lets one user pass for another. JavaScript has no case folding: lower,
 * upper, lower again reaches it ("ẞ" only lower-cases to "ß", and "ß" upper-cases to "SS"), and
 * Greek final sigma, which lower-casing writes by its place in the word, is folded to "σ" as
 * Unicode's case folding does, so that part of a name finds the whole.
 */
export function usernameKey(text: string): string {
  return text.normalize("NFKC").toLowerCase().toUpperCase().toLowerCase().replaceAll("ς", "σ").normalize("NFKC");
}

// Letters, digits, dot, underscore and hyphen, starting with a letter or digit: no "@" or "+", so
// a username can never be mistaken for an email address or a phone number at sign-in.
const usernamePattern = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

export const username = storableString
  .trim()
  .transform((value) => value.normalize("NFC"))
  .pipe(
    storableString
      .min(3, "Must be at least 3 characters.")
      .max(64, "Must be at most 64 characters.")
      .regex(usernamePattern, "May contain only letters, digits, '.', '_' and '-', and must start with a letter or digit."),
  )
  .transform((value): NormalizedUsername => ({ username: value, usernameNormalized: usernameKey(value) }));
