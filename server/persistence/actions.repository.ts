import type { CallActions, PublicAction, PublicDecision } from '@/lib/protocol';
import { chunksOfIds, type Database } from './database';

/** An action item as read out of a call's minutes, its heading already matched to an agenda item. */
export type ExtractedAction = { key: string; text: string; owner: string | null; due: string | null; isDone: boolean; itemId: string | null };
export type ExtractedDecision = { key: string; text: string; itemId: string | null };
export type ExtractedActions = { actions: ExtractedAction[]; decisions: ExtractedDecision[] };

/** A stored item and the call it was written in: what `action:update` needs to decide what to change. */
export type StoredAction = { id: string; callId: string; key: string; isDone: boolean; closedAt: Date | null; seriesId: string | null };

type CallRef = { id: string; slug: string; title: string; startsAt: Date | null; startedAt: Date | null; createdAt: Date; seriesId: string | null };
const callRefFields = { id: true, slug: true, title: true, startsAt: true, startedAt: true, createdAt: true, seriesId: true } as const;

const actionFields = { id: true, callId: true, text: true, owner: true, due: true, isDone: true, itemId: true, position: true, closedAt: true } as const;
type ActionRow = { id: string; callId: string; text: string; owner: string | null; due: string | null; isDone: boolean; itemId: string | null; position: number; closedAt: Date | null };
const decisionFields = { id: true, callId: true, text: true, itemId: true, position: true } as const;
type DecisionRow = { id: string; callId: string; text: string; itemId: string | null; position: number };

/** When a call took place, or will: the series' calls are ordered by it. */
export function callTimeOf(call: Pick<CallRef, 'startsAt' | 'startedAt' | 'createdAt'>): number {
  return (call.startedAt ?? call.startsAt ?? call.createdAt).getTime();
}

const byCallTime = (a: CallRef, b: CallRef) => callTimeOf(a) - callTimeOf(b) || a.id.localeCompare(b.id);

const refOf = (call: CallRef) => ({ slug: call.slug, title: call.title, startsAt: (call.startsAt ?? call.startedAt)?.toISOString() ?? null });

