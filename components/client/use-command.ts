'use client';

import { useState } from 'react';
import type { Ack, ProtocolError } from '@/lib/protocol';

export function errorText(error: ProtocolError): string {
  return error.issues?.[0]?.message ?? error.message;
}

/** Runs one command at a time for a control and keeps its last error to show. */
export function useCommand() {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  async function run<T>(action: () => Promise<Ack<T>>): Promise<Ack<T>> {
    setBusy(true);
    const response = await action();
    setBusy(false);
    setError(response.ok ? null : errorText(response.error));
    return response;
  }

  return { error, isBusy, run };
}
