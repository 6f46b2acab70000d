import { foldedText } from "../folded-text.ts";
import { blankMessage, hasVisibleCharacter } from "../users/validation/text.ts";
import { isCommonPassword } from "./common-passwords.ts";
import { normalizedPassword } from "./normalized-password.ts";

/** NIST SP 800-63B memorized-secret rules: length and blocklists, no composition rules. */
export interface PasswordPolicySettings {
  minimumLength: number;
}

export const passwordMaximumLength = 256;

/** What the user told us about themselves, which their password must not contain. */
export interface PasswordContext {
  emailAddresses: readonly string[];
  username?: string | null;
  names: PersonalNames;
}

type Name = string | null | undefined;

/** Every name a user can give: seed 004's, seed 000's and its profile's. */
export interface PersonalNames {
  name?: Name;
  firstName?: Name;
  lastName?: Name;
  profile?: { givenName?: Name; middleName?: Name; familyName?: Name; nickname?: Name } | null;
}

/**
 * Compared folded and without accents on both sides: "STRASSE42" contains the username "straße42",
 * "ilker" the name "İlker" and "jose" the name "José", typed in any form.
 */
function withoutMarks(text: string): string {
  return foldedText(text).normalize("NFD").replace(/\p{M}/gu, "");
}

// Shorter parts ("al", "jo") would reject too many good passwords by coincidence.
const minimumContextWordLength = 3;

function contextWords(context: PasswordContext): string[] {
  const words = new Set<string>();
  const add = (value: string | null | undefined) => {
    const word = value ? withoutMarks(value.trim()) : undefined;
    if (word && word.length >= minimumContextWordLength) words.add(word);
  };
  for (const email of context.emailAddresses) {
    add(email);
    add(email.slice(0, email.lastIndexOf("@")));
  }
  add(context.username);
  const { name: fullName, firstName, lastName, profile } = context.names;
  for (const name of [fullName, firstName, lastName, profile?.givenName, profile?.middleName, profile?.familyName, profile?.nickname]) {
    add(name);
    name?.split(/\s+/).forEach(add);
  }
  return [...words];
}

/**
 * One reason per broken rule; empty when the password is acceptable. Judged in the form it is
 * hashed in (`normalizedPassword`).
 */
export function passwordPolicyViolations(
  password: string,
  context: PasswordContext,
  settings: PasswordPolicySettings,
): string[] {
  const hashed = normalizedPassword(password);
  const reasons: string[] = [];
  // Length in code points, as NIST counts characters, so emoji count once. The minimum holds for the
  // password as typed too: NFKC writes one typed symbol as up to 18 characters (ﷺ), which would
  // make a one-key password long enough.
  const length = [...hashed].length;
  if (Math.min(length, [...password].length) < settings.minimumLength) reasons.push(`Must be at least ${settings.minimumLength} characters long.`);
  if (length > passwordMaximumLength) reasons.push(`Must be at most ${passwordMaximumLength} characters long.`);
  // Only white space or invisible characters: a guess anyone would try. Empty has the length reason.
  if (hashed !== "" && !hasVisibleCharacter(hashed)) reasons.push(blankMessage);
  if (isCommonPassword(hashed)) reasons.push("Is a commonly used password found in breach corpora.");
  const loose = withoutMarks(hashed);
  if (contextWords(context).some((word) => loose.includes(word))) {
    reasons.push("Must not contain your email address, username or name.");
  }
  return reasons;
}
