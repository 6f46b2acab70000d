import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { z } from "zod";
import { storableString } from "./text.ts";

const phoneNumberMaximumLength = 64;

/**
 * The text to parse: trimmed, and without the scheme of an RFC 3966 URI ("tel:+44-7911-123456"),
 * a form libphonenumber-js reads whose scheme `extract: false` would otherwise take for other text.
 */
function numberText(value: string): string {
  return value.trim().replace(/^tel:/i, "");
}

/**
 * E.164 form of a phone number in any format libphonenumber-js parses, or undefined. The whole
 * text must be the number (`extract: false`): by default the library picks a number out of any
 * text around it ("call me at +1 415 555 2671 please"), and that text would be lost unseen. A
 * number with an extension has no E.164 form; it is refused rather than stored without its
 * extension.
 */
export function toE164(value: string): string | undefined {
  const parsed = parsePhoneNumberFromString(numberText(value), { extract: false });
  return parsed?.isValid() && parsed.ext === undefined ? parsed.number : undefined;
}

/** A valid number with other text around it: the mistake that deserves its own message. */
function hasTextAroundNumber(value: string): boolean {
  const text = numberText(value);
  return parsePhoneNumberFromString(text, { extract: false }) === undefined && parsePhoneNumberFromString(text)?.isValid() === true;
}

// The full metadata ("max") so that validity is checked against each country's real number plan,
// not only its lengths.
export const phoneNumber = storableString
  .max(phoneNumberMaximumLength, `Must be at most ${phoneNumberMaximumLength} characters.`)
  .transform((value, context) => {
    const e164 = toE164(value);
    if (e164 !== undefined) return e164;
    context.addIssue({
      code: "custom",
      message: hasTextAroundNumber(value)
        ? "Must be only a phone number, without other text around it, e.g. +14155552671."
        : "Must be a valid phone number in international format without an extension, e.g. +14155552671.",
    });
    return z.NEVER;
  });
