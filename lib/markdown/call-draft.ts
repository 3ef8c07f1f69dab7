/**
 * What the Markdown importer reads out of a community's document: the call it describes, with every part
 * placed (agenda, links, minutes, questions, attendees) and where in the document each came from.
 * The contract between the parser (lib/markdown/import), the create-call API and the import report.
 */

export type ImportNotice = { line: number; message: string };

export type DraftItem = { title: string; notes: string; presenter: string; plannedMinutes: number | null; line: number };
export type DraftSection = { title: string; notes: string; items: DraftItem[]; line: number };
/** The URL as written: absolute, or relative to the series' documents base URL. */
export type DraftLink = { label: string; url: string; line: number };
/** An asked question of a past call; `authorName` empty means anonymous; answered ones may have no written answer. */
export type DraftQuestion = { text: string; authorName: string; answer: string; answeredBy: string; isAnswered: boolean; line: number };
export type DraftAttendee = { displayName: string; affiliation: string; reason: string; isTeam: boolean; line: number };

export type CallDraft = {
  title: string;
  description: string;
  /** Local wall-clock start `YYYY-MM-DDTHH:mm` in `timezone`; absent when the document gives no date ("to be announced"). */
  startsAt?: string;
  timezone?: string;
  plannedMinutes?: number;
  links: DraftLink[];
  sections: DraftSection[];
  /** The call's minutes (Markdown) when the document has them, for the shared minutes document. */
  minutes: string;
  questions: DraftQuestion[];
  attendees: DraftAttendee[];
  /** The order people introduced themselves in (display names), from a Roundtable record's `### Intro round`. */
  introOrder: string[];
  /** Line numbers of the parts, for the import report. */
  lines: { title?: number; start?: number; minutes?: number; questions?: number; attendees?: number };
};

export type CallImportResult = { ok: true; draft: CallDraft; notices: ImportNotice[] } | { ok: false; errors: ImportNotice[] };

export type CallImportOptions = {
  /** The uploaded file's name (`2021-07-13.md`): a date in it dates the call when the text gives none, and picks the year of a date without one. */
  filename?: string;
  /** Today, for a date without a year when there is no file-name date (tests fix it). */
  today?: Date;
};

/*
 * Planned (issue 11), not built yet: a CallDraft without its `line` fields and `lines` is to be the
 * `POST /api/calls` JSON body, once the create-call schema takes `minutes`, `questions`, `attendees` and `introOrder`.
 */
