import { dictionary } from "@zxcvbn-ts/language-common";
import { foldedText } from "../folded-text.ts";

// NIST SP 800-63B 5.1.1.2: reject values "obtained from previous breach corpuses" and "commonly
// used". zxcvbn-ts ships the 49k most frequent passwords of public breach corpora, offline.
const commonPasswords = new Set(dictionary["passwords-common"].map(foldedText));

/** Compared folded (`foldedText`): fullwidth or otherwise disguised spellings of a listed password are listed too. */
export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(foldedText(password));
}
