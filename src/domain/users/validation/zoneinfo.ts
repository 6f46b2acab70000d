import { z } from "zod";
import { toNormalForm } from "./normal-form.ts";

// An IANA time zone name such as Europe/Paris, as the platform's time zone database knows it
// (which includes links like US/Pacific), but not fixed offsets, which are not zone names.
// It is stored in the database's spelling when only the case differs ("EUROPE/paris" becomes
// "Europe/Paris"). A link keeps its own name: the platform would rename Asia/Kolkata to its older
// Asia/Calcutta, which is not what the user chose.
function storedTimeZoneName(value: string): string | undefined {
  const known = knownTimeZoneNames.get(value);
  if (known !== undefined) return known;
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  const stored = resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
  if (knownTimeZoneNames.size < knownTimeZoneNamesLimit) knownTimeZoneNames.set(value, stored);
  return stored;
}

// Making a DateTimeFormat costs ~0.1 ms, a tenth of a bulk-imported user's budget, so the names it
// accepted are remembered: the database has a few hundred, and the limit stops case variants
// from growing the map without end.
const knownTimeZoneNames = new Map<string, string>();
const knownTimeZoneNamesLimit = 2000;

export const zoneinfo = z
  .string()
  .trim()
  .max(64, "Must be at most 64 characters.")
  .transform(toNormalForm(storedTimeZoneName, "Must be an IANA time zone name such as Europe/Paris."));
