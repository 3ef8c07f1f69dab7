import { timeZoneOffsetMs } from '../time';

/**
 * Abbreviations we map on purpose, each to one IANA zone. `offset` (minutes east of UTC) is the offset
 * the abbreviation names; generic ones such as "ET" name no offset. The first entry for a zone and offset
 * is the one the export writes, so every abbreviation the export writes reads back as the same zone.
 */
const ABBREVIATIONS: { abbreviation: string; timeZone: string; offset: number | null }[] = [
  { abbreviation: 'UTC', timeZone: 'UTC', offset: 0 },
  { abbreviation: 'GMT', timeZone: 'UTC', offset: 0 },
  { abbreviation: 'CET', timeZone: 'Europe/Berlin', offset: 60 },
  { abbreviation: 'CEST', timeZone: 'Europe/Berlin', offset: 120 },
  { abbreviation: 'WET', timeZone: 'Europe/Lisbon', offset: 0 },
  { abbreviation: 'WEST', timeZone: 'Europe/Lisbon', offset: 60 },
  { abbreviation: 'EET', timeZone: 'Europe/Athens', offset: 120 },
  { abbreviation: 'EEST', timeZone: 'Europe/Athens', offset: 180 },
  { abbreviation: 'BST', timeZone: 'Europe/London', offset: 60 },
  { abbreviation: 'MSK', timeZone: 'Europe/Moscow', offset: 180 },
  { abbreviation: 'IST', timeZone: 'Asia/Kolkata', offset: 330 },
  { abbreviation: 'SGT', timeZone: 'Asia/Singapore', offset: 480 },
  { abbreviation: 'HKT', timeZone: 'Asia/Hong_Kong', offset: 480 },
  { abbreviation: 'JST', timeZone: 'Asia/Tokyo', offset: 540 },
  { abbreviation: 'KST', timeZone: 'Asia/Seoul', offset: 540 },
  { abbreviation: 'AWST', timeZone: 'Australia/Perth', offset: 480 },
  { abbreviation: 'ACST', timeZone: 'Australia/Adelaide', offset: 570 },
  { abbreviation: 'ACDT', timeZone: 'Australia/Adelaide', offset: 630 },
  { abbreviation: 'AEST', timeZone: 'Australia/Sydney', offset: 600 },
  { abbreviation: 'AEDT', timeZone: 'Australia/Sydney', offset: 660 },
  { abbreviation: 'NZST', timeZone: 'Pacific/Auckland', offset: 720 },
  { abbreviation: 'NZDT', timeZone: 'Pacific/Auckland', offset: 780 },
  { abbreviation: 'BRT', timeZone: 'America/Sao_Paulo', offset: -180 },
  { abbreviation: 'EST', timeZone: 'America/New_York', offset: -300 },
  { abbreviation: 'EDT', timeZone: 'America/New_York', offset: -240 },
  { abbreviation: 'ET', timeZone: 'America/New_York', offset: null },
  { abbreviation: 'CDT', timeZone: 'America/Chicago', offset: -300 },
  { abbreviation: 'CT', timeZone: 'America/Chicago', offset: null },
  { abbreviation: 'MST', timeZone: 'America/Denver', offset: -420 },
  { abbreviation: 'MDT', timeZone: 'America/Denver', offset: -360 },
  { abbreviation: 'MT', timeZone: 'America/Denver', offset: null },
  { abbreviation: 'PST', timeZone: 'America/Los_Angeles', offset: -480 },
  { abbreviation: 'PDT', timeZone: 'America/Los_Angeles', offset: -420 },
  { abbreviation: 'PT', timeZone: 'America/Los_Angeles', offset: null },
  { abbreviation: 'AKST', timeZone: 'America/Anchorage', offset: -540 },
  { abbreviation: 'AKDT', timeZone: 'America/Anchorage', offset: -480 },
  { abbreviation: 'HST', timeZone: 'Pacific/Honolulu', offset: -600 },
];

/** Abbreviations that name several zones in common use; we ask instead of picking one. */
const AMBIGUOUS: Record<string, string> = {
  CST: 'US Central, China or Cuba Standard Time',
  AST: 'Atlantic or Arabia Standard Time',
  ADT: 'Atlantic or Arabia Daylight Time',
  GST: 'Gulf or South Georgia Time',
  SST: 'Samoa or Singapore Standard Time',
};

export type AbbreviationLookup =
  | { kind: 'known'; timeZone: string; offset: number | null }
  | { kind: 'ambiguous'; meanings: string }
  | { kind: 'unknown' };

export function lookUpAbbreviation(abbreviation: string): AbbreviationLookup {
  const upper = abbreviation.toUpperCase();
  const entry = ABBREVIATIONS.find((candidate) => candidate.abbreviation === upper);
  if (entry) return { kind: 'known', timeZone: entry.timeZone, offset: entry.offset };
  const meanings = AMBIGUOUS[upper];
  return meanings ? { kind: 'ambiguous', meanings } : { kind: 'unknown' };
}

/** The abbreviation that names `timeZone` at `instant` and reads back as that zone, or null. */
export function abbreviationFor(timeZone: string, instant: number): string | null {
  const offset = Math.round(timeZoneOffsetMs(timeZone, instant) / 60_000);
  const entry = ABBREVIATIONS.find((candidate) => candidate.timeZone === timeZone && candidate.offset === offset);
  return entry ? entry.abbreviation : null;
}

/** Zones written out in words ("Pacific Time", "Central European Summer Time"), each to one IANA zone. */
const ZONE_NAMES: { pattern: RegExp; timeZone: string }[] = [
  { pattern: /^central european(?: (?:summer|standard))? time$/i, timeZone: 'Europe/Berlin' },
  { pattern: /^british summer time$/i, timeZone: 'Europe/London' },
  { pattern: /^(?:coordinated )?universal time$|^greenwich mean time$/i, timeZone: 'UTC' },
  { pattern: /^india(?:n)? standard time$/i, timeZone: 'Asia/Kolkata' },
  { pattern: /^japan standard time$/i, timeZone: 'Asia/Tokyo' },
  { pattern: /^(?:us )?pacific(?: (?:standard|daylight))? time$/i, timeZone: 'America/Los_Angeles' },
  { pattern: /^(?:us )?mountain(?: (?:standard|daylight))? time$/i, timeZone: 'America/Denver' },
  { pattern: /^(?:us )?central(?: (?:standard|daylight))? time$/i, timeZone: 'America/Chicago' },
  { pattern: /^(?:us )?eastern(?: (?:standard|daylight))? time$/i, timeZone: 'America/New_York' },
];

/** Finds zone names written in words; `lookUpZoneName` says which zone each is. */
export const zoneNamePattern =
  /\b(?:(?:us )?(?:pacific|mountain|central|eastern)(?: (?:standard|daylight))?|central european(?: (?:summer|standard))?|british summer|(?:coordinated )?universal|greenwich mean|indian? standard|japan standard) time\b/gi;

export function lookUpZoneName(name: string): string | undefined {
  const normalized = name.replace(/\s+/g, ' ').trim();
  return ZONE_NAMES.find((entry) => entry.pattern.test(normalized))?.timeZone;
}
