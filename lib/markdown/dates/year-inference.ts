import { describeDay, daysFromEpoch, isRealDay, WEEKDAYS } from './calendar';

/** What a date without a year is measured against: the file name's date, or today. */
export type YearReference = { year: number; month?: number; day?: number; source: 'file name' | 'today' };

export type InferredYear = { year: number; notice: string } | { year?: undefined; notice: string };

/**
 * The year of "Tuesday, 13th of July": the nearest year (to the reference) whose calendar has July 13 on a
 * Tuesday. Without a weekday: the file name's year, else the occurrence nearest to today. Ties go to the later year
 * (an agenda is written before its call).
 */
export function inferYear(month: number, day: number, weekday: number | undefined, written: string, reference: YearReference): InferredYear {
  const anchor = daysFromEpoch({ year: reference.year, month: reference.month ?? 6, day: reference.day ?? 1 });
  const distance = (year: number) => Math.abs(daysFromEpoch({ year, month, day }) - anchor);
  const candidates: number[] = [];
  for (let offset = -40; offset <= 40; offset += 1) {
    const year = reference.year + offset;
    if (isRealDay(year, month, day) && (weekday === undefined || new Date(Date.UTC(year, month, day)).getUTCDay() === weekday)) candidates.push(year);
  }
  const noYear = `the date “${written}” has no year`;
  if (candidates.length === 0) return { notice: `${noYear} and ${describeDay(month, day)} is not a real date; fill in the date` };
  if (weekday !== undefined) {
    const year = candidates.reduce((best, year) => (distance(year) <= distance(best) ? year : best));
    const near = reference.source === 'file name' ? 'the date in the file name' : 'today';
    return { year, notice: `${noYear}; the year ${year} was inferred from ${WEEKDAYS[weekday]} (${describeDay(month, day)} is a ${WEEKDAYS[weekday]} in ${year}, the nearest such year to ${near}); check the date` };
  }
  if (reference.source === 'file name' && isRealDay(reference.year, month, day)) {
    return { year: reference.year, notice: `${noYear}; the year ${reference.year} was taken from the file name` };
  }
  const year = candidates.reduce((best, year) => (distance(year) <= distance(best) ? year : best));
  return { year, notice: `${noYear}; the year ${year} was assumed (the nearest ${describeDay(month, day)} to ${reference.source === 'today' ? 'today' : 'the date in the file name'}); check the date` };
}

export function referenceFrom(fileDate: { year?: number; month?: number; day?: number } | null, today: Date): YearReference {
  if (fileDate?.year !== undefined) return { year: fileDate.year, month: fileDate.month, day: fileDate.day, source: 'file name' };
  return { year: today.getUTCFullYear(), month: today.getUTCMonth(), day: today.getUTCDate(), source: 'today' };
}
