import type { PublishProgress } from '@/lib/protocol';
import type { CallStore } from './call-store';

/** How a publish or an import runs, sent to the call's hosts and scribes (whoever started it). */
export const onProgress = (store: CallStore, listener: (progress: PublishProgress) => void) => store.listen('publish:progress', listener);
