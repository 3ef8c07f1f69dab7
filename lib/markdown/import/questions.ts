import type { ListItem, Nodes } from 'mdast';
import type { DraftQuestion } from '../call-draft';
import { dedent, lineOf, linesOf, endLineOf, type Block, type Source } from './tree';

export const qaHeading = /^(?:community\s+)?(?:q\s*&\s*a|q\s+and\s+a|questions(?:\s+(?:and|&)\s+answers)?)\s*:?$/i;
/** The record's own sentences for "none": a Q&A part saying only this has no questions and nothing to keep. */
export const noQuestions = /^no questions(?: were asked| this time| today)?\.?$/i;
/** What the export writes for an answered question with no written answer. */
export const ANSWERED_IN_CALL = 'Answered in the call.';

const question = /^Q\s*(?:\(([^)]*)\))?\s*[:.]\s*/;
const answer = /^A\s*(?:\(([^)]*)\))?\s*[:.]\s*/;
const namedAnswer = /^((?:\p{Lu}[\p{L}'’.-]*)(?:\s+\p{Lu}[\p{L}'’.-]*){0,2})\s*:\s+/u;

export type QaReading = { questions: DraftQuestion[]; kept: Block[] };

/** The Markdown of a list item's own content (nested lists of answers excluded), dedented. */
function ownText(source: Source, entry: ListItem, until: number): string {
  const first = entry.children[0];
  if (!first) return '';
  const indent = (first.position?.start.column ?? 3) - 1;
  const parts = entry.children.slice(0, until);
  if (parts.length === 0) return '';
  const text = linesOf(source, lineOf(parts[0]!), endLineOf(parts[parts.length - 1]!));
  const [head = '', ...rest] = text.split('\n');
  return [head.slice(indent), ...dedent(rest.join('\n'), indent).split('\n')].slice(0, rest.length + 1).join('\n').trim();
}

const authorOf = (name: string | undefined) => {
  const trimmed = (name ?? '').trim();
  return /^anonymous$/i.test(trimmed) ? '' : trimmed;
};

function readQuestionItem(source: Source, entry: ListItem, line: number): DraftQuestion | null {
  const answerAt = entry.children.findIndex((child) => child.type === 'list');
  const own = ownText(source, entry, answerAt < 0 ? entry.children.length : answerAt);
  const asked = question.exec(own);
  if (!asked || !own.slice(asked[0].length).trim()) return null;
  const read: DraftQuestion = { text: own.slice(asked[0].length).trim(), authorName: authorOf(asked[1]), answer: '', answeredBy: '', isAnswered: false, line };
  const answers = answerAt < 0 ? [] : (entry.children[answerAt] as { children: ListItem[] }).children;
  const inline = /\n\s*A\s*(?:\(([^)]*)\))?\s*:\s*([\s\S]*)$/.exec(read.text);
  if (inline) {
    read.text = read.text.slice(0, inline.index).trim();
    Object.assign(read, { isAnswered: true, answeredBy: (inline[1] ?? '').trim(), answer: inline[2]!.trim() });
  }
  for (const reply of answers) {
    const text = ownText(source, reply, reply.children.length);
    const replied = answer.exec(text) ?? namedAnswer.exec(text);
    if (!replied) continue;
    const body = text.slice(replied[0].length).trim();
    read.isAnswered = true;
    read.answeredBy = read.answeredBy ? `${read.answeredBy}, ${replied[1] ?? ''}`.replace(/, $/, '') : (replied[1] ?? '').trim();
    read.answer = [read.answer, body === ANSWERED_IN_CALL ? '' : body].filter(Boolean).join('\n\n');
  }
  if (read.answer === ANSWERED_IN_CALL) read.answer = '';
  return read;
}

/** `Q (Name): …` with `A (Name): …` under it (bullets or paragraphs), or `Q: …` followed by `Name: answer`. */
export function readQuestions(source: Source, blocks: Block[]): QaReading {
  const reading: QaReading = { questions: [], kept: [] };
  let last: DraftQuestion | null = null;
  for (const block of blocks) {
    if (block.type === 'list') {
      const unread = block.children.filter((entry) => {
        const read = readQuestionItem(source, entry, lineOf(entry as Nodes));
        if (read) reading.questions.push((last = read));
        return !read;
      });
      if (unread.length > 0) reading.kept.push(block);
      continue;
    }
    if (block.type === 'paragraph') {
      const text = linesOf(source, lineOf(block), endLineOf(block)).trim();
      if (noQuestions.test(text)) continue;
      const before = reading.questions.length;
      if (readParagraph(text, lineOf(block), reading, last)) {
        // A question without text is no question: the paragraph stays in the minutes as written.
        if (reading.questions.slice(before).some((asked) => !asked.text.trim())) {
          reading.questions.splice(before);
          reading.kept.push(block);
        }
        last = reading.questions[reading.questions.length - 1] ?? null;
        continue;
      }
    }
    reading.kept.push(block);
  }
  return reading;
}

/** Paragraph lines `Q (Ann): …`, `A (Bo): …`, or `Name: answer` after a question. False when it is none of these. */
function readParagraph(text: string, line: number, reading: QaReading, last: DraftQuestion | null): boolean {
  const lines = text.split('\n');
  if (!question.test(lines[0]!) && !(last && (answer.test(lines[0]!) || namedAnswer.test(lines[0]!)))) return false;
  let current = last;
  for (const [offset, raw] of lines.entries()) {
    const asked = question.exec(raw);
    const replied = asked ? null : (answer.exec(raw) ?? namedAnswer.exec(raw));
    if (asked) {
      current = { text: raw.slice(asked[0].length).trim(), authorName: authorOf(asked[1]), answer: '', answeredBy: '', isAnswered: false, line: line + offset };
      reading.questions.push(current);
    } else if (replied && current) {
      const body = raw.slice(replied[0].length).trim();
      current.isAnswered = true;
      current.answeredBy = [current.answeredBy, (replied[1] ?? '').trim()].filter(Boolean).join(', ');
      current.answer = [current.answer, body === ANSWERED_IN_CALL ? '' : body].filter(Boolean).join('\n');
    } else if (current) {
      const target = current.isAnswered ? 'answer' : 'text';
      current[target] = `${current[target]}\n${raw.trim()}`.trim();
    }
  }
  return true;
}
