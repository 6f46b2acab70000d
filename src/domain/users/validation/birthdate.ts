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

export const birthdate = z
  .string()
  .trim()
  .refine(isBirthdate, "Must be a real date as YYYY-MM-DD (year 0000 when omitted) or a year as YYYY.");
