import type { PublicQuestion } from '../protocol';
import { isPublicState } from '../questions';

/** Questions that belong in the record: asked in the open, not dismissed or merged away. */
export function isRecordedQuestion(question: PublicQuestion): boolean {
  return isPublicState(question.state);
}

/** A bullet whose later lines are indented under it, so multi-line text stays inside the bullet. */
function bullet(indent: string, head: string, text: string): string[] {
  const [first = '', ...rest] = text.replace(/\r\n?/g, '\n').trim().split('\n');
  const inner = `${indent}  `;
  return [`${indent}* ${head}${first ? ` ${first.trimEnd()}` : ''}`, ...rest.map((line) => (line.trim() ? `${inner}${line.trimEnd()}` : ''))];
}

function questionLines(question: PublicQuestion): string[] {
  const author = question.isAnonymous || !question.authorName ? 'Anonymous' : question.authorName;
  const lines = bullet('', `Q (${author}):`, question.text);
  if (question.state === 'answered') {
    const head = question.answeredBy ? `A (${question.answeredBy}):` : 'A:';
    lines.push(...bullet('  ', head, question.answer || 'Answered in the call.'));
  }
  return lines;
}

/** The call's `## Q&A` section: answered and open questions in the order asked, each answer nested under its question. */
export function exportQaMarkdown(questions: PublicQuestion[]): string {
  const recorded = questions.filter(isRecordedQuestion).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const body = recorded.length > 0 ? recorded.flatMap(questionLines) : ['No questions were asked.'];
  return ['## Q&A', '', ...body].join('\n');
}
