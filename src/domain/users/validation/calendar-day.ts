/**
 * Whether year-month-day is a day of the proleptic Gregorian calendar. `Date.UTC` alone would read
 * the years 0–99 as 1900–1999, so the year is set on its own.
 */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
