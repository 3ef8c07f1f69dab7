'use client';

import { useState, type DragEvent } from 'react';
import { forecastAgenda } from '@/lib/forecast';
import type { Ack, PublicCall, PublicSection } from '@/lib/protocol';
import { formatTime } from '@/lib/time';
import { Button } from '../ui/button';
import * as agenda from '../client/agenda.commands';
import type { CallStore } from '../client/call-store';
import { useCommand } from '../client/use-command';
import { ItemForm, RowActions, TitleForm } from './agenda-edit-controls';
import { useNow } from '../ui/use-clock';

type Dragged = { kind: 'item' | 'section'; id: string };

/** An item without planned minutes gets a share of the time left; shown as approximate, whole minutes only. */
function expectedLength(shareMs: number | undefined): string | null {
  const minutes = Math.round((shareMs ?? 0) / 60_000);
  return minutes >= 1 ? `~${minutes} min` : null;
}

export function AgendaList({ call, clockOffsetMs, store, isHost }: { call: PublicCall; clockOffsetMs: number; store: CallStore; isHost: boolean }) {
  const [isEditing, setEditing] = useState(false);
  const [openForm, setOpenForm] = useState<string | null>(null);
  const [dragged, setDragged] = useState<Dragged | null>(null);
  const now = useNow(10_000);
  const forecast = forecastAgenda(call, now + clockOffsetMs);
  const numbers = new Map(call.sections.flatMap((section) => section.items).map((item, index) => [item.id, index + 1]));
  const canJump = isHost && call.status === 'live';

  const { error, run: runCommand } = useCommand();
  /** A form closes once its change is saved. */
  const run = async (action: () => Promise<Ack<unknown>>) => {
    const response = await runCommand(action);
    if (response.ok) setOpenForm(null);
    return response.ok;
  };
  const moveItem = (itemId: string, toSectionId: string, toIndex: number) => run(() => agenda.moveItem(store, itemId, toSectionId, toIndex));
  const moveSection = (sectionId: string, toIndex: number) => run(() => agenda.moveSection(store, sectionId, toIndex));

  function dropOn(event: DragEvent, section: PublicSection, sectionIndex: number, itemIndex: number) {
    if (!dragged) return;
    event.preventDefault();
    event.stopPropagation();
    if (dragged.kind === 'item') void moveItem(dragged.id, section.id, itemIndex);
    else void moveSection(dragged.id, sectionIndex);
    setDragged(null);
  }
  const dragProps = (kind: Dragged['kind'], id: string) =>
    isEditing ? { draggable: true, onDragStart: (event: DragEvent) => (event.stopPropagation(), setDragged({ kind, id })), onDragEnd: () => setDragged(null) } : {};

  return (
    <div>
      {isHost ? (
        <div className="mb-4 flex justify-end">
          <Button variant="secondary" onClick={() => setEditing(!isEditing)} aria-pressed={isEditing}>
            {isEditing ? 'Done editing' : 'Edit agenda'}
          </Button>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="mb-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {call.sections.length === 0 ? <p className="text-sm text-slate-500">This call has no agenda yet.</p> : null}
      <ol className="space-y-6" aria-label="Agenda">
        {call.sections.map((section, sectionIndex) => (
          <li key={section.id} data-testid="agenda-section" onDragOver={(event) => dragged && event.preventDefault()} onDrop={(event) => dropOn(event, section, sectionIndex, section.items.length)}>
            <div className="flex items-center gap-2" {...dragProps('section', section.id)}>
              {isEditing ? <span aria-hidden className="cursor-grab text-slate-400">⠿</span> : null}
              {openForm === section.id ? (
                <TitleForm initial={section.title} label="Section title" onCancel={() => setOpenForm(null)} onSubmit={(title) => run(() => agenda.renameSection(store, section.id, title))} />
              ) : (
                <h3 className="flex-1 text-base font-semibold text-slate-900">{section.title}</h3>
              )}
              {isEditing && openForm !== section.id ? (
                <RowActions
                  name={section.title}
                  onUp={sectionIndex > 0 ? () => void moveSection(section.id, sectionIndex - 1) : undefined}
                  onDown={sectionIndex < call.sections.length - 1 ? () => void moveSection(section.id, sectionIndex + 1) : undefined}
                  onEdit={() => setOpenForm(section.id)}
                  onDelete={() => window.confirm(`Delete the section “${section.title}” and its ${section.items.length} items?`) && void run(() => agenda.deleteSection(store, section.id))}
                />
              ) : null}
            </div>
            {section.notes ? <p className="mt-1 text-sm whitespace-pre-line text-slate-600">{section.notes}</p> : null}
            {section.items.length === 0 && !isEditing ? <p className="mt-2 text-sm text-slate-500">No items.</p> : null}
            <ol className="mt-2 space-y-1.5">
              {section.items.map((item, itemIndex) => {
                const isCurrent = item.id === call.currentItemId;
                const expectedStart = forecast.startsAt.get(item.id);
                return (
                  <li
                    key={item.id}
                    aria-current={isCurrent ? 'step' : undefined}
                    data-testid="agenda-item"
                    data-current={isCurrent || undefined}
                    onDragOver={(event) => dragged && event.preventDefault()}
                    onDrop={(event) => dropOn(event, section, sectionIndex, itemIndex)}
                    {...dragProps('item', item.id)}
                    className={`flex flex-wrap items-start gap-3 rounded-xl px-3 py-2.5 ring-1 transition ${isCurrent ? 'bg-indigo-50 ring-2 ring-indigo-500' : 'bg-white ring-slate-200'}`}
                  >
                    {openForm === item.id ? (
                      <ItemForm item={item} label={`Edit “${item.title}”`} onCancel={() => setOpenForm(null)} onSubmit={(fields) => run(() => agenda.updateItem(store, item.id, fields))} />
                    ) : (
                      <>
                        <span className={`mt-0.5 grid size-6 shrink-0 place-items-center rounded-full text-xs font-bold ${isCurrent ? 'bg-indigo-600 text-white' : 'bg-slate-100 text-slate-600'}`} aria-hidden>
                          {numbers.get(item.id)}
                        </span>
                        <div className="min-w-0 flex-1">
                          <p className="font-medium break-words">
                            <span data-testid="item-title">{item.title}</span>
                            {isCurrent ? <span className="sr-only"> (current item)</span> : null}
                          </p>
                          <p className="text-xs text-slate-600">
                            {[item.presenter && `by ${item.presenter}`, item.plannedMinutes ? `${item.plannedMinutes} min` : expectedLength(forecast.sharesMs.get(item.id))].filter(Boolean).join(' · ')}
                          </p>
                          {item.notes ? <p className="mt-1 text-sm whitespace-pre-line text-slate-600">{item.notes}</p> : null}
                        </div>
                        {expectedStart !== undefined ? (
                          <span className="shrink-0 text-xs text-slate-600 tabular-nums" data-testid="item-forecast">
                            ~{formatTime(expectedStart)}
                          </span>
                        ) : null}
                        {isEditing ? (
                          <RowActions
                            name={item.title}
                            onUp={itemIndex > 0 ? () => void moveItem(item.id, section.id, itemIndex - 1) : undefined}
                            onDown={itemIndex < section.items.length - 1 ? () => void moveItem(item.id, section.id, itemIndex + 1) : undefined}
                            onEdit={() => setOpenForm(item.id)}
                            onDelete={() => void run(() => agenda.deleteItem(store, item.id))}
                          />
                        ) : canJump && !isCurrent ? (
                          <button type="button" onClick={() => void run(() => agenda.jumpTo(store, item.id))} className="shrink-0 rounded-md px-2 py-1 text-xs font-semibold text-indigo-700 hover:bg-indigo-100" aria-label={`Make “${item.title}” the current item`}>
                            Go here
                          </button>
                        ) : null}
                      </>
                    )}
                  </li>
                );
              })}
            </ol>
            {isEditing ? (
              openForm === `new-item:${section.id}` ? (
                <div className="mt-2 rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200">
                  <ItemForm label={`New item in “${section.title}”`} onCancel={() => setOpenForm(null)} onSubmit={(fields) => run(() => agenda.addItem(store, section.id, fields))} />
                </div>
              ) : (
                <Button variant="ghost" className="mt-1" onClick={() => setOpenForm(`new-item:${section.id}`)} aria-label={`Add an item to “${section.title}”`}>
                  + Add item
                </Button>
              )
            ) : null}
          </li>
        ))}
      </ol>
      {isEditing ? (
        <div className="mt-4">
          {openForm === 'new-section' ? (
            <TitleForm initial="" label="New section title" onCancel={() => setOpenForm(null)} onSubmit={(title) => run(() => agenda.addSection(store, title))} />
          ) : (
            <Button variant="secondary" onClick={() => setOpenForm('new-section')}>
              + Add section
            </Button>
          )}
        </div>
      ) : null}
      {call.status === 'scheduled' && call.startsAt === null && call.sections.length > 0 ? (
        <p className="mt-4 text-sm text-slate-600" data-testid="forecast-pending">
          Expected times appear once the date is announced.
        </p>
      ) : null}
      {forecast.endsAt !== null ? (
        <p className="mt-4 text-sm text-slate-600" data-testid="forecast-end">
          Expected to end at <strong>{formatTime(forecast.endsAt)}</strong>
          {call.timezone !== Intl.DateTimeFormat().resolvedOptions().timeZone ? <span className="text-slate-500"> ({formatTime(forecast.endsAt, call.timezone)} call time)</span> : null}
        </p>
      ) : null}
    </div>
  );
}
