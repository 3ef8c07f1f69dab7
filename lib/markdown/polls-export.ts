import { RATING_MAX, RATING_MIN, type PollResults, type PublicPoll } from '../protocol';
import { escapeInline } from './markdown-escape';

/**
 * A poll as the record shows it. `results` is what attendees may see (null while they may not: results shown
 * once the poll closes); `texts` are all visible open-text answers, oldest first (results carry only the newest).
 */
export type RecordedPoll = { poll: PublicPoll; results: PollResults | null; texts?: string[] };

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

const KIND_LABELS: Record<PublicPoll['kind'], string> = {
  single: '',
  multiple: 'multiple choice',
  rating: `rating ${RATING_MIN} to ${RATING_MAX}`,
  text: 'open text',
};

/** Polls that were ever opened, in the order they were first opened; drafts never reach the record. */
export function recordedPolls<Recorded extends RecordedPoll>(polls: readonly Recorded[]): Recorded[] {
  return polls
    .filter(({ poll }) => poll.status !== 'draft' && poll.openedAt !== null)
    .sort((a, b) => a.poll.openedAt!.localeCompare(b.poll.openedAt!) || a.poll.createdAt.localeCompare(b.poll.createdAt) || a.poll.id.localeCompare(b.poll.id));
}

/**
 * The question as a numbered bold line rather than a heading: the importer reads headings such as "Attendees" or
 * "Q&A" as parts of the record, and a question may say anything.
 */
function headingOf(poll: PublicPoll, number: number): string {
  const notes = [KIND_LABELS[poll.kind], poll.status === 'open' ? 'still open' : ''].filter(Boolean);
  return `**${number}. ${escapeInline(oneLine(poll.question))}**${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}

function countLine(poll: PublicPoll, results: PollResults, shown: number): string {
  const answered = results.answered === 0 ? 'Nobody answered.' : `${results.answered} answered`;
  if (results.answered === 0) return answered;
  if (poll.kind === 'rating' && results.average !== null) return `${answered}, average ${results.average.toFixed(1)} of ${RATING_MAX}.`;
  const hidden = poll.kind === 'text' ? results.answered - shown : 0;
  if (hidden > 0) return `${answered}; ${hidden === 1 ? 'one answer was' : `${hidden} answers were`} hidden by a moderator.`;
  return `${answered}.`;
}

/** One poll: the question, each option with its count and share (or the visible answers), and how many answered. Never names. */
function pollBlocks({ poll, results, texts }: RecordedPoll, number: number): string[] {
  const blocks = [headingOf(poll, number)];
  if (!results) {
    blocks.push('The results are shown once the poll closes.');
    return blocks;
  }
  if (poll.kind === 'text') {
    const shown = (texts ?? results.texts.filter((answer) => !answer.hidden).map((answer) => answer.text)).map(oneLine).filter(Boolean);
    if (shown.length > 0) blocks.push(shown.map((text) => `- ${escapeInline(text)}`).join('\n'));
    blocks.push(countLine(poll, results, shown.length));
    return blocks;
  }
  if (results.options.length > 0) blocks.push(results.options.map((option) => `- ${escapeInline(oneLine(option.label))}: ${option.count} (${option.percent} %)`).join('\n'));
  blocks.push(countLine(poll, results, 0));
  return blocks;
}

/**
 * The record's `## Polls` section, or '' when no poll was opened. It goes right after the minutes text: a
 * re-import keeps it as minutes text, so the re-export writes it back unchanged.
 */
export function exportPollsMarkdown(polls: readonly RecordedPoll[]): string {
  const opened = recordedPolls(polls);
  if (opened.length === 0) return '';
  return ['## Polls', ...opened.flatMap((recorded, index) => pollBlocks(recorded, index + 1))].join('\n\n');
}
