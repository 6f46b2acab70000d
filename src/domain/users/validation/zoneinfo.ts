import { z } from "zod";

// An IANA time zone name such as Europe/Paris, as the platform's time zone database knows it
// (which includes links like US/Pacific), but not fixed offsets, which are not zone names.
function isTimeZoneName(value: string): boolean {
  if (knownTimeZoneNames.has(value)) return true;
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
  } catch {
    return false;
  }
  if (knownTimeZoneNames.size < knownTimeZoneNamesLimit) knownTimeZoneNames.add(value);
  return true;
}

// Making a DateTimeFormat costs ~0.1 ms, a tenth of a bulk-imported user's budget, so the names it
// accepted are remembered: the database has a few hundred, and the limit stops case variants
// ("EUROPE/paris" is accepted too) from growing the set without end.
const knownTimeZoneNames = new Set<string>();
const knownTimeZoneNamesLimit = 2000;

export const zoneinfo = z
  .string()
  .trim()
  .max(64, "Must be at most 64 characters.")
  .refine(isTimeZoneName, "Must be an IANA time zone name such as Europe/Paris.");
