import { z } from "zod";

// An IANA time zone name such as Europe/Paris, as the platform's time zone database knows it
// (which includes links like US/Pacific), but not fixed offsets, which are not zone names.
function isTimeZoneName(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const zoneinfo = z
  .string()
  .trim()
  .max(64, "Must be at most 64 characters.")
  .refine(isTimeZoneName, "Must be an IANA time zone name such as Europe/Paris.");
