import type { Database } from './database';

/** Deleting a big call's rows (thousands of votes) may take longer than Prisma's default of 5 s on a busy machine. */
const LONG_TRANSACTION = { timeout: 60_000, maxWait: 20_000 };

/**
 * Deletes a call and everything that belongs to it: its participants, questions and votes, polls and answers,
 * minutes updates and snapshots, action items, decisions, links, agenda, reactions and publications (the schema
 * cascades from the call). Earlier calls' action items that it closed are open again for the series. The paths
 * it was published to count as imported, so importing the series' repository does not bring it back. Returns
 * false when there is no such call (deleted meanwhile, perhaps by another node).
 */
export async function deleteCall(database: Database, callId: string): Promise<boolean> {
  return database.$transaction(async (transaction) => {
    const call = await transaction.call.findUnique({
      where: { id: callId },
      select: { slug: true, seriesId: true, publications: { select: { path: true }, distinct: ['path'] } },
    });
    if (!call) return false;
    const { seriesId, slug, publications } = call;
    if (seriesId) {
      for (const { path } of publications) {
        await transaction.importedFile.upsert({ where: { seriesId_path: { seriesId, path } }, create: { seriesId, path, callSlug: slug }, update: {} });
      }
    }
    await transaction.actionItem.updateMany({ where: { closedInCallId: callId }, data: { closedAt: null, closedInCallId: null } });
    const { count } = await transaction.call.deleteMany({ where: { id: callId } });
    return count === 1;
  }, LONG_TRANSACTION);
}

/** Up to `take` ended calls, oldest first, that ended before `endedBefore` and still hold their attendees' names. */
export async function listCallsPastRetention(database: Database, endedBefore: Date, take: number): Promise<string[]> {
  const rows = await database.call.findMany({
    where: { personalDataRemovedAt: null, status: 'ended', endedAt: { lt: endedBefore } },
    orderBy: [{ endedAt: 'asc' }, { id: 'asc' }],
    take,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/**
 * Blanks the names and profiles of a call's participants (name, affiliation, pronouns, what brought them) and
 * the names its questions keep (who asked, who answered), keeping every row: the record still counts attendees,
 * questions, votes and poll answers. The call is marked first and its sequence moves on (every node's cached
 * copy is read again), all in one transaction: of two nodes sweeping at once one does it, the other finds it
 * done and returns false.
 */
export async function removePersonalData(database: Database, callId: string, now: Date): Promise<boolean> {
  return database.$transaction(async (transaction) => {
    const marked = await transaction.call.updateMany({
      where: { id: callId, personalDataRemovedAt: null },
      data: { personalDataRemovedAt: now, sequence: { increment: 1 } },
    });
    if (marked.count !== 1) return false;
    await transaction.participant.updateMany({ where: { callId }, data: { displayName: '', affiliation: '', pronouns: '', reason: '', joinBucket: '' } });
    await transaction.question.updateMany({ where: { callId }, data: { authorName: '', answeredBy: '' } });
    return true;
  }, LONG_TRANSACTION);
}
