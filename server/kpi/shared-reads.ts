// Identical reads that arrive while one is being computed share its answer. Every HQ manager's
// overview asks the same comparison at the same moments (the morning, each refresh); computing it
// once per wave rather than once per viewer keeps the dashboard quick while sites push.
// Nothing is kept after the answer: the next read computes afresh, so nothing goes stale.
import type { Db } from '@/db/client';

const inFlight = new WeakMap<Db, Map<string, Promise<unknown>>>();

/** `key` must name everything the answer depends on, the caller's site scope included. */
export function shareInFlight<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  let running = inFlight.get(db);
  if (!running) inFlight.set(db, (running = new Map()));
  const pending = running.get(key);
  if (pending) return pending as Promise<T>;
  const answer = compute().finally(() => running.delete(key));
  running.set(key, answer);
  return answer;
}
