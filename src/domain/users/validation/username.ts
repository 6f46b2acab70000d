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

// Letters (with their combining marks, which Devanagari or Tamil need to spell a name), digits,
// dot, underscore and hyphen, starting with a letter or digit: no "@" or "+", so a username can
// never be mistaken for an email address or a phone number at sign-in.
const usernamePattern = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}._-]*$/u;

// Latin, Greek and Cyrillic share letters that look alike ("а" and "a", "ο" and "o"): a username
// mixing them could pass for another one.
const lookAlikeScripts = [/\p{Script=Latin}/u, /\p{Script=Greek}/u, /\p{Script=Cyrillic}/u];
const mixesLookAlikeScripts = (value: string) => lookAlikeScripts.filter((script) => script.test(value)).length > 1;

export const username = storableString
  .trim()
  .transform((value) => value.normalize("NFC"))
  .pipe(
    storableString
      .min(3, "Must be at least 3 characters.")
      .max(64, "Must be at most 64 characters.")
      .regex(usernamePattern, "May contain only letters, digits, '.', '_' and '-', and must start with a letter or digit.")
      .refine((value) => !mixesLookAlikeScripts(value), "Must not mix Latin, Greek and Cyrillic letters, which look alike."),
  )
  .transform((value): NormalizedUsername => ({ username: value, usernameNormalized: usernameKey(value) }));
