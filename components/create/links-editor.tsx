'use client';

import { LIMITS } from '@/lib/protocol';
import { Button } from '../ui/button';
import { newKey } from './agenda-editor';
import type { FormLink } from './call-request';

const linkInput = 'min-w-0 rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300';

export function LinksEditor({ links, onChange, errorFor }: { links: FormLink[]; onChange: (links: FormLink[]) => void; errorFor: (path: string) => string | undefined }) {
  const update = (key: number, patch: Partial<FormLink>) => onChange(links.map((each) => (each.key === key ? { ...each, ...patch } : each)));
  return (
    <>
      <ul className="space-y-2">
        {links.map((link, index) => {
          const error = errorFor(`links.${index}.url`) ?? errorFor(`links.${index}.label`);
          return (
            <li key={link.key}>
              <div className="grid grid-cols-[1fr_auto] gap-2 sm:grid-cols-[10rem_1fr_auto]">
                <input className={linkInput} aria-label={`Link ${index + 1} label`} placeholder="Slides" value={link.label} maxLength={LIMITS.linkLabel} onChange={(event) => update(link.key, { label: event.target.value })} />
                <input className={`${linkInput} max-sm:col-start-1`} aria-label={`Link ${index + 1} URL`} placeholder="https://… or slides.pdf" inputMode="url" value={link.url} onChange={(event) => update(link.key, { url: event.target.value })} />
                <Button variant="ghost" className="max-sm:col-start-2 max-sm:row-start-1" aria-label={`Remove link ${index + 1}`} onClick={() => onChange(links.filter((each) => each.key !== link.key))}>
                  ✕
                </Button>
              </div>
              {error ? <p className="mt-1 text-xs text-red-700">{error}</p> : null}
            </li>
          );
        })}
      </ul>
      <Button variant="ghost" className="mt-2" onClick={() => onChange([...links, { key: newKey(), label: '', url: '' }])}>
        + Add link
      </Button>
    </>
  );
}