function toPublicAction(row: ActionRow, call: CallRef, isCarriedOver: boolean): PublicAction {
  return {
    id: row.id,
    text: row.text,
    owner: row.owner,
    due: row.due,
    isDone: row.isDone || row.closedAt !== null,
    itemId: isCarriedOver ? null : row.itemId,
    call: refOf(call),
    isCarriedOver,
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

const toPublicDecision = (row: DecisionRow, call: CallRef): PublicDecision => ({ id: row.id, text: row.text, itemId: row.itemId, call: refOf(call) });

/**
 * Makes the call's stored items and decisions what its minutes say: new keys are added, changed ones updated,
 * keys no longer written are deleted; an item keeps its id and whether a later call closed it. Returns whether
 * anything changed.
 */
export async function saveCallActions(database: Database, callId: string, extracted: ExtractedActions, newId: () => string): Promise<boolean> {
  return database.$transaction(async (transaction) => {
    const storedActions = await transaction.actionItem.findMany({ where: { callId }, select: { key: true, text: true, owner: true, due: true, isDone: true, itemId: true, position: true } });
    const storedDecisions = await transaction.decision.findMany({ where: { callId }, select: { key: true, text: true, itemId: true, position: true } });
    let isChanged = false;

    const actionsByKey = new Map(storedActions.map((row) => [row.key, row]));
    const actionKeys = new Set(extracted.actions.map((action) => action.key));
    const goneActions = storedActions.filter((row) => !actionKeys.has(row.key)).map((row) => row.key);
    if (goneActions.length > 0) {
      await transaction.actionItem.deleteMany({ where: { callId, key: { in: goneActions } } });
      isChanged = true;
    }
    for (const [position, { key, ...fields }] of extracted.actions.entries()) {
      const stored = actionsByKey.get(key);
      const wanted = { ...fields, position };
      const isSame = stored && stored.text === wanted.text && stored.owner === wanted.owner && stored.due === wanted.due && stored.isDone === wanted.isDone;
      if (isSame && stored.itemId === wanted.itemId && stored.position === position) continue;
      await transaction.actionItem.upsert({ where: { callId_key: { callId, key } }, create: { id: newId(), callId, key, ...wanted }, update: wanted, select: { id: true } });
      isChanged = true;
    }

    const decisionsByKey = new Map(storedDecisions.map((row) => [row.key, row]));
    const decisionKeys = new Set(extracted.decisions.map((decision) => decision.key));
    const goneDecisions = storedDecisions.filter((row) => !decisionKeys.has(row.key)).map((row) => row.key);
    if (goneDecisions.length > 0) {
      await transaction.decision.deleteMany({ where: { callId, key: { in: goneDecisions } } });
      isChanged = true;
    }
    for (const [position, { key, ...fields }] of extracted.decisions.entries()) {
      const stored = decisionsByKey.get(key);
      const wanted = { ...fields, position };
      if (stored && stored.text === wanted.text && stored.itemId === wanted.itemId && stored.position === position) continue;
      await transaction.decision.upsert({ where: { callId_key: { callId, key } }, create: { id: newId(), callId, key, ...wanted }, update: wanted, select: { id: true } });
      isChanged = true;
    }
    return isChanged;
  });
}

/** The calls of the series that took place before `call` (by start), earliest first. */
async function earlierCallsOf(database: Database, call: CallRef): Promise<CallRef[]> {
  if (!call.seriesId) return [];
  const calls = await database.call.findMany({ where: { seriesId: call.seriesId, id: { not: call.id } }, select: callRefFields });
  return calls.filter((other) => byCallTime(other, call) < 0).sort(byCallTime);
}

/**
 * What a call shows: its own items and decisions in the order written, then the items of earlier calls of its
 * series that are still open, or that this call closed, as carried over. Null when the call does not exist.
 */
export async function readCallActions(database: Database, callId: string): Promise<CallActions | null> {
  const call = await database.call.findUnique({ where: { id: callId }, select: callRefFields });
  if (!call) return null;
  const own = await database.actionItem.findMany({ where: { callId }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: actionFields });
  const decisions = await database.decision.findMany({ where: { callId }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: decisionFields });
  const earlier = await earlierCallsOf(database, call);
  const carried: ActionRow[] = [];
  for (const ids of chunksOfIds(earlier.map((other) => other.id))) {
    carried.push(
      ...(await database.actionItem.findMany({
        where: { callId: { in: ids }, OR: [{ isDone: false, closedAt: null }, { closedInCallId: callId }] },
        select: actionFields,
      })),
    );
  }
  const order = new Map(earlier.map((other, index) => [other.id, index]));
  carried.sort((a, b) => order.get(a.callId)! - order.get(b.callId)! || a.position - b.position);
  const callsById = new Map(earlier.map((other) => [other.id, other]));
  return {
    actions: [...carried.map((row) => toPublicAction(row, callsById.get(row.callId)!, true)), ...own.map((row) => toPublicAction(row, call, false))],
    decisions: decisions.map((row) => toPublicDecision(row, call)),
  };
}

export async function findAction(database: Database, actionId: string): Promise<StoredAction | null> {
  const row = await database.actionItem.findUnique({
    where: { id: actionId },
    select: { id: true, callId: true, key: true, isDone: true, closedAt: true, call: { select: { seriesId: true } } },
  });
  if (!row) return null;
  const { call, ...action } = row;
  return { ...action, seriesId: call.seriesId };
}

/** Whether `action` shows in `callId` as carried over: an item of an earlier call of the same series. */
export async function isCarriedOverInto(database: Database, action: StoredAction, callId: string): Promise<boolean> {
  if (!action.seriesId || action.callId === callId) return false;
  const calls = await database.call.findMany({ where: { id: { in: [action.callId, callId] } }, select: callRefFields });
  const from = calls.find((call) => call.id === action.callId);
  const into = calls.find((call) => call.id === callId);
  return !!from && !!into && into.seriesId === action.seriesId && byCallTime(from, into) < 0;
}

/** Closes an item for its series in `inCallId` (a second close keeps the first), or opens it again. */
export async function setActionClosed(database: Database, actionId: string, inCallId: string, isClosed: boolean): Promise<void> {
  if (isClosed) {
    await database.actionItem.updateMany({ where: { id: actionId, closedAt: null }, data: { closedAt: new Date(), closedInCallId: inCallId } });
  } else {
    await database.actionItem.updateMany({ where: { id: actionId }, data: { closedAt: null, closedInCallId: null } });
  }
}

export type SeriesActionRows = {
  series: { id: string; title: string };
  actions: PublicAction[];
  decisions: PublicDecision[];
};

/**
 * A series' action items in one state (open: not ticked and not closed; done: either), by owner (unowned last),
 * then by call and order; and every decision of the series, by call. Null when there is no such series.
 */
export async function readSeriesActions(database: Database, seriesId: string, state: 'open' | 'done'): Promise<SeriesActionRows | null> {
  const series = await database.series.findUnique({ where: { id: seriesId }, select: { id: true, title: true } });
  if (!series) return null;
  const calls = (await database.call.findMany({ where: { seriesId }, select: callRefFields })).sort(byCallTime);
  const order = new Map(calls.map((call, index) => [call.id, index]));
  const callsById = new Map(calls.map((call) => [call.id, call]));
  const stateFilter = state === 'open' ? { isDone: false, closedAt: null } : { OR: [{ isDone: true }, { closedAt: { not: null } }] };
  const actions = await database.actionItem.findMany({ where: { call: { seriesId }, ...stateFilter }, select: actionFields });
  const decisions = await database.decision.findMany({ where: { call: { seriesId } }, select: decisionFields });
  const byCall = <Row extends { callId: string; position: number }>(a: Row, b: Row) => order.get(a.callId)! - order.get(b.callId)! || a.position - b.position;
  const byOwner = (a: ActionRow, b: ActionRow) => (a.owner === null ? 1 : 0) - (b.owner === null ? 1 : 0) || (a.owner ?? '').localeCompare(b.owner ?? '', 'en', { sensitivity: 'base' }) || byCall(a, b);
  return {
    series,
    actions: actions.sort(byOwner).map((row) => toPublicAction(row, callsById.get(row.callId)!, false)),
    decisions: decisions.sort(byCall).map((row) => toPublicDecision(row, callsById.get(row.callId)!)),
  };
}
