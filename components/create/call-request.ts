import type { CallDraft } from '@/lib/markdown/call-draft';
import type { CreateCallFormInput } from '@/lib/protocol';
import { newKey, type DraftSection } from './agenda-editor';

export type FormLink = { key: number; label: string; url: string };

export type CallFields = {
  title: string;
  description: string;
  /** Empty: the date is to be announced. */
  date: string;
  time: string;
  timezone: string;
  plannedMinutes: string;
  documentsBaseUrl: string;
};

/** The parts of an imported document the form does not edit: the record of a past call. */
export type CallRecord = Pick<CreateCallFormInput, 'minutes' | 'questions' | 'attendees' | 'introOrder'>;

export function recordFrom(draft: CallDraft): CallRecord {
  return {
    minutes: draft.minutes,
    questions: draft.questions.map(({ text, authorName, answer, answeredBy, isAnswered }) => ({ text, authorName, answer, answeredBy, isAnswered })),
    attendees: draft.attendees.map(({ displayName, affiliation, reason, isTeam }) => ({ displayName, affiliation, reason, isTeam })),
    introOrder: draft.introOrder,
  };
}

export const hasRecord = (record: CallRecord) =>
  Boolean(record.minutes?.trim()) || Boolean(record.questions?.length) || Boolean(record.attendees?.length) || Boolean(record.introOrder?.length);

export function toRequest(fields: CallFields, links: FormLink[], sections: DraftSection[], record: CallRecord | null): CreateCallFormInput {
  return {
    title: fields.title,
    description: fields.description,
    ...(fields.date ? { startsAt: `${fields.date}T${fields.time}` } : {}),
    timezone: fields.timezone,
    plannedMinutes: Number(fields.plannedMinutes),
    documentsBaseUrl: fields.documentsBaseUrl,
    links: links.filter((link) => link.label || link.url).map(({ label, url }) => ({ label, url })),
    sections: sections.map((section) => ({
      title: section.title,
      notes: section.notes,
      items: section.items
        .filter((item) => item.title || item.presenter || item.plannedMinutes || item.notes)
        .map((item) => ({
          title: item.title,
          notes: item.notes,
          presenter: item.presenter,
          plannedMinutes: item.plannedMinutes ? Number(item.plannedMinutes) : null,
        })),
    })),
    ...(record ?? {}),
  };
}

export function sectionsFrom(draft: CallDraft): DraftSection[] {
  return draft.sections.map((section) => ({
    key: newKey(),
    title: section.title,
    notes: section.notes,
    items: section.items.map((item) => ({
      key: newKey(),
      title: item.title,
      notes: item.notes,
      presenter: item.presenter,
      plannedMinutes: item.plannedMinutes === null ? '' : String(item.plannedMinutes),
    })),
  }));
}

/** The host page of a created call as a same-site path, keeping its `#key=`. */
export function hostPathOf(hostUrl: string): string {
  const target = new URL(hostUrl, 'http://localhost');
  return `${target.pathname}${target.hash}`;
}
