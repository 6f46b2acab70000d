import { foldedText } from "../../folded-text.ts";
import { storableString } from "./text.ts";

export interface NormalizedUsername {
  username: string;
  /** `usernameKey(username)`: the unique key. */
  usernameNormalized: string;
}

/**
 * The key a username is unique by and found by (sign-in, lookups, rate limits): its folded form,
 * so that "STRASSE" and "straße", or fullwidth "ｓｅｃ" and "sec", are one username and one user
 * cannot pass for another.
 */
export function usernameKey(text: string): string {
  return foldedText(text);
}

// Letters, each with up to 4 combining marks (Devanagari or Tamil need them to spell a name),
// digits, dot, underscore and hyphen, starting with a letter or digit: no "@" or "+", so a username
// can never be mistaken for an email address or a phone number at sign-in. No invisible
// character (a mark such as U+034F shows nothing): "admin" and "admin" with one would look alike.
const usernamePattern = /^(?:\p{L}\p{M}{0,4}|\p{N})(?:\p{L}\p{M}{0,4}|[\p{N}._-])*$/u;
const invisibleCharacter = /\p{Default_Ignorable_Code_Point}/u;

/** Letters as a person counts them: a letter with its combining marks is one ("தமிழ்" is three). */
const letterCount = (value: string) => [...value.replace(/\p{M}/gu, "")].length;

export const username = storableString
  .trim()
  .transform((value) => value.normalize("NFC"))
  .pipe(
    storableString
      .refine((value) => letterCount(value) >= 3, "Must be at least 3 characters.")
      .refine((value) => letterCount(value) <= 64, "Must be at most 64 characters.")
      .regex(usernamePattern, "May contain only letters, digits, '.', '_' and '-', and must start with a letter or digit.")
      .refine((value) => !invisibleCharacter.test(value), "Must not contain invisible characters."),
  )
  .transform((value): NormalizedUsername => ({ username: value, usernameNormalized: usernameKey(value) }));
