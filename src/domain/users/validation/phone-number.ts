import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { toNormalForm } from "./normal-form.ts";
import { storableString } from "./text.ts";

const phoneNumberMaximumLength = 64;

/**
 * E.164 form of a phone number in any format libphonenumber-js parses, or undefined. A number
 * with an extension has no E.164 form; it is refused rather than stored without its extension.
 */
export function toE164(value: string): string | undefined {
  const parsed = parsePhoneNumberFromString(value.trim());
  return parsed?.isValid() && parsed.ext === undefined ? parsed.number : undefined;
}

// The full metadata ("max") so that validity is checked against each country's real number plan,
// not only its lengths.
export const phoneNumber = storableString
  .max(phoneNumberMaximumLength, `Must be at most ${phoneNumberMaximumLength} characters.`)
  .transform(toNormalForm(toE164, "Must be a valid phone number in international format without an extension, e.g. +14155552671."));
