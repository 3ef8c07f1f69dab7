import { useEffect, useState } from 'react';
import type { ConnectionStatus, DatabaseHealth } from '../client/call-store';

/** How long "back online" stays after a drop: long enough to read, short enough not to linger. */
const BACK_ONLINE_MS = 4000;
const WARNING = 'bg-amber-50 px-4 py-2 text-center text-sm text-amber-900';

const DISRUPTED_MESSAGES: Record<Exclude<ConnectionStatus, 'online'>, string> = {
  offline: 'You are offline. The call will catch up when you are back.',
  reconnecting: 'Connection lost. Reconnecting…',
  connecting: 'Connecting…',
  failed: 'Connecting…',
};

/** True for a while after the connection came back from a drop (the store has rejoined, so the page is current). */
function useIsBackOnline(connection: ConnectionStatus): boolean {
  const [previous, setPrevious] = useState(connection);
  const [isBack, setBack] = useState(false);
  if (connection !== previous) {
    setPrevious(connection);
    setBack(connection === 'online' && (previous === 'offline' || previous === 'reconnecting'));
  }
  useEffect(() => {
    if (!isBack) return;
    const timer = setTimeout(() => setBack(false), BACK_ONLINE_MS);
    return () => clearTimeout(timer);
  }, [isBack]);
  return isBack;
}

/** The connection's state under the call header, in one polite live region that is always there to be heard. */
export function ConnectionNotice({ connection, databaseHealth }: { connection: ConnectionStatus; databaseHealth: DatabaseHealth }) {
  const isBackOnline = useIsBackOnline(connection);
  let notice = null;
  if (connection !== 'online') {
    notice = <p className={WARNING}>{DISRUPTED_MESSAGES[connection]}</p>;
  } else if (databaseHealth === 'unavailable') {
    notice = (
      <p className={WARNING} data-testid="database-health">
        Reconnecting to the database… changes are not being saved
      </p>
    );
  } else if (isBackOnline) {
    notice = <p className="bg-emerald-50 px-4 py-2 text-center text-sm text-emerald-900">Back online — up to date</p>;
  }
  return <div role="status">{notice}</div>;
}
