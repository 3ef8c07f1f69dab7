import { REACTIONS, type PollAnswer, type PollResults, type PublicPoll, type Reaction, type Role } from './protocol';

/** Hosts and scribes always see results; attendees while they are live, or once the poll is closed. */
export function canSeeResults(poll: Pick<PublicPoll, 'status' | 'showResults'>, role: Role): boolean {
  if (role !== 'attendee') return true;
  if (poll.status === 'draft') return false;
  return poll.showResults === 'live' || poll.status === 'closed';
}

/** The poll a projector shows: the open one opened last (a reopened poll keeps its first opening time). */
export function currentPoll(polls: readonly PublicPoll[]): PublicPoll | null {
  const open = polls.filter((poll) => poll.status === 'open');
  return open.reduce<PublicPoll | null>((latest, poll) => (latest === null || (poll.openedAt ?? '') >= (latest.openedAt ?? '') ? poll : latest), null);
}

/** An answer as the poll stores it, read from what the participant sent (the server's rules, without refusals). */
export function answerOf(poll: PublicPoll, sent: { optionIds?: string[]; rating?: number; text?: string }): PollAnswer | null {
  if (poll.kind === 'rating') return sent.rating === undefined ? null : { rating: sent.rating };
  if (poll.kind === 'text') return sent.text === undefined ? null : { text: sent.text.replace(/\s+/g, ' ').trim() };
  const chosen = sent.optionIds ?? [];
  return { optionIds: poll.options.map((option) => option.id).filter((id) => chosen.includes(id)) };
}

/** What one's own answer says in words ("You chose Yes", "You rated 4"). */
export function describeAnswer(poll: PublicPoll, answer: PollAnswer): string {
  if ('rating' in answer) return `You rated ${answer.rating} of 5.`;
  if ('text' in answer) return `You answered “${answer.text}”.`;
  const labels = poll.options.filter((option) => answer.optionIds.includes(option.id)).map((option) => option.label);
  return `You chose ${labels.join(', ')}.`;
}

/** A short line for screen readers: how many answered and what leads. */
export function summarizeResults(poll: PublicPoll, results: PollResults): string {
  const answers = `${results.answered} ${results.answered === 1 ? 'answer' : 'answers'}`;
  if (results.answered === 0) return `${poll.question}: no answers yet.`;
  if (poll.kind === 'rating' && results.average !== null) return `${poll.question}: ${answers}, average ${results.average} of 5.`;
  const leader = [...results.options].sort((a, b) => b.count - a.count)[0];
  if (poll.kind !== 'text' && leader) return `${poll.question}: ${answers}, most chose ${leader.label} (${leader.percent}%).`;
  return `${poll.question}: ${answers}.`;
}

export type ReactionCounts = Partial<Record<Reaction, number>>;

/** Adds one burst's counts to others (in the order of REACTIONS). */
export function addReactionCounts(total: ReactionCounts, burst: ReactionCounts): ReactionCounts {
  const sum: ReactionCounts = {};
  for (const emoji of REACTIONS) {
    const count = (total[emoji] ?? 0) + (burst[emoji] ?? 0);
    if (count > 0) sum[emoji] = count;
  }
  return sum;
}

/** "3 👏, 1 🎉 in the last seconds", or '' when there is nothing to say. */
export function describeReactions(counts: ReactionCounts): string {
  const parts = REACTIONS.filter((emoji) => (counts[emoji] ?? 0) > 0).map((emoji) => `${counts[emoji]} ${emoji}`);
  return parts.length === 0 ? '' : `${parts.join(', ')} in the last seconds`;
}

export const REACTION_NAMES: Record<Reaction, string> = {
  '👍': 'thumbs up',
  '👏': 'applause',
  '🎉': 'celebration',
  '❤️': 'love',
  '😂': 'laughter',
  '🤔': 'thinking',
  '➕': 'plus one',
};

/**
 * What a live region says about polls: the open poll and how many answered, or once none is open, the results of
 * the poll closed last. Short on purpose; the caller throttles it.
 */
export function announcePolls(polls: readonly PublicPoll[], results: Record<string, PollResults>, role: Role): string {
  const open = currentPoll(polls);
  if (open) {
    const shown = canSeeResults(open, role) ? results[open.id] : undefined;
    // No count until someone answered: "0 answers" right after "Poll open" would announce the poll twice.
    return `Poll open: ${open.question}${shown?.answered ? ` ${shown.answered} ${shown.answered === 1 ? 'answer' : 'answers'}.` : ''}`;
  }
  const closed = polls.filter((poll) => poll.status === 'closed').sort((a, b) => (b.openedAt ?? '').localeCompare(a.openedAt ?? ''))[0];
  const shown = closed && canSeeResults(closed, role) ? results[closed.id] : undefined;
  return closed && shown ? `Poll closed. ${summarizeResults(closed, shown)}` : '';
}
