import { updateActionLine } from '@/lib/actions';
import { CommandError } from '@/lib/protocol';
import { findAction, isCarriedOverInto, setActionClosed } from '../persistence/actions.repository';
import type { CommandHandlers } from './command-handler';
import { joinedCallId } from './context';

export const actionHandlers: CommandHandlers<'action:update'> = {
  /**
   * An item of this call changes in the minutes (so the editor, the panel and the record agree); one carried over
   * from an earlier call is closed or opened again for the series, its owner and date staying in that call's minutes.
   */
  'action:update': async ({ actionId, ...change }, socket, context) => {
    const callId = joinedCallId(socket);
    const action = await findAction(context.database, actionId);
    if (action?.callId === callId) {
      const isEdited = await context.minutes.edit(callId, (text) => updateActionLine(text, action.key, change));
      if (!isEdited) throw new CommandError('not_found', 'That action item is no longer in the minutes.');
      await context.actions.sync(callId);
      return { ok: true };
    }
    if (!action || !(await isCarriedOverInto(context.database, action, callId))) throw new CommandError('not_found', 'That action item does not exist.');
    if (change.owner !== undefined || change.due !== undefined) {
      throw new CommandError('invalid_state', 'This item comes from an earlier call: change its owner or due date in that call’s minutes. Here it can only be marked done or open.');
    }
    if (change.isDone !== undefined) await setActionClosed(context.database, action.id, callId, change.isDone);
    await context.actions.publish(callId);
    return { ok: true };
  },
};
