import { z } from "zod";
import { toNormalForm } from "./normal-form.ts";
import { isCalendarDay } from "./calendar-day.ts";

const rfc3339Pattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

function parseRfc3339(value: string): Date | undefined {
  const match = rfc3339Pattern.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
  if (!isCalendarDay(year!, month!, day!)) return undefined;
  if (hour! > 23 || minute! > 59 || second! > 60) return undefined;
  if (match[9] !== undefined && (Number(match[9]) > 23 || Number(match[10]) > 59)) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  // PostgreSQL's timestamps hold the years 1 to 9999 (AD); an offset can move a date past either end.
  const utcYear = date.getUTCFullYear();
  return utcYear >= 1 && utcYear <= 9999 ? date : undefined;
}

/** An RFC 3339 date-time such as 2012-10-20T07:15:20.902Z (seed 004 `legalAcceptedAt`, `createdAt`). */
export const dateTime = z
  .string()
  .trim()
  .max(40, "Must be at most 40 characters.")
  .transform(
    toNormalForm(parseRfc3339, "Must be an RFC 3339 date-time between the years 0001 and 9999 (UTC), such as 2012-10-20T07:15:20.902Z."),
  );
