import { z } from "zod";

// A BCP 47 language tag such as en-US or fr-CA. Intl knows the grammar; the pattern keeps out
// forms it tolerates that are not tags (underscores, private-use-only tags).
function isLanguageTag(value: string): boolean {
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(value)) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

export const locale = z
  .string()
  .trim()
  .max(35, "Must be at most 35 characters.")
  .refine(isLanguageTag, "Must be a BCP 47 language tag such as en-US or fr-CA.");
