import { readStart } from '../agenda-start';
import type { ImportNotice } from '../call-draft';

export type StartCandidate = { text: string; line: number };
export type CallStart = { startsAt?: string; timezone?: string; plannedMinutes?: number; line?: number; notices: ImportNotice[] };

/**
 * Stand-in for the dates engineer's readCallStart (lib/markdown/dates): the first candidate that gives a full start
 * wins, else the first that gives anything. Same signature, so the switch is one import.
 */
export function readCallStart(candidates: StartCandidate[], context: { filename?: string; today?: Date }): CallStart {
  void context;
  const readings = candidates.map((candidate) => ({ candidate, reading: readStart(candidate.text) })).filter(({ reading }) => reading.isRecognized);
  const best = readings.find(({ reading }) => reading.startsAt) ?? readings[0];
  if (!best) return { notices: [] };
  const { candidate, reading } = best;
  return {
    startsAt: reading.startsAt,
    timezone: reading.startsAt ? reading.timezone : undefined,
    plannedMinutes: reading.plannedMinutes,
    line: candidate.line,
    notices: reading.problems.map((problem) => ({ line: candidate.line, message: `Line ${candidate.line}: ${problem}.` })),
  };
}
