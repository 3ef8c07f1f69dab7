import { ownerHandle } from '../action-lines';
import type { PublicAction, PublicDecision } from '../protocol/actions';
import { escapeInline } from './markdown-escape';

/**
 * A call's action items and decisions as Markdown. Their text is Markdown as written in the minutes, so it is not
 * escaped; the lines are the shapes `extractActions` reads, so a record imported back reads the same items.
 */
export type ActionsSource = { actions: PublicAction[]; decisions: PublicDecision[] };

/** `Hugo to …` / `Hugo will …` already name the owner: no `@Hugo` in front of them. */
function namesOwner(text: string, owner: string): boolean {
  return text.startsWith(`${owner} to `) || text.startsWith(`${owner} will `);
}

/** Where an item of an earlier call came from; with `callSlug`, any item not of that call is one. */
function origin(action: PublicAction, callSlug?: string): string {
  if (!action.isCarriedOver && (callSlug === undefined || action.call.slug === callSlug)) return '';
  const day = action.call.startsAt?.slice(0, 10);
  return ` (from ${escapeInline(action.call.title.replace(/\s+/g, ' ').trim())}${day ? `, ${day}` : ''})`;
}

/**
 * `- [ ] @owner text (due …)`. A carried-over item names its call after the text and before the due date, so that
 * the line read back (the due date taken out, the rest kept as text) is written the same way again.
 */
export function actionLine(action: PublicAction, callSlug?: string): string {
  const text = action.text.replace(/\s+/g, ' ').trim();
  const handle = action.owner && !namesOwner(text, action.owner) ? ownerHandle(action.owner) : null;
  const owner = handle ? `@${handle} ` : '';
  const due = action.due ? ` (due ${action.due})` : '';
  return `- [${action.isDone ? 'x' : ' '}] ${owner}${text}${origin(action, callSlug)}${due}`;
}

const decisionLine = (decision: PublicDecision) => `- ${decision.text.replace(/\s+/g, ' ').trim()}`;

/** `## Action items` then `## Decisions`, each only when it has entries; '' when there is neither. */
export function exportActionsMarkdown(source: ActionsSource, callSlug?: string): string {
  const { actions } = source;
  return [
    ...(actions.length > 0 ? [['## Action items', '', ...actions.map((action) => actionLine(action, callSlug))].join('\n')] : []),
    ...(source.decisions.length > 0 ? [['## Decisions', '', ...source.decisions.map(decisionLine)].join('\n')] : []),
  ].join('\n\n');
}

/** `actions.md`: a checklist to paste into a GitHub issue, open items first, then the done ones, then the decisions. */
export function exportActionsChecklist(title: string, source: ActionsSource, callSlug?: string): string {
  const open = source.actions.filter((action) => !action.isDone);
  const done = source.actions.filter((action) => action.isDone);
  const lines = [`## Action items from ${escapeInline(title.replace(/\s+/g, ' ').trim())}`, ''];
  if (open.length + done.length === 0) lines.push('No action items.');
  lines.push(...[...open, ...done].map((action) => actionLine(action, callSlug)));
  if (source.decisions.length > 0) lines.push('', '### Decisions', '', ...source.decisions.map(decisionLine));
  return `${lines.join('\n')}\n`;
}
