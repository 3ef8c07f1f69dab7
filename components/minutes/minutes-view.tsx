'use client';

import { useEffect, useMemo, useState } from 'react';
import { renderMinutes } from '@/lib/markdown/minutes-html';
import { resolveMinutesLinks } from './minutes-links';
import type { MinutesProvider } from './minutes-provider';

const RENDER_MS = 150;
const PROSE = [
  'space-y-2 text-slate-800 break-words',
  '[&_h1]:text-xl [&_h1]:font-bold [&_h2]:mt-4 [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:font-semibold',
  '[&_ol]:list-decimal [&_ul]:list-disc [&_ol]:pl-6 [&_ul]:pl-6 [&_li>ol]:mt-1 [&_li>ul]:mt-1 [&_li]:my-0.5',
  '[&_a]:text-indigo-700 [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1',
  '[&_blockquote]:border-l-4 [&_blockquote]:border-slate-200 [&_blockquote]:pl-3 [&_pre]:overflow-auto [&_pre]:bg-slate-50 [&_pre]:p-2',
].join(' ');

/** The minutes text, re-read at most every RENDER_MS while scribes type. */
export function useMinutesText(provider: MinutesProvider): string {
  const [text, setText] = useState(() => provider.text.toString());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setText(provider.text.toString());
      }, RENDER_MS);
    };
    provider.text.observe(observer);
    observer();
    return () => {
      provider.text.unobserve(observer);
      clearTimeout(timer);
    };
  }, [provider]);
  return text;
}

/** The minutes rendered as Markdown, following every change with a short delay. */
export function MinutesView({ provider, documentsBaseUrl = '' }: { provider: MinutesProvider; documentsBaseUrl?: string }) {
  const text = useMinutesText(provider);
  const html = useMemo(() => resolveMinutesLinks(renderMinutes(text), documentsBaseUrl), [text, documentsBaseUrl]);

  if (!text.trim()) return <p className="text-sm text-slate-500">No minutes yet. They appear here as the scribes write them.</p>;
  // renderMinutes escapes raw HTML and refuses unsafe links, so its output is safe to insert.
  return <div className={PROSE} data-testid="minutes-rendered" dangerouslySetInnerHTML={{ __html: html }} />;
}
