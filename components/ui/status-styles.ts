import type { CallStatus } from '@/lib/protocol';

/** The coloured pill for a call's status, the same in the call header and the call list. */
export const CALL_STATUS_STYLES: Record<CallStatus, string> = {
  scheduled: 'bg-slate-100 text-slate-700 ring-slate-300',
  live: 'bg-red-50 text-red-700 ring-red-300',
  ended: 'bg-slate-100 text-slate-500 ring-slate-200',
};
