// Live queue status: upserts that never let an older status overwrite a newer one, the reads of
// the latest per queue and of a day's minutes, and the pruning of old minutes.
import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { queueStatusLatest, queueStatusMinutes } from '../schema';

export type QueueStatusValues = {
  queue: string;
  waiting: number;
  longestWaitSeconds: number;
  agentsAvailable: number;
  agentsBusy: number;
  agentsWrapUp: number;
  agentsAway: number;
};

const FIGURES = ['waiting', 'longestWaitSeconds', 'agentsAvailable', 'agentsBusy', 'agentsWrapUp', 'agentsAway'] as const;

/** `excluded.<column>` for every figure and `at`: what an upsert writes over the stored row. */
function fromExcluded(table: typeof queueStatusLatest | typeof queueStatusMinutes) {
  const set: Record<string, unknown> = { at: sql.raw('excluded.at') };
  for (const key of FIGURES) set[key] = sql.raw(`excluded.${table[key].name}`);
  return set;
}

/**
 * Writes each queue's status as its latest unless the stored one is as recent or more (so the
 * same push twice, or a late older one, changes nothing). Returns the queues it wrote.
 */
export async function upsertLatestQueueStatus(
  tx: Db,
  args: { siteId: number; at: Date; receivedAt: Date; queues: readonly QueueStatusValues[] },
): Promise<string[]> {
  if (args.queues.length === 0) return [];
  const rows = await tx
    .insert(queueStatusLatest)
    .values(args.queues.map((q) => ({ ...q, siteId: args.siteId, at: args.at, receivedAt: args.receivedAt })))
    .onConflictDoUpdate({
      target: [queueStatusLatest.siteId, queueStatusLatest.queue],
      set: { ...fromExcluded(queueStatusLatest), receivedAt: sql.raw('excluded.received_at') },
      setWhere: sql`${queueStatusLatest.at} < excluded.at`,
    })
    .returning({ queue: queueStatusLatest.queue });
  return rows.map((r) => r.queue);
}

/** Keeps the last status of the minute: a status of the same minute replaces an earlier one only. */
export async function upsertQueueStatusMinutes(
  tx: Db,
  args: { siteId: number; at: Date; minute: Date; queues: readonly QueueStatusValues[] },
): Promise<void> {
  if (args.queues.length === 0) return;
  await tx
    .insert(queueStatusMinutes)
    .values(args.queues.map((q) => ({ ...q, siteId: args.siteId, at: args.at, minute: args.minute })))
    .onConflictDoUpdate({
      target: [queueStatusMinutes.siteId, queueStatusMinutes.queue, queueStatusMinutes.minute],
      set: fromExcluded(queueStatusMinutes),
      setWhere: sql`${queueStatusMinutes.at} < excluded.at`,
    });
}

/** Deletes a site's minutes before `before` (an index range on (site_id, minute): cheap when none). */
export async function pruneQueueStatusMinutes(tx: Db, args: { siteId: number; before: Date }): Promise<void> {
  await tx.delete(queueStatusMinutes).where(and(eq(queueStatusMinutes.siteId, args.siteId), lt(queueStatusMinutes.minute, args.before)));
}

export async function listLatestQueueStatus(db: Db, siteIds: readonly number[]) {
  if (siteIds.length === 0) return [];
  return db
    .select()
    .from(queueStatusLatest)
    .where(inArray(queueStatusLatest.siteId, [...siteIds]))
    .orderBy(asc(queueStatusLatest.siteId), asc(queueStatusLatest.queue));
}

/** A site's minutes in [from, to): the bounds of a site-local day, computed by the caller. */
export async function listQueueStatusMinutes(db: Db, args: { siteId: number; from: Date; to: Date }) {
  return db
    .select()
    .from(queueStatusMinutes)
    .where(
      and(
        eq(queueStatusMinutes.siteId, args.siteId),
        gte(queueStatusMinutes.minute, args.from),
        lt(queueStatusMinutes.minute, args.to),
      ),
    )
    .orderBy(asc(queueStatusMinutes.minute), asc(queueStatusMinutes.queue));
}
