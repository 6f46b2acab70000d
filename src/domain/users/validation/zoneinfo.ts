import { z } from "zod";
import { rememberingAccepted, toNormalForm } from "./normal-form.ts";

// An IANA time zone name such as Europe/Paris, as the platform's time zone database knows it
// (which includes links like US/Pacific), but not fixed offsets, which are not zone names.
// It is stored in the database's spelling when only the case differs ("EUROPE/paris" becomes
// "Europe/Paris"). A link keeps its own name: the platform would rename Asia/Kolkata to its older
// Asia/Calcutta, which is not what the user chose. Making a DateTimeFormat costs ~0.1 ms, a tenth
// of a bulk-imported user's budget, hence the memory.
const storedTimeZoneName = rememberingAccepted((value) => {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  return resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
});

export const zoneinfo = z
  .string()
  .trim()
  .max(64, "Must be at most 64 characters.")
  .transform(toNormalForm(storedTimeZoneName, "Must be an IANA time zone name such as Europe/Paris."));
