'use client';

import type { EditorView } from '@codemirror/view';
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { listItems } from '@/lib/call-state';
import { hasHeading } from '@/lib/minutes';
import type { ParticipantView, PublicCall, PublicParticipant, Role } from '@/lib/protocol';
import { Button } from '../ui/button';
import { ErrorMessage, Panel } from '../ui/panel';
import type { CallStore } from '../client/call-store';
import { insertActionItem, insertDecision, insertHeading, MinutesEditor } from './minutes-editor';
import { MinutesHistory } from './minutes-history';
import { MinutesProvider } from './minutes-provider';
import { MinutesView, useMinutesText } from './minutes-view';
import { OwnerPicker } from './owner-picker';

const COLORS = ['#0f766e', '#b45309', '#7c3aed', '#be123c', '#1d4ed8', '#15803d', '#c2410c', '#a21caf'];

function colorFor(seed: string): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length]!;
}

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** How to show a Mod-Alt-<letter> shortcut here (`macLetter` when the Mac binding differs). */
function shortcutLabel(letter: string, macLetter = letter): string {
  return isMac() ? `⌘ ⌥ ${macLetter.toUpperCase()}` : `Ctrl Alt ${letter.toUpperCase()}`;
}

const keyShortcuts = (letter: string, macLetter = letter) => `Control+Alt+${letter.toUpperCase()} Meta+Alt+${macLetter.toUpperCase()}`;

type Props = { store: CallStore; call: PublicCall; role: Role; me: PublicParticipant | null; participants: ParticipantView[] | null };

export function MinutesPanel(props: Props) {
  const canEdit = props.role !== 'attendee';
  // A new provider when the role changes: readers and writers differ in what they send.
  return <MinutesSection key={canEdit ? 'editor' : 'reader'} {...props} canEdit={canEdit} />;
}

function MinutesSection({ store, call, role, me, participants, canEdit }: Props & { canEdit: boolean }) {
  const [provider] = useState(() => new MinutesProvider(store, canEdit));
  useEffect(() => {
    provider.start();
    return () => provider.stop();
  }, [provider]);
  const { status, error } = useSyncExternalStore(provider.subscribe, provider.getState, provider.getState);

  const name = me?.displayName ?? (role === 'host' ? 'Host' : 'Scribe');
  const color = colorFor(me?.id ?? name);
  useEffect(() => provider.setUser({ name, color, colorLight: `${color}33` }), [provider, name, color]);

  const items = listItems(call);
  const current = items.find((item) => item.id === call.currentItemId) ?? null;
  const currentTitleRef = useRef<string | null>(current?.title ?? null);
  useEffect(() => {
    currentTitleRef.current = current?.title ?? null;
  }, [current]);
  const readCurrentTitle = useCallback(() => currentTitleRef.current, []);
  const view = useRef<EditorView | null>(null);
  const onView = useCallback((editor: EditorView | null) => {
    view.current = editor;
  }, []);
  const hintId = useId();
  const ownerNames = participants && [...new Set(participants.map((participant) => participant.displayName))].sort((a, b) => a.localeCompare(b));

  // When the host moves on, offer (without insisting) to start the next item's notes.
  const [seenItemId, setSeenItemId] = useState(call.currentItemId);
  const [promptItemId, setPromptItemId] = useState<string | null>(null);
  if (call.currentItemId !== seenItemId) {
    setSeenItemId(call.currentItemId);
    setPromptItemId(call.currentItemId);
  }
  const prompted = canEdit && promptItemId ? items.find((item) => item.id === promptItemId) : undefined;

  const title = (
    <span className="flex items-center justify-between gap-2">
      Minutes
      <span className="text-xs font-normal tracking-normal text-slate-500 normal-case" data-testid="minutes-status">
        {status === 'synced' ? (canEdit ? 'Saved live' : 'Live') : status === 'offline' ? 'Offline: your edits are kept' : 'Connecting…'}
      </span>
    </span>
  );

  if (!canEdit) {
    return (
      <Panel title={title}>
        <MinutesView provider={provider} documentsBaseUrl={call.documentsBaseUrl} />
      </Panel>
    );
  }

  return (
    <Panel title={title}>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <Button
          variant="secondary"
          disabled={!current}
          title={current ? `Insert “## ${current.title}”` : 'There is no current agenda item'}
          aria-keyshortcuts={keyShortcuts('h')}
          onClick={() => view.current && current && insertHeading(view.current, current.title)}
        >
          Insert current item heading
          <kbd className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">{shortcutLabel('h')}</kbd>
        </Button>
        <OwnerPicker
          names={ownerNames}
          shortcut={{ label: shortcutLabel('a'), aria: keyShortcuts('a') }}
          onPick={(owner) => view.current && insertActionItem(view.current, owner)}
          onCancel={() => view.current?.focus()}
        />
        <Button
          variant="secondary"
          title="Start a decision (“Decision: ”) on a new line"
          aria-keyshortcuts={keyShortcuts('d', 'e')}
          onClick={() => view.current && insertDecision(view.current)}
        >
          Decision
          <kbd aria-hidden className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">
            {shortcutLabel('d', 'e')}
          </kbd>
        </Button>
        <p id={hintId} className="text-xs text-slate-500">
          Markdown: “1.” numbers a point, indent “-” for details; “- [ ] @name what” is an action item, “Decision: …” a decision. Tab indents;
          press Esc then Tab to leave the editor.
        </p>
      </div>
      {prompted ? (
        <NextItemPrompt
          provider={provider}
          title={prompted.title}
          onInsert={() => {
            if (view.current) insertHeading(view.current, prompted.title, 'end');
            setPromptItemId(null);
          }}
          onDismiss={() => setPromptItemId(null)}
        />
      ) : null}
      <ErrorMessage message={error} />
      <MinutesEditor provider={provider} currentTitle={readCurrentTitle} onView={onView} describedBy={hintId} />
      {role === 'host' ? <MinutesHistory store={store} /> : null}
    </Panel>
  );
}

/** A gentle offer, gone by itself once someone has written that heading. */
function NextItemPrompt({ provider, title, onInsert, onDismiss }: { provider: MinutesProvider; title: string; onInsert: () => void; onDismiss: () => void }) {
  const text = useMinutesText(provider);
  if (hasHeading(text, title)) return null;
  return (
    <div role="status" className="mb-3 flex flex-wrap items-center gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
      <span className="grow">Start notes for “{title}”?</span>
      <Button variant="secondary" onClick={onInsert}>
        Insert heading
      </Button>
      <Button variant="ghost" onClick={onDismiss}>
        Dismiss
      </Button>
    </div>
  );
}
