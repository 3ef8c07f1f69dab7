import { buildCallRecord } from '@/lib/markdown/call-record';
import type { RecordedPoll } from '@/lib/markdown/polls-export';
import { callPathSchema, TEXT_CONTENT_TYPES } from '@/lib/protocol';
import { canSeeResults } from '@/lib/polls';
import { publicResults } from '../../domain/polls';
import type { Database } from '../../persistence/database';
import { listParticipants } from '../../persistence/participants.repository';
import { listPolls, listReactionCounts, listVisiblePollTexts, readPollResults } from '../../persistence/polls.repository';
import { listQuestions } from '../../persistence/questions.repository';
import { defineRoute, noParameters, type ApiRoute } from './api-route';
import { requirePublicCall } from './calls.routes';
import { textResponse } from './http-utils';

/**
 * The opened polls with what attendees may see of them (the record is public): no results held back until the
 * poll closes, no hidden answers, no names; every visible open-text answer.
 */
async function readRecordedPolls(database: Database, callId: string): Promise<RecordedPoll[]> {
  const polls = await listPolls(database, callId, { includeDrafts: false });
  return Promise.all(
    polls.map(async (poll) => {
      if (!canSeeResults(poll, 'attendee')) return { poll, results: null };
      const results = publicResults(await readPollResults(database, poll));
      return poll.kind === 'text' ? { poll, results, texts: await listVisiblePollTexts(database, poll.id) } : { poll, results };
    }),
  );
}

export const recordRoutes: ApiRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/api/calls/{slug}/minutes.md',
    operationId: 'downloadRecord',
    summary: 'The record of the call as Markdown',
    description: 'Agenda (with reaction counts per item), minutes, attendees, the opened polls and visible questions. Served inline so a browser shows it; the filename names it when someone saves it.',
    params: callPathSchema,
    query: noParameters,
    responses: { 200: { description: 'The call record.', text: TEXT_CONTENT_TYPES.markdown } },
    errors: { 404: 'There is no call at this address.' },
    async handle({ c, params }) {
      const { context } = c.env;
      const { access, call } = await requirePublicCall(context, params.slug);
      const [questions, attendees, minutes, polls, reactions] = await Promise.all([
        listQuestions(context.database, access.id, { includeHidden: false }),
        listParticipants(context.database, access.id, () => false),
        context.minutes.textOf(access.id),
        readRecordedPolls(context.database, access.id),
        listReactionCounts(context.database, access.id),
      ]);
      const record = buildCallRecord({ call, questions, attendees, minutes, polls, reactions });
      return textResponse(TEXT_CONTENT_TYPES.markdown, record, { type: 'inline', filename: `minutes-${call.slug}.md` });
    },
  }),
];
