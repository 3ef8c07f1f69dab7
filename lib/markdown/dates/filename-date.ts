import { isRealDay } from './calendar';

/** What an uploaded file's path says about its call's date; `month` counts from 1 here, as written. */
export type FilenameDate = { year?: number; month?: number; day?: number };

const year = String.raw`((?:19|20)\d{2})`;
const fullDate = new RegExp(String.raw`(?<!\d)${year}[-_./]?(\d{2})[-_./]?(\d{2})(?!\d)`, 'g');
const monthDay = /(?<!\d)(\d{2})[-_.](\d{2})(?!\d)/;
const yearAlone = new RegExp(String.raw`(?<!\d)${year}(?!\d)`, 'g');

function lastFullDate(text: string): FilenameDate | null {
  let found: FilenameDate | null = null;
  for (const match of text.matchAll(fullDate)) {
    const [, y, m, d] = match.map(Number);
    if (isRealDay(y!, m! - 1, d!)) found = { year: y, month: m, day: d };
  }
  return found;
}

function lastYear(text: string): number | undefined {
  const years = [...text.matchAll(yearAlone)].map((match) => Number(match[1]));
  return years.at(-1);
}

/**
 * The date in a file's path: `2021-07-13.md`, `community-meetings/2021-12-14.md`, `2023/CG-02-14.md` (the year from
 * the folder), `2023/telcons/03-06-agenda.md` (month-day), `kubecon-na-2022.md` (a year only). Null when it has none.
 */
export function dateFromFilename(path: string): FilenameDate | null {
  // A path is short; a longer string is read from its end (the file name) only, to bound the work.
  const segments = path.slice(-1000).replace(/\\/g, '/').split('/').filter(Boolean);
  const name = (segments.pop() ?? '').replace(/\.[A-Za-z]{1,10}$/, '');
  const folders = segments.join('/');
  const inName = lastFullDate(name);
  if (inName) return inName;
  const pair = monthDay.exec(name);
  const yearAround = lastYear(name) ?? lastYear(folders);
  if (pair) {
    const [first, second] = [Number(pair[1]), Number(pair[2])];
    // File names put the month first (`03-06` is March 6) unless only the other order is a real day.
    const [month, day] = first > 12 ? [second, first] : [first, second];
    if (isRealDay(yearAround ?? 2000, month - 1, day)) return yearAround === undefined ? { month, day } : { year: yearAround, month, day };
  }
  const inFolders = lastFullDate(folders);
  if (inFolders) return inFolders;
  return yearAround === undefined ? null : { year: yearAround };
}
