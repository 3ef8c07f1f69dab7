'use client';

import { useState } from 'react';
import { Button } from '../ui/button';

export type DraftItem = { key: number; title: string; notes: string; presenter: string; plannedMinutes: string };
export type DraftSection = { key: number; title: string; notes: string; items: DraftItem[] };

let nextKey = 1;
export const newKey = () => nextKey++;
export const emptyItem = (): DraftItem => ({ key: newKey(), title: '', notes: '', presenter: '', plannedMinutes: '' });
export const emptySection = (title = ''): DraftSection => ({ key: newKey(), title, notes: '', items: [emptyItem()] });

const smallInput = 'rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600';

/** Notes stay out of the way until asked for, and open by themselves when there are some (e.g. imported). */
function NotesToggle({ label, value, onChange }: { label: string; value: string; onChange: (notes: string) => void }) {
  const [isOpen, setOpen] = useState(value !== '');
  return (
    <div className="mt-1">
      <button type="button" className="text-xs font-medium text-slate-500 hover:text-slate-800" aria-expanded={isOpen} onClick={() => setOpen(!isOpen)}>
        {isOpen ? '▾' : '▸'} Notes{!isOpen && value ? ' (written)' : ''}
      </button>
      {isOpen ? (
        <textarea className={`${smallInput} mt-1 block w-full`} rows={2} aria-label={label} value={value} maxLength={20_000} onChange={(event) => onChange(event.target.value)} />
      ) : null}
    </div>
  );
}

export function AgendaEditor({
  sections,
  onChange,
  errorFor,
}: {
  sections: DraftSection[];
  onChange: (sections: DraftSection[]) => void;
  errorFor: (path: string) => string | undefined;
}) {
  const updateSection = (index: number, patch: Partial<DraftSection>) =>
    onChange(sections.map((section, at) => (at === index ? { ...section, ...patch } : section)));
  const updateItem = (sectionIndex: number, itemIndex: number, patch: Partial<DraftItem>) =>
    updateSection(sectionIndex, {
      items: sections[sectionIndex]!.items.map((item, at) => (at === itemIndex ? { ...item, ...patch } : item)),
    });

  return (
    <div className="space-y-4">
      {sections.map((section, sectionIndex) => (
        <fieldset key={section.key} className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200">
          <legend className="sr-only">Section {sectionIndex + 1}</legend>
          <div className="flex gap-2">
            <input
              className={`${smallInput} flex-1 font-semibold`}
              placeholder="Section title, e.g. Welcome"
              aria-label={`Section ${sectionIndex + 1} title`}
              value={section.title}
              maxLength={200}
              onChange={(event) => updateSection(sectionIndex, { title: event.target.value })}
            />
            <Button variant="ghost" aria-label={`Remove section ${sectionIndex + 1}`} onClick={() => onChange(sections.filter((_, at) => at !== sectionIndex))}>
              Remove
            </Button>
          </div>
          {errorFor(`sections.${sectionIndex}.title`) ? <p className="mt-1 text-xs text-red-700">{errorFor(`sections.${sectionIndex}.title`)}</p> : null}
          <NotesToggle label={`Section ${sectionIndex + 1} notes`} value={section.notes} onChange={(notes) => updateSection(sectionIndex, { notes })} />
          <ul className="mt-3 space-y-2">
            {section.items.map((item, itemIndex) => {
              const label = `Section ${sectionIndex + 1} item ${itemIndex + 1}`;
              const error = errorFor(`sections.${sectionIndex}.items.${itemIndex}.title`) ?? errorFor(`sections.${sectionIndex}.items.${itemIndex}.plannedMinutes`);
              return (
                <li key={item.key}>
                  <div className="grid grid-cols-[1fr_auto] gap-2 sm:grid-cols-[1fr_10rem_5rem_auto]">
                    <input className={smallInput} placeholder="Item title" aria-label={`${label} title`} value={item.title} maxLength={200} onChange={(event) => updateItem(sectionIndex, itemIndex, { title: event.target.value })} />
                    <input className={`${smallInput} max-sm:col-start-1`} placeholder="Presenter" aria-label={`${label} presenter`} value={item.presenter} maxLength={80} onChange={(event) => updateItem(sectionIndex, itemIndex, { presenter: event.target.value })} />
                    <input className={`${smallInput} max-sm:col-start-1`} type="number" min={1} max={600} placeholder="Min" aria-label={`${label} planned minutes`} value={item.plannedMinutes} onChange={(event) => updateItem(sectionIndex, itemIndex, { plannedMinutes: event.target.value })} />
                    <Button variant="ghost" className="max-sm:col-start-2 max-sm:row-start-1" aria-label={`Remove ${label}`} onClick={() => updateSection(sectionIndex, { items: section.items.filter((_, at) => at !== itemIndex) })}>
                      ✕
                    </Button>
                  </div>
                  {error ? <p className="mt-1 text-xs text-red-700">{error}</p> : null}
                  <NotesToggle label={`${label} notes`} value={item.notes} onChange={(notes) => updateItem(sectionIndex, itemIndex, { notes })} />
                </li>
              );
            })}
          </ul>
          <Button variant="ghost" className="mt-2" onClick={() => updateSection(sectionIndex, { items: [...section.items, emptyItem()] })}>
            + Add item
          </Button>
        </fieldset>
      ))}
      <Button variant="secondary" onClick={() => onChange([...sections, emptySection()])}>
        + Add section
      </Button>
    </div>
  );
}
