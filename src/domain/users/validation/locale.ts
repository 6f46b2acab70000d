import { z } from "zod";
import { rememberingAccepted, toNormalForm } from "./normal-form.ts";

// A BCP 47 language tag such as en-US or fr-CA, stored in its canonical form ("EN-us" becomes
// "en-US"). Intl knows the grammar; the pattern keeps out forms it tolerates that are not tags
// (underscores, private-use-only tags). Intl.getCanonicalLocales costs ~6 µs, 2% of a bulk
// import's time (profiled), hence the memory.
const canonicalLanguageTag = rememberingAccepted((value) => {
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(value)) return undefined;
  try {
    const canonical = Intl.getCanonicalLocales(value);
    return canonical.length === 1 ? canonical[0] : undefined;
  } catch {
    return undefined;
  }
});

export const locale = z
  .string()
  .trim()
  .max(35, "Must be at most 35 characters.")
  .transform(toNormalForm(canonicalLanguageTag, "Must be a BCP 47 language tag such as en-US or fr-CA."));
