import { Button } from '../ui/button';

/** On a phone, after "Not now": a reminder of what checking in allows, and the way back to the check-in card. */
export function CheckInPrompt({ onCheckIn }: { onCheckIn: () => void }) {
  return (
    <div className="flex items-center gap-3 rounded-2xl bg-indigo-50 px-4 py-2 text-sm text-indigo-950 ring-1 ring-indigo-200 md:hidden">
      <p className="flex-1">Check in to ask, vote, answer polls and react.</p>
      <Button variant="secondary" onClick={onCheckIn}>
        Check in now
      </Button>
    </div>
  );
}
