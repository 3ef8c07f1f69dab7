import type { ListItem, Nodes } from 'mdast';
import type { DraftQuestion } from '../call-draft';
import { dedent, lineOf, linesOf, endLineOf, type Block, type Source } from './tree';

export const qaHeading = /^(?:community\s+)?(?:q\s*&\s*a|q\s+and\s+a|questions(?:\s+(?:and|&)\s+answers)?)\s*:?$/i;
/** The record's own sentences for "none": a Q&A part saying only this has no questions and nothing to keep. */
export const noQuestions = /^no questions(?: were asked| this time| this week| today)?\.?$/i;
/** What the export writes for an answered question with no written answer. */
export const ANSWERED_IN_CALL = 'Answered in the call.';

const question = /^Q\s*(?:\(([^)]*)\))?\s*[:.]\s*/;
const answer = /^A\s*(?:\(([^)]*)\))?\s*[:.]\s*/;
const namedAnswer = /^((?:\p{Lu}[\p{L}'’.-]*)(?:\s+\p{Lu}[\p{L}'’.-]*){0,2})\s*:\s+/u;

export type QaReading = { questions: DraftQuestion[]; kept: Block[] };
type Answer = { by: string; body: string };

/** The Markdown of a list item's own content (its first `until` children), dedented. */
function ownText(source: Source, entry: ListItem, until: number): string {
  const parts = entry.children.slice(0, until);
  if (parts.length === 0) return '';
  const indent = (parts[0]!.position?.start.column ?? 3) - 1;
  const [head = '', ...rest] = linesOf(source, lineOf(parts[0]!), endLineOf(parts[parts.length - 1]!)).split('\n');
  return [head.slice(indent), dedent(rest.join('\n'), indent)].join('\n').trim();
}

const authorOf = (name: string | undefined) => {
  const trimmed = (name ?? '').trim();
  return /^anonymous$/i.test(trimmed) ? '' : trimmed;
};
/** "**What's the plan?**": a question written all in bold reads as its words. */
const unwrapBold = (text: string) => /^\*\*([^*]+)\*\*$/.exec(text)?.[1] ?? text;

/** Collects the answers of each question; one answerer keeps the text as written, several are named in it. */
class Answers {
  private readonly byQuestion = new Map<DraftQuestion, Answer[]>();

  add(question: DraftQuestion, by: string, body: string, joiner = '\n\n'): void {
    const list = this.byQuestion.get(question) ?? [];
    const previous = list[list.length - 1];
    if (previous && previous.by === by && joiner === '\n') previous.body = `${previous.body}\n${body}`.trim();
    else list.push({ by, body: body === ANSWERED_IN_CALL ? '' : body });
    this.byQuestion.set(question, list);
    question.isAnswered = true;
  }

  /** Continues the last answer (a wrapped line). */
  extend(question: DraftQuestion, text: string): void {
    const last = this.byQuestion.get(question)?.at(-1);
    if (last) last.body = `${last.body}\n${text}`.trim();
  }

  finish(questions: DraftQuestion[]): void {
    for (const asked of questions) {
      const list = this.byQuestion.get(asked);
      if (!list) continue;
      const names = [...new Set(list.map((each) => each.by).filter(Boolean))];
      asked.answeredBy = names.join(', ');
      asked.answer = names.length > 1 ? list.map((each) => (each.by ? `${each.by}: ${each.body}` : each.body)).join('\n\n') : list.map((each) => each.body).filter(Boolean).join(list.some((each) => each.body.includes('\n')) ? '\n\n' : '\n');
    }
  }
}

function readQuestionItem(source: Source, entry: ListItem, answers: Answers): DraftQuestion | null {
  const answerAt = entry.children.findIndex((child) => child.type === 'list');
  const own = ownText(source, entry, answerAt < 0 ? entry.children.length : answerAt);
  const asked = question.exec(own);
  if (!asked || !own.slice(asked[0].length).trim()) return null;
  const read: DraftQuestion = { text: unwrapBold(own.slice(asked[0].length).trim()), authorName: authorOf(asked[1]), answer: '', answeredBy: '', isAnswered: false, line: lineOf(entry as Nodes) };
  const inline = /\n\s*A\s*(?:\(([^)]*)\))?\s*:\s*([\s\S]*)$/.exec(read.text);
  if (inline) {
    read.text = read.text.slice(0, inline.index).trim();
    answers.add(read, (inline[1] ?? '').trim(), inline[2]!.trim());
  }
  const replies = answerAt < 0 ? [] : (entry.children[answerAt] as { children: ListItem[] }).children;
  for (const reply of replies) readAnswerItem(source, reply, read, answers);
  return read;
}

/** `A (Name): …` or `Name: …` under or after a question; false when the item is neither. */
function readAnswerItem(source: Source, entry: ListItem, asked: DraftQuestion, answers: Answers): boolean {
  const text = ownText(source, entry, entry.children.length);
  const replied = answer.exec(text) ?? namedAnswer.exec(text);
  if (!replied) return false;
  answers.add(asked, (replied[1] ?? '').trim(), text.slice(replied[0].length).trim());
  return true;
}

/** `Q (Name): …` with `A (Name): …` under it (bullets or paragraphs), or `Q: …` followed by `Name: answer` lines or bullets. */
export function readQuestions(source: Source, blocks: Block[]): QaReading {
  const reading: QaReading = { questions: [], kept: [] };
  const answers = new Answers();
  let last: DraftQuestion | null = null;
  for (const block of blocks) {
    if (block.type === 'list') {
      let isRead = true;
      for (const entry of block.children) {
        const read = readQuestionItem(source, entry, answers);
        if (read) reading.questions.push((last = read));
        else if (!last || !readAnswerItem(source, entry, last, answers)) isRead = false;
      }
      if (!isRead) reading.kept.push(block);
      continue;
    }
    if (block.type === 'paragraph') {
      const text = linesOf(source, lineOf(block), endLineOf(block)).trim();
      if (noQuestions.test(text)) continue;
      const before = reading.questions.length;
      if (readParagraph(text, lineOf(block), reading, last, answers)) {
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
  answers.finish(reading.questions);
  return reading;
}

/** Paragraph lines `Q (Ann): …`, `A (Bo): …`, or `Name: answer` after a question. False when it is none of these. */
function readParagraph(text: string, line: number, reading: QaReading, last: DraftQuestion | null, answers: Answers): boolean {
  const lines = text.split('\n');
  if (!question.test(lines[0]!) && !(last && (answer.test(lines[0]!) || namedAnswer.test(lines[0]!)))) return false;
  let current = last;
  let isAnswering = false;
  for (const [offset, raw] of lines.entries()) {
    const asked = question.exec(raw);
    const replied = asked ? null : (answer.exec(raw) ?? namedAnswer.exec(raw));
    if (asked) {
      current = { text: unwrapBold(raw.slice(asked[0].length).trim()), authorName: authorOf(asked[1]), answer: '', answeredBy: '', isAnswered: false, line: line + offset };
      reading.questions.push(current);
      isAnswering = false;
    } else if (replied && current) {
      answers.add(current, (replied[1] ?? '').trim(), raw.slice(replied[0].length).trim(), '\n');
      isAnswering = true;
    } else if (current && isAnswering) {
      answers.extend(current, raw.trim());
    } else if (current) {
      current.text = `${current.text}\n${raw.trim()}`.trim();
    }
  }
  return true;
}
