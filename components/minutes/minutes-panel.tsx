'use client';

import dynamic from 'next/dynamic';
import { Panel } from '../ui/panel';

/** Loaded in the browser only: Yjs and the editor are large, and the minutes need no server rendering. */
export const MinutesPanel = dynamic(() => import('./minutes-section').then((module) => module.MinutesPanel), {
  ssr: false,
  loading: () => (
    <Panel title="Minutes">
      <p className="text-sm text-slate-500">Loading the minutes…</p>
    </Panel>
  ),
});
