/** Calendar names and arithmetic shared by the date readers. Pure. */

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A calendar day; `month` counts from 0 like Date's. */
export type CalendarDay = { year: number; month: number; day: number };

export const pad = (value: number) => String(value).padStart(2, '0');

export function isRealDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || year < 1 || year > 9999) return false;
  const utc = new Date(Date.UTC(year, month, day));
  return month >= 0 && month < 12 && utc.getUTCMonth() === month && utc.getUTCDate() === day;
}

export function weekdayOf({ year, month, day }: CalendarDay): number {
  return new Date(Date.UTC(year, month, day)).getUTCDay();
}

export function daysFromEpoch({ year, month, day }: CalendarDay): number {
  return Date.UTC(year, month, day) / 86_400_000;
}

/** `YYYY-MM-DD`. */
export function formatDay({ year, month, day }: CalendarDay): string {
  return `${String(year).padStart(4, '0')}-${pad(month + 1)}-${pad(day)}`;
}

/** "December 17, 2021", or "December 17" without a year. */
export function describeDay(month: number, day: number, year?: number): string {
  return `${MONTHS[month] ?? '?'} ${day}${year === undefined ? '' : `, ${year}`}`;
}

/** Index 0–6 of a weekday name or abbreviation ("Tue", "thurs"), or undefined. */
export function weekdayIndex(name: string): number | undefined {
  const prefix = name.slice(0, 3).toLowerCase();
  const index = WEEKDAYS.findIndex((weekday) => weekday.toLowerCase().startsWith(prefix));
  return index < 0 ? undefined : index;
}

/** Index 0–11 of a month name or abbreviation, or -1. */
export function monthIndex(name: string): number {
  const prefix = name.slice(0, 3).toLowerCase();
  return MONTHS.findIndex((month) => month.toLowerCase().startsWith(prefix));
}
