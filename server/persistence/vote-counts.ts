import type { Transaction } from './database';

/** Counts the questions' votes again and stores each count on its question; returns the counts. */
export async function recount(transaction: Transaction, questionIds: string[]): Promise<Map<string, number>> {
  const groups = await transaction.vote.groupBy({ by: ['questionId'], where: { questionId: { in: questionIds } }, _count: { _all: true } });
  const counts = new Map(questionIds.map((id) => [id, 0]));
  for (const group of groups) counts.set(group.questionId, group._count._all);
  for (const [id, voteCount] of counts) await transaction.question.update({ where: { id }, data: { voteCount } });
  return counts;
}
