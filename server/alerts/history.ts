// The alerts a caller may read (the /alerts history, GET /api/v1/alerts) and the bell's unread
// count. Headquarters reads every alert; a site lead their own site's, never a network alert
// (a network figure sums the other sites').
import type { Db } from '@/db/client';
import {
  advanceSeenAlertId,
  countAlertsAfter,
  listAlertRows,
  maxAlertId,
  seenAlertIdOf,
  type AlertHistoryRow,
} from '@/db/queries/alerts-history';
import { insertAudit } from '@/db/queries/audit';
import { findSiteByCode, type SiteFilter } from '@/db/queries/sites';
import type { AlertFigures } from '@/db/schema';
import { actorOf, siteScopeOf, type UserPrincipal } from '@/server/auth/principal';
import { badRequest, forbidden } from '@/server/errors';
import type { AlertMetric } from '@/lib/alerts/metrics';
import type { AlertComparison, AlertSeverity, AlertWindow } from '@/lib/alerts/rule-input';
import { alertListInput, boundInstant, type AlertListInput } from '@/lib/alerts/history-input';

export type AlertAnswer = {
  id: number;
  /** The rule as it was named when it fired; id null once the rule is deleted. */
  rule: { id: number | null; name: string };
  site: string | null;
  siteName: string | null;
  queue: string | null;
  metric: AlertMetric;
  severity: AlertSeverity;
  state: 'firing' | 'resolved';
  firedAt: string;
  resolvedAt: string | null;
  value: number | null;
  resolvedValue: number | null;
  threshold: number;
  comparison: AlertComparison;
  window: AlertWindow | null;
  figures: AlertFigures;
};

function visibleTo(principal: UserPrincipal): SiteFilter {
  const scope = siteScopeOf(principal);
  return scope.all ? { all: true } : { all: false, siteId: scope.siteId };
}

function answerOf(row: AlertHistoryRow): AlertAnswer {
  return {
    id: row.id,
    rule: { id: row.ruleId, name: row.ruleName },
    site: row.siteCode,
    siteName: row.siteName,
    queue: row.queue,
    metric: row.metric as AlertMetric,
    severity: row.severity,
    state: row.status,
    firedAt: row.firedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    value: row.value,
    resolvedValue: row.resolvedValue,
    threshold: row.threshold,
    comparison: row.comparison,
    window: row.window ?? null,
    figures: row.figures,
  };
}

/** The site a filter names: HQ may name any site, a lead only their own (the same refusal whether the code exists or not). */
async function siteFilterOf(db: Db, principal: UserPrincipal, code: string | undefined): Promise<number | undefined> {
  if (code === undefined) return undefined;
  const site = await findSiteByCode(db, code);
  const visible = visibleTo(principal);
  if (!visible.all && site?.id !== visible.siteId) throw forbidden('A site lead reads only their own site’s alerts');
  if (!site) throw badRequest(`Unknown site code: ${code}`);
  return site.id;
}

export async function listAlerts(db: Db, principal: UserPrincipal, input: AlertListInput): Promise<{ alerts: AlertAnswer[] }> {
  const filter = alertListInput.parse(input);
  const rows = await listAlertRows(db, {
    visible: visibleTo(principal),
    siteId: await siteFilterOf(db, principal, filter.site),
    status: filter.state === 'all' ? undefined : filter.state,
    from: filter.from ? boundInstant(filter.from, false) : undefined,
    to: filter.to ? boundInstant(filter.to, true) : undefined,
    limit: filter.limit,
  });
  return { alerts: rows.map(answerOf) };
}

/** The bell: how many alerts the caller may read that are newer than the last one they saw. */
export async function unreadAlerts(db: Db, principal: UserPrincipal): Promise<{ count: number; latestId: number }> {
  return countAlertsAfter(db, visibleTo(principal), await seenAlertIdOf(db, principal.userId));
}

/**
 * Marks the alerts up to `upToId` seen. The mark never goes back, nor beyond the newest alert
 * (a mark ahead of it would hide the next ones); only a mark that moves is written and audited.
 */
export async function markAlertsSeen(db: Db, principal: UserPrincipal, upToId: number): Promise<{ seenAlertId: number }> {
  return db.transaction(async (tx) => {
    const target = Math.min(upToId, await maxAlertId(tx));
    const current = await seenAlertIdOf(tx, principal.userId);
    if (target <= current) return { seenAlertId: current };
    const { before, after } = await advanceSeenAlertId(tx, principal.userId, target);
    if (after !== before) {
      await insertAudit(tx, { ...actorOf(principal), action: 'alert.mark_seen', entity: 'user', entityId: String(principal.userId), siteId: null, details: { from: before, to: after } });
    }
    return { seenAlertId: after };
  });
}
