import { z } from "zod";
import { isCalendarDay } from "./calendar-day.ts";

// seed 000: "ISO 8601:2004 YYYY-MM-DD format. The year may be 0000, indicating that it is
// omitted. To represent only the year, YYYY format is preferred."
function isBirthdate(value: string): boolean {
  if (/^\d{4}$/.test(value)) return value !== "0000";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  // Year 0000 stands for "omitted": check the day against a leap year so 02-29 is allowed.
  return isCalendarDay(match[1] === "0000" ? 2000 : Number(match[1]), Number(match[2]), Number(match[3]));
}

// The earliest time zone (UTC+14, Kiribati) is the first to reach a new day: a child born there
// today has a birthdate that is still tomorrow in UTC.
const earliestTimeZoneOffsetMilliseconds = 14 * 60 * 60 * 1000;

/**
 * Whether a birthdate (YYYY or YYYY-MM-DD) is after today everywhere on Earth; today itself is
 * allowed. Either form compares as text with as much of today's YYYY-MM-DD as it has. A date
 * without its year never is.
 */
function isInTheFuture(birthdate: string): boolean {
  if (birthdate.startsWith("0000-")) return false;
  const today = new Date(Date.now() + earliestTimeZoneOffsetMilliseconds).toISOString().slice(0, 10);
  return birthdate > today.slice(0, birthdate.length);
}

export const birthdate = z
  .string()
  .trim()
  .refine(isBirthdate, "Must be a real date as YYYY-MM-DD (year 0000 when omitted) or a year as YYYY.")
  // Only for a well-formed birthdate: one message per mistake.
  .refine((value) => !isBirthdate(value) || !isInTheFuture(value), "Must not be in the future.");
