type Waiter<V> = { resolve: (value: V | undefined) => void; reject: (error: unknown) => void };

/**
 * Gathers the keys asked for within `windowMs` of the first and loads them with one `load` call: a thousand
 * sockets rejoining at once cost a handful of queries instead of a thousand.
 */
export function batchWithin<K, V>(windowMs: number, load: (keys: K[]) => Promise<Map<K, V>>): (key: K) => Promise<V | undefined> {
  let pending: Map<K, Waiter<V>[]> | null = null;

  function run(batch: Map<K, Waiter<V>[]>): void {
    pending = null;
    load([...batch.keys()]).then(
      (found) => batch.forEach((waiters, key) => waiters.forEach((waiter) => waiter.resolve(found.get(key)))),
      (error: unknown) => batch.forEach((waiters) => waiters.forEach((waiter) => waiter.reject(error))),
    );
  }

  return (key) =>
    new Promise((resolve, reject) => {
      if (!pending) {
        const batch = new Map<K, Waiter<V>[]>();
        pending = batch;
        setTimeout(() => run(batch), windowMs);
      }
      const waiters = pending.get(key) ?? [];
      waiters.push({ resolve, reject });
      pending.set(key, waiters);
    });
}
