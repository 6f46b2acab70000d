import { z } from "zod";
import { storableString } from "./text.ts";

export interface NormalizedEmailAddress {
  /** As given, trimmed, with the domain lower-cased. */
  email: string;
  /** Entirely lower-cased: the unique key. */
  emailNormalized: string;
}

// RFC 5321: a path is at most 254 characters, its local part (before the "@") at most 64; mail
// servers refuse longer ones, so such an address could never be verified.
const emailMaximumLength = 254;
const localPartMaximumLength = 64;

// The HTML living standard's definition of a valid email address, which browsers apply to
// <input type=email>: what a sign-up form will already have accepted.
const emailPattern =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

// Browsers let dots stand anywhere before the "@", but RFC 5321 does not: an unquoted local part is
// words joined by single dots. Mail servers and sending libraries may refuse ".ada", "ada." and
// "a..da", so such an address might never receive its verification mail.
const hasWellPlacedDots = (localPart: string) => !localPart.startsWith(".") && !localPart.endsWith(".") && !localPart.includes("..");

// No top-level domain is all digits (RFC 3696 section 2): "ada@192.0.2.1" is an IP address written
// without the brackets RFC 5321 asks for, and "ada@example.123" names no domain; neither can be
// mailed as written.
const hasNamedTopLevelDomain = (domain: string) => !/\.\d+$/.test(domain);

export function normalizeEmailAddress(value: string): NormalizedEmailAddress {
  const trimmed = value.trim();
  const at = trimmed.lastIndexOf("@");
  // No "@": no domain to lower-case (the text must not be made into an address of its own halves).
  if (at < 0) return { email: trimmed, emailNormalized: trimmed.toLowerCase() };
  const email = `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
  return { email, emailNormalized: email.toLowerCase() };
}

export const emailAddress = storableString
  .trim()
  .max(emailMaximumLength, `Must be at most ${emailMaximumLength} characters.`)
  .regex(emailPattern, "Must be a valid email address.")
  // Only for an address of the right shape: one message per mistake.
  .refine(
    (value) => !emailPattern.test(value) || value.lastIndexOf("@") <= localPartMaximumLength,
    `The part before the "@" must be at most ${localPartMaximumLength} characters.`,
  )
  .refine(
    (value) => !emailPattern.test(value) || hasWellPlacedDots(value.slice(0, value.lastIndexOf("@"))),
    'The part before the "@" must not start or end with a dot, nor have two dots in a row.',
  )
  .refine(
    (value) => !emailPattern.test(value) || hasNamedTopLevelDomain(value.slice(value.lastIndexOf("@") + 1)),
    'The domain after the "@" must end in a name, not a number (an IP address is no email domain).',
  )
  .transform(normalizeEmailAddress);

export type EmailAddressInput = z.input<typeof emailAddress>;
