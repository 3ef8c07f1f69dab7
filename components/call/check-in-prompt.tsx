import { Button } from '../ui/button';

/** On a phone, after "Not now": a reminder of what checking in allows, and the way back to the check-in card. */
export function CheckInPrompt({ onCheckIn, isFocused }: { onCheckIn: () => void; isFocused: boolean }) {
  return (
    <div className="flex items-center gap-3 rounded-2xl bg-indigo-50 px-4 py-2 text-sm text-indigo-950 ring-1 ring-indigo-200 md:hidden">
      <p className="flex-1">Check in to ask, vote, answer polls and react.</p>
      <Button variant="secondary" onClick={onCheckIn} autoFocus={isFocused}>
        Check in now
      </Button>
    </div>
  );
}
