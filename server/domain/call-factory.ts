import type { CreateCallInput } from '@/lib/protocol';
import { zonedLocalToUtc } from '@/lib/time';
import { createId, createSecretKey, createSlug } from './secrets';

/** Everything needed to store a new call: fresh ids, a public slug and the two secret keys. */
export function buildNewCall(input: CreateCallInput) {
  return {
    id: createId(),
    slug: createSlug(),
    hostKey: createSecretKey(),
    scribeKey: createSecretKey(),
    startsAt: zonedLocalToUtc(input.startsAt, input.timezone),
    input,
    newId: createId,
  };
}

export function callUrls(baseUrl: string, call: { slug: string; hostKey: string; scribeKey: string }) {
  const publicUrl = `${baseUrl}/c/${call.slug}`;
  // Keys travel in the fragment: browsers never send it to servers or in Referer headers.
  return { slug: call.slug, publicUrl, hostUrl: `${publicUrl}#key=${call.hostKey}`, scribeUrl: `${publicUrl}#key=${call.scribeKey}` };
}
