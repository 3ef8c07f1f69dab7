import { buildCallRecord } from '@/lib/markdown/call-record';
import type { RecordedPoll } from '@/lib/markdown/polls-export';
import type { PublicCall } from '@/lib/protocol';
import { canSeeResults } from '@/lib/polls';
import { publicResults } from '../../domain/polls';
import { readCallActions } from '../../persistence/actions.repository';
import type { Database } from '../../persistence/database';
import { listParticipants } from '../../persistence/participants.repository';
import { listPolls, listReactionCounts, listVisiblePollTexts, readPollResults } from '../../persistence/polls.repository';
import { listQuestions } from '../../persistence/questions.repository';
import type { ServerContext } from '../context';

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

/** The call's public record as Markdown: what `minutes.md` serves and what publishing commits. */
export async function readCallRecord(context: ServerContext, callId: string, call: PublicCall): Promise<string> {
  const [questions, attendees, minutes, polls, reactions, actions] = await Promise.all([
    listQuestions(context.database, callId, { includeHidden: false }),
    listParticipants(context.database, callId, () => false),
    context.minutes.textOf(callId),
    readRecordedPolls(context.database, callId),
    listReactionCounts(context.database, callId),
    readCallActions(context.database, callId),
  ]);
  return buildCallRecord({ call, questions, attendees, minutes, polls, reactions, actions: actions ?? undefined });
}
