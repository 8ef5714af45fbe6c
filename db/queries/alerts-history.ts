// The alerts history (/alerts, GET /api/v1/alerts) and the bell: which alerts a caller sees, and
// the newest one each user has seen.
import { and, count, desc, eq, gt, gte, lt, max, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { alertReads, alerts, sites, type AlertRow } from '../schema';
import type { SiteFilter } from './sites';

export type AlertHistoryFilter = {
  /** Whose alerts: every one (network ones too), or one site's (never a network alert). */
  visible: SiteFilter;
  /** One site, by id (within what is visible). */
  siteId?: number;
  status?: 'firing' | 'resolved';
  /** Alerts fired at or after this instant. */
  from?: Date;
  /** Alerts fired before this instant. */
  to?: Date;
  limit: number;
};

export type AlertHistoryRow = AlertRow & { siteCode: string | null; siteName: string | null };

function visibleTo(filter: SiteFilter): SQL | undefined {
  return filter.all ? undefined : eq(alerts.siteId, filter.siteId);
}

export async function listAlertRows(db: Db, filter: AlertHistoryFilter): Promise<AlertHistoryRow[]> {
  const where = [visibleTo(filter.visible)];
  if (filter.siteId !== undefined) where.push(eq(alerts.siteId, filter.siteId));
  if (filter.status) where.push(eq(alerts.status, filter.status));
  if (filter.from) where.push(gte(alerts.firedAt, filter.from));
  if (filter.to) where.push(lt(alerts.firedAt, filter.to));
  const rows = await db
    .select({ alert: alerts, siteCode: sites.code, siteName: sites.name })
    .from(alerts)
    .leftJoin(sites, eq(sites.id, alerts.siteId))
    .where(and(...where))
    .orderBy(desc(alerts.firedAt), desc(alerts.id))
    .limit(filter.limit);
  return rows.map((r) => ({ ...r.alert, siteCode: r.siteCode, siteName: r.siteName }));
}

/** How many visible alerts are newer than `afterId`, and the newest visible one's id (0 when none). */
export async function countAlertsAfter(db: Db, visible: SiteFilter, afterId: number): Promise<{ count: number; latestId: number }> {
  const [unread] = await db
    .select({ n: count() })
    .from(alerts)
    .where(and(visibleTo(visible), gt(alerts.id, afterId)));
  const [latest] = await db.select({ id: max(alerts.id) }).from(alerts).where(visibleTo(visible));
  return { count: Number(unread?.n ?? 0), latestId: latest?.id ?? 0 };
}

export async function seenAlertIdOf(db: Db, userId: number): Promise<number> {
  const [row] = await db.select({ id: alertReads.seenAlertId }).from(alertReads).where(eq(alertReads.userId, userId)).limit(1);
  return row?.id ?? 0;
}

/**
 * Moves a user's mark forward to `upToId`, never back (two tabs marking at once keep the newer
 * mark). Answers the mark before and after.
 */
export async function advanceSeenAlertId(db: Db, userId: number, upToId: number): Promise<{ before: number; after: number }> {
  const before = await seenAlertIdOf(db, userId);
  const [row] = await db
    .insert(alertReads)
    .values({ userId, seenAlertId: upToId })
    .onConflictDoUpdate({
      target: alertReads.userId,
      set: { seenAlertId: sql`greatest(${alertReads.seenAlertId}, excluded.seen_alert_id)`, updatedAt: sql`now()` },
    })
    .returning({ id: alertReads.seenAlertId });
  return { before, after: row?.id ?? before };
}

export async function maxAlertId(db: Db): Promise<number> {
  const [row] = await db.select({ id: max(alerts.id) }).from(alerts);
  return row?.id ?? 0;
}
