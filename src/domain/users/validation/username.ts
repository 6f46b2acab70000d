import { storableString } from "./text.ts";

export interface NormalizedUsername {
  username: string;
  /** Lower-cased: the unique key. */
  usernameNormalized: string;
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
  .transform((value): NormalizedUsername => ({ username: value, usernameNormalized: value.toLowerCase() }));
