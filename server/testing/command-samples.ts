import { PROTOCOL_VERSION, type CommandName } from '@/lib/protocol';

/** Ids that exist in the call under test, or placeholders when a test needs only the shape. */
export type SampleIds = { slug: string; sectionId: string; itemId: string; questionId: string; participantId: string; pollId: string; optionId: string };

const PLACEHOLDER_IDS: SampleIds = {
  slug: 'nosuchcall',
  sectionId: 'section',
  itemId: 'item',
  questionId: 'question',
  participantId: 'participant',
  pollId: 'poll',
  optionId: 'option',
};

/**
 * One schema-valid payload per command. Typed by CommandName, so a new command fails the type check
 * (and the role and fuzz tests) until it has a sample here.
 */
export function validCommandPayloads(ids: SampleIds = PLACEHOLDER_IDS): Record<CommandName, Record<string, unknown>> {
  const bytes = new Uint8Array([0, 0]);
  return {
    'call:join': { protocolVersion: PROTOCOL_VERSION, slug: ids.slug },
    'participant:checkIn': { displayName: 'Fuzz' },
    'call:start': {},
    'call:end': {},
    'call:schedule': { startsAt: '2026-12-10T17:30' },
    'agenda:advance': { direction: 'next' },
    'agenda:jump': { itemId: ids.itemId },
    'timer:pause': {},
    'timer:resume': {},
    'timer:reset': {},
    'timer:extend': { minutes: 5 },
    'agenda:addSection': { title: 'New section' },
    'agenda:updateSection': { sectionId: ids.sectionId, title: 'Renamed' },
    'agenda:deleteSection': { sectionId: ids.sectionId },
    'agenda:moveSection': { sectionId: ids.sectionId, toIndex: 0 },
    'agenda:addItem': { sectionId: ids.sectionId, title: 'New item' },
    'agenda:updateItem': { itemId: ids.itemId, title: 'Renamed' },
    'agenda:deleteItem': { itemId: ids.itemId },
    'agenda:moveItem': { itemId: ids.itemId, toSectionId: ids.sectionId, toIndex: 0 },
    'qa:ask': { text: 'Why?' },
    'qa:vote': { questionId: ids.questionId },
    'qa:unvote': { questionId: ids.questionId },
    'qa:approve': { questionId: ids.questionId },
    'qa:pin': { questionId: ids.questionId },
    'qa:answer': { questionId: ids.questionId, answer: 'Because.' },
    'qa:dismiss': { questionId: ids.questionId },
    'qa:restore': { questionId: ids.questionId },
    'qa:edit': { questionId: ids.questionId, text: 'Why not?' },
    'qa:merge': { questionId: ids.questionId, intoQuestionId: ids.questionId },
    'qa:settings': { qaOpen: true },
    'qa:voters': { questionId: ids.questionId },
    'qa:removeGroup': { participantIds: [ids.participantId] },
    'minutes:sync': { stateVector: bytes },
    'minutes:update': { update: bytes },
    'minutes:awareness': { update: bytes },
    'minutes:history': {},
    'minutes:snapshot': { snapshotId: 1 },
    'minutes:restore': { snapshotId: 1 },
    'participants:list': {},
    'participants:unfollow': {},
    'participant:setTeam': { participantId: ids.participantId, isTeam: true },
    'participant:remove': { participantId: ids.participantId },
    'hand:raise': {},
    'hand:lower': { participantId: ids.participantId },
    'intro:start': {},
    'intro:next': {},
    'intro:reorder': { participantIds: [ids.participantId] },
    'intro:skip': { participantId: ids.participantId },
    'intro:later': { participantId: ids.participantId },
    'intro:end': {},
    'poll:create': { question: 'Which day suits the bi-weekly?', kind: 'single', options: ['Tuesday', 'Thursday'], itemId: ids.itemId, showResults: 'live' },
    'poll:open': { pollId: ids.pollId },
    'poll:close': { pollId: ids.pollId },
    'poll:delete': { pollId: ids.pollId },
    'poll:answer': { pollId: ids.pollId, optionIds: [ids.optionId] },
    'poll:hideAnswer': { pollId: ids.pollId, answerId: 'answer' },
    'reaction:send': { emoji: '👏' },
    'action:update': { actionId: 'action', isDone: true },
  };
}
