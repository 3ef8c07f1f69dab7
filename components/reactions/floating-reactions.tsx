'use client';

import type { FloatingReaction } from './use-reaction-bursts';

/**
 * Emojis rising over the current item for a moment (only fading with reduced motion). Hidden from screen readers,
 * which hear `ReactionAnnouncer`'s summary instead.
 */
export function FloatingReactions({ floating, large = false }: { floating: FloatingReaction[]; large?: boolean }) {
  return (
    <div aria-hidden="true" className={`pointer-events-none inset-x-0 bottom-0 overflow-x-clip ${large ? 'fixed top-0' : 'absolute top-0'}`}>
      {floating.map(({ id, emoji, left, delayMs }) => (
        <span
          key={id}
          data-testid="floating-reaction"
          className={`absolute bottom-2 animate-reaction-float opacity-0 motion-reduce:animate-reaction-fade ${large ? 'text-7xl' : 'text-3xl'}`}
          style={{ left: `${left}%`, animationDelay: `${delayMs}ms` }}
        >
          {emoji}
        </span>
      ))}
    </div>
  );
}

export function ReactionAnnouncer({ announcement }: { announcement: string }) {
  return (
    <div aria-live="polite" className="sr-only" data-testid="reaction-announcer">
      {announcement}
    </div>
  );
}
