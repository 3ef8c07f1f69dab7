import { decideAgendaEdit, type AgendaEdit } from '../domain/agenda-edits';
import { createId } from '../domain/secrets';
import { runCallCommand } from './call-command';
import type { CommandHandlers } from './command-handler';
import { joinedCallId, type ServerContext } from './context';
import type { RoundtableSocket } from '../realtime/sockets';

function runEdit(context: ServerContext, socket: RoundtableSocket, edit: AgendaEdit) {
  return runCallCommand(context, joinedCallId(socket), (call) => decideAgendaEdit(call, edit, new Date()));
}

export const agendaEditHandlers: CommandHandlers<
  | 'agenda:addSection'
  | 'agenda:updateSection'
  | 'agenda:deleteSection'
  | 'agenda:moveSection'
  | 'agenda:addItem'
  | 'agenda:updateItem'
  | 'agenda:deleteItem'
  | 'agenda:moveItem'
> = {
  'agenda:addSection': async (payload, socket, context) => {
    const id = createId();
    return { id, ...(await runEdit(context, socket, { type: 'addSection', id, ...payload })) };
  },
  'agenda:updateSection': (payload, socket, context) => runEdit(context, socket, { type: 'updateSection', ...payload }),
  'agenda:deleteSection': (payload, socket, context) => runEdit(context, socket, { type: 'deleteSection', ...payload }),
  'agenda:moveSection': (payload, socket, context) => runEdit(context, socket, { type: 'moveSection', ...payload }),
  'agenda:addItem': async (payload, socket, context) => {
    const id = createId();
    return { id, ...(await runEdit(context, socket, { type: 'addItem', id, ...payload })) };
  },
  'agenda:updateItem': (payload, socket, context) => runEdit(context, socket, { type: 'updateItem', ...payload }),
  'agenda:deleteItem': (payload, socket, context) => runEdit(context, socket, { type: 'deleteItem', ...payload }),
  'agenda:moveItem': (payload, socket, context) => runEdit(context, socket, { type: 'moveItem', ...payload }),
};
