import { z } from "zod";
import { isCalendarDay } from "./calendar-day.ts";

const rfc3339Pattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

const formatMessage = "Must be an RFC 3339 date-time between the years 0001 and 9999 (UTC), such as 2012-10-20T07:15:20.902Z.";
// RFC 3339 allows a 61st second in a minute that had a leap second; neither JavaScript's Date nor
// PostgreSQL's timestamps have one.
const leapSecondMessage = "A leap second (:60) cannot be stored; use :59.";

// The fields record when something happened (terms accepted, an account opened elsewhere): a day
// ahead of now is allowed for a clock that runs ahead on the system the value comes from.
const clockSkewAllowanceMilliseconds = 24 * 60 * 60 * 1000;
const futureMessage = "Must not be in the future: at most a day ahead of now, for clock differences.";

/** The instant an RFC 3339 date-time stands for, or the message saying why it stands for none. */
function parseRfc3339(value: string): Date | string {
  const match = rfc3339Pattern.exec(value);
  if (!match) return formatMessage;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
  if (!isCalendarDay(year!, month!, day!)) return formatMessage;
  if (hour! > 23 || minute! > 59 || second! > 60) return formatMessage;
  if (match[9] !== undefined && (Number(match[9]) > 23 || Number(match[10]) > 59)) return formatMessage;
  // Date cannot read :60, so the rest of a leap second is checked on the second before it.
  const isLeapSecond = second === 60;
  const date = new Date(isLeapSecond ? `${value.slice(0, 17)}59${value.slice(19)}` : value);
  if (Number.isNaN(date.getTime())) return formatMessage;
  // PostgreSQL's timestamps hold the years 1 to 9999 (AD); an offset can move a date past either end.
  const utcYear = date.getUTCFullYear();
  if (utcYear < 1 || utcYear > 9999) return formatMessage;
  return isLeapSecond ? leapSecondMessage : date;
}

function pastInstant(value: string): Date | string {
  const instant = parseRfc3339(value);
  if (typeof instant === "string") return instant;
  return instant.getTime() - Date.now() > clockSkewAllowanceMilliseconds ? futureMessage : instant;
}

/**
 * An RFC 3339 date-time such as 2012-10-20T07:15:20.902Z that is not in the future (seed 004
 * `legalAcceptedAt`, `createdAt`).
 */
export const pastDateTime = z
  .string()
  .trim()
  .max(40, "Must be at most 40 characters.")
  .transform((value, context) => {
    const instant = pastInstant(value);
    if (instant instanceof Date) return instant;
    context.addIssue({ code: "custom", message: instant });
    return z.NEVER;
  });
