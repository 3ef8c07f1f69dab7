'use client';

import { useEffect, useRef, useState } from 'react';
import { addReactionCounts, describeReactions, type ReactionCounts } from '@/lib/polls';
import { REACTIONS, type Reaction } from '@/lib/protocol';
import type { CallStore } from '../client/call-store';
import * as polls from '../client/polls.commands';

export type FloatingReaction = { id: number; emoji: Reaction; left: number; delayMs: number };

/** How long one emoji floats (the CSS animation's length) before it leaves the page. */
export const FLOAT_MS = 1800;
/** A big burst shows a few of each emoji, not hundreds. */
const MAX_PER_EMOJI = 5;
const MAX_FLOATING = 40;
/** Screen readers hear a summary this often at most. */
const ANNOUNCE_MS = 5000;

/**
 * The call's reactions as they arrive: emojis to float for a moment and, every few seconds, a summary for screen
 * readers ("3 👏, 1 🎉 in the last seconds"). Nothing is kept: a reaction that was missed is gone.
 */
export function useReactionBursts(store: CallStore): { floating: FloatingReaction[]; announcement: string } {
  const [floating, setFloating] = useState<FloatingReaction[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const unannounced = useRef<ReactionCounts>({});
  const nextId = useRef(0);

  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const stop = polls.onReactions(store, ({ counts }) => {
      unannounced.current = addReactionCounts(unannounced.current, counts);
      const added = REACTIONS.flatMap((emoji) =>
        Array.from({ length: Math.min(counts[emoji] ?? 0, MAX_PER_EMOJI) }, () => ({
          id: nextId.current++,
          emoji,
          left: 5 + Math.random() * 80,
          delayMs: Math.round(Math.random() * 300),
        })),
      );
      if (added.length === 0) return;
      const ids = new Set(added.map((each) => each.id));
      setFloating((current) => [...current, ...added].slice(-MAX_FLOATING));
      const timer = setTimeout(() => {
        timers.delete(timer);
        setFloating((current) => current.filter((each) => !ids.has(each.id)));
      }, FLOAT_MS + 400);
      timers.add(timer);
    });
    const announcer = setInterval(() => {
      setAnnouncement(describeReactions(unannounced.current));
      unannounced.current = {};
    }, ANNOUNCE_MS);
    return () => {
      stop();
      clearInterval(announcer);
      for (const timer of timers) clearTimeout(timer);
    };
  }, [store]);

  return { floating, announcement };
}
