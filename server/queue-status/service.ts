// Live queue status: a site's push (validated against the server's clock, kept as the latest per
// queue and as the last status of its minute, audited) and the reads of the app and the REST API.
import { TRPCError } from '@trpc/server';
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { listSitesForKpis } from '@/db/queries/kpis';
import {
  listLatestQueueStatus,
  listQueueStatusMinutes,
  pruneQueueStatusMinutes,
  upsertLatestQueueStatus,
  upsertQueueStatusMinutes,
} from '@/db/queries/queue-status';
import { localDayBounds } from '@/db/local-time';
import type { Actor, SiteScope } from '@/server/auth/principal';
import { DomainError, notFound } from '@/server/errors';
import { withIngestSlot } from '@/server/ingest/slots';
import { selectSites } from '@/server/kpi/site-selection';
import {
  HISTORY_DAYS,
  isStale,
  MAX_QUEUES,
  queueStatusPushSchema,
  STALE_AFTER_MS,
  type QueueStatusHistory,
  type QueueStatusLatest,
} from '@/lib/queue-status/input';

const MINUTE_MS = 60_000;

export type QueueStatusPushResult = { received: number; updated: number; unchanged: number };

/** The minute an instant falls in; with whole-minute UTC offsets, the site-local minute too. */
export function minuteOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
}

/**
 * Keeps a site's push: 413 over MAX_QUEUES queues, 400 with each reason otherwise; then, in one
 * transaction, the latest status of each queue (never over a newer one), the last status of the
 * minute, the pruning of minutes past the retention, and an audit row.
 */
export async function pushQueueStatus(
  db: Db,
  args: { siteId: number; body: { at: unknown; queues: readonly unknown[] }; actor: Actor; now: Date },
): Promise<QueueStatusPushResult> {
  const received = args.body.queues.length;
  if (received > MAX_QUEUES) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `At most ${MAX_QUEUES} queues per push; this one has ${received}.`);
  }
  const parsed = queueStatusPushSchema(args.now).safeParse(args.body);
  if (!parsed.success) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Input validation failed', cause: parsed.error });
  const at = new Date(parsed.data.at);
  // In one order, so that two pushes of a site lock their rows in the same order (no deadlock).
  const queues = [...parsed.data.queues].sort((a, b) => (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0));

  return withIngestSlot(() =>
    db.transaction(async (tx) => {
      const written = await upsertLatestQueueStatus(tx, { siteId: args.siteId, at, receivedAt: args.now, queues });
      await upsertQueueStatusMinutes(tx, { siteId: args.siteId, at, minute: minuteOf(at), queues });
      await pruneQueueStatusMinutes(tx, { siteId: args.siteId, before: new Date(args.now.getTime() - HISTORY_DAYS * 86_400_000) });
      const result = { received, updated: written.length, unchanged: received - written.length };
      await insertAudit(tx, {
        ...args.actor,
        action: 'queue_status.push',
        entity: 'queue_status_latest',
        siteId: args.siteId,
        details: { at: at.toISOString(), ...result },
      });
      return result;
    }),
  );
}

type LatestRow = Awaited<ReturnType<typeof listLatestQueueStatus>>[number];

/** A queue's latest status as it is read: its figures kept as they are, `stale` as of `now`. */
export function latestQueueView(r: LatestRow, now: Date) {
  return {
    queue: r.queue,
    at: r.at.toISOString(),
    stale: isStale(r.at, now),
    waiting: r.waiting,
    longestWaitSeconds: r.longestWaitSeconds,
    agentsAvailable: r.agentsAvailable,
    agentsBusy: r.agentsBusy,
    agentsWrapUp: r.agentsWrapUp,
    agentsAway: r.agentsAway,
  };
}

/**
 * The latest status of each queue of the sites the caller may read (all active sites for HQ when
 * none is named, a lead's own site), with `stale` as of `now`. A site without any status has no
 * queues: nothing is invented.
 */
export async function latestQueueStatus(db: Db, args: { scope: SiteScope; siteCodes: string[]; now: Date }): Promise<QueueStatusLatest> {
  const { shown } = selectSites(await listSitesForKpis(db), args.scope, args.siteCodes);
  const rows = await listLatestQueueStatus(
    db,
    shown.map((s) => s.id),
  );
  return {
    now: args.now.toISOString(),
    staleAfterSeconds: STALE_AFTER_MS / 1000,
    sites: shown.map((site) => ({
      code: site.code,
      name: site.name,
      queues: rows
        .filter((r) => r.siteId === site.id)
        .map((r) => latestQueueView(r, args.now)),
    })),
  };
}

/** A site's per-minute history for its site-local `date`; NOT_FOUND for an unknown or unreadable site. */
export async function queueStatusHistory(db: Db, args: { scope: SiteScope; code: string; date: string }): Promise<QueueStatusHistory> {
  const site = (await listSitesForKpis(db)).find((s) => s.code === args.code);
  if (!site || !(args.scope.all || args.scope.siteId === site.id)) throw notFound('Site');
  const { start, end } = localDayBounds(args.date, site.timezone);
  const rows = await listQueueStatusMinutes(db, { siteId: site.id, from: start, to: end });
  return {
    site: site.code,
    date: args.date,
    timezone: site.timezone,
    from: start.toISOString(),
    to: end.toISOString(),
    minutes: rows.map((r) => ({
      minute: r.minute.toISOString(),
      queue: r.queue,
      at: r.at.toISOString(),
      waiting: r.waiting,
      longestWaitSeconds: r.longestWaitSeconds,
      agentsAvailable: r.agentsAvailable,
      agentsBusy: r.agentsBusy,
      agentsWrapUp: r.agentsWrapUp,
      agentsAway: r.agentsAway,
    })),
  };
}
