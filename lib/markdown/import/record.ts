import type { DraftAttendee, DraftQuestion } from '../call-draft';
import { NOBODY, readAttendance, readAttendanceText } from './attendees';
import { runsOf, type Part } from './parts';
import { noQuestions, readQuestions } from './questions';
import { lineOf, sourceOf, textOf, type Block, type Source } from './tree';

type Piece = { line: number; text: string };

/** Minutes, questions and attendees from the record parts of the document. */
export function readRecord(source: Source, blocks: Block[], minutesAt: number, parts: Part[]) {
  const pieces: Piece[] = [];
  const questions: DraftQuestion[] = [];
  const attendees: DraftAttendee[] = [];
  const introOrder: string[] = [];
  const inParts = new Set(parts.flatMap((part) => [part.heading, ...part.blocks]));
  const minutesBlocks = minutesAt < 0 ? [] : blocks.slice(minutesAt + 1).filter((block) => !inParts.has(block));
  const addRuns = (list: Block[]) => pieces.push(...runsOf(source, list, blocks));
  addRuns(minutesBlocks);
  for (const part of parts) {
    const whole = [part.heading, ...part.blocks];
    if (part.kind === 'regrets') addRuns(whole);
    if (part.kind === 'qa') {
      const read = readQuestions(source, part.blocks);
      questions.push(...read.questions);
      const isOwnEmpty = read.questions.length === 0 && part.blocks.every((block) => noQuestions.test(textOf(block)));
      if (read.questions.length === 0 && !(isOwnEmpty && part.blocks.some((block) => textOf(block) === 'No questions were asked.'))) addRuns(whole);
      else if (read.kept.length > 0) addRuns([part.heading, ...read.kept]);
    }
    if (part.kind === 'attendance') {
      const read = part.inline ? readAttendanceText(part.inline, lineOf(part.heading)) : readAttendance(source, part.blocks);
      attendees.push(...read.attendees);
      introOrder.push(...read.introOrder);
      if (read.absent.length > 0) pieces.push({ line: lineOf(part.heading), text: `${sourceOf(source, part.heading)}\n\n${read.absent.join('\n')}` });
      // Text after a read list of people (a record's own minutes) needs no attendance heading of its own.
      const isNobody = part.blocks.some((block) => textOf(block) === NOBODY);
      if (read.kept.length > 0) addRuns(read.attendees.length > 0 || read.introOrder.length > 0 || isNobody ? read.kept : [part.heading, ...read.kept]);
      if (read.attendees.length === 0 && read.absent.length === 0 && read.kept.length === 0 && !isNobody) addRuns([part.heading]);
    }
  }
  pieces.sort((a, b) => a.line - b.line);
  return { minutes: pieces.map((piece) => piece.text).join('\n\n').trim(), questions, attendees, introOrder };
}
