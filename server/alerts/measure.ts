// What each rule measures at one tick, scope by scope: its value, its volume (what a minimum volume
// counts), the threshold as a number and the figures an alert shows. The reads are made once per
// tick for every rule (measure-reads.ts); here they are only combined. A network scope sums its
// sites' parts and computes the figure from the sums (lib/kpi/definitions.ts), never a mean of
// site ratios.
import type { Db } from '@/db/client';
import { localDayBounds } from '@/db/local-time';
import type { AlertSite } from '@/db/queries/alert-measures';
import type { AlertFigures, AlertRuleRow } from '@/db/schema';
import { ALERT_METRIC_DEFINITIONS, type AlertMetric } from '@/lib/alerts/metrics';
import type { AlertWindow } from '@/lib/alerts/rule-input';
import { computeKpis, emptyParts, METRICS, sumParts, sumSlExclusions, withoutSlExclusion, type KpiParts, type Kpis, type PartKey } from '@/lib/kpi/definitions';
import { isStale } from '@/lib/queue-status/input';
import { readForRules, windowKeyOf, type TickReads } from './measure-reads';

export type MeasuredScope = {
  /** 'network', a site code ('CAS'), or a site code and queue ('CAS/billing'). */
  scopeKey: string;
  siteId: number | null;
  queue: string | null;
  site: { code: string; name: string } | null;
  value: number | null;
  /** What the rule's minimum volume is compared with; null for a metric without one. */
  volume: number | null;
  /** The threshold as a number for this scope (a target's bound resolved); null: no target set. */
  threshold: number | null;
  /** Closed by its calendar (every site of a network scope closed), for a rule quiet when closed. */
  closed: boolean;
  figures: AlertFigures;
};

type Scope = { scopeKey: string; siteId: number | null; queue: string | null; sites: AlertSite[]; queues: string[] | null };

/** The Kpis field that carries each call and QA metric. */
const KPI_OF: Partial<Record<AlertMetric, keyof Kpis>> = {
  offered: 'offered',
  handled: 'handled',
  abandoned: 'abandoned',
  serviceLevel: 'serviceLevel',
  abandonRate: 'abandonRate',
  asaSeconds: 'asaSeconds',
  ahtSeconds: 'ahtSeconds',
  fcr: 'fcr',
  csat: 'csat',
  qaScore: 'qaScore',
};

/** The part each metric's minimum volume counts (lib/alerts/metrics.ts VOLUME_OF says it in words). */
const VOLUME_PART: Partial<Record<AlertMetric, PartKey>> = {
  serviceLevel: 'offered',
  abandonRate: 'offered',
  asaSeconds: 'inboundHandled',
  ahtSeconds: 'handled',
  fcr: 'resolvedKnown',
  csat: 'csatResponses',
  qaScore: 'qaScoredEvaluations',
};

/** The rule's scopes: each site (or each queue of each site), or the network as one. */
export function scopesOf(rule: AlertRuleRow, sites: readonly AlertSite[]): Scope[] {
  const def = ALERT_METRIC_DEFINITIONS[rule.metric as AlertMetric];
  const chosen = rule.siteIds.length > 0 ? sites.filter((s) => rule.siteIds.includes(s.id)) : sites.filter((s) => s.active);
  const queues = def.byQueue && rule.queues.length > 0 ? rule.queues : null;
  if (rule.network) return [{ scopeKey: 'network', siteId: null, queue: null, sites: chosen, queues }];
  if (queues) return chosen.flatMap((s) => queues.map((q) => ({ scopeKey: `${s.code}/${q}`, siteId: s.id, queue: q, sites: [s], queues: [q] })));
  return chosen.map((s) => ({ scopeKey: s.code, siteId: s.id, queue: null, sites: [s], queues: null }));
}

/** The instants a window covers for a scope: trailing minutes up to now, or the sites' local days. */
function windowInstants(window: AlertWindow | null, scope: Scope, reads: TickReads): { from?: string; to?: string } {
  if (!window) return {};
  const now = reads.now;
  if ('trailingMinutes' in window) return { from: new Date(now.getTime() - window.trailingMinutes * 60_000).toISOString(), to: now.toISOString() };
  const bounds = scope.sites.map((s) => localDayBounds(reads.dayOf(s, window.period), s.timezone));
  if (bounds.length === 0) return {};
  const from = Math.min(...bounds.map((b) => b.start.getTime()));
  const to = Math.min(Math.max(...bounds.map((b) => b.end.getTime())), now.getTime());
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** The KPI parts of a scope over the rule's window: its sites' calls (its queues only) and QA. */
function partsOfScope(rule: AlertRuleRow, scope: Scope, reads: TickReads): KpiParts {
  const key = windowKeyOf(rule.window);
  const perSite = scope.sites.map((site) => {
    const calls = reads.callsOf(key, site.id).filter((q) => scope.queues === null || scope.queues.includes(q.queue));
    const parts = sumParts(calls.map((q) => q.parts));
    const qa = reads.qaOf(key, site.id);
    if (qa) {
      parts.qaEvaluations = qa.evaluations;
      parts.qaScoredEvaluations = qa.scored;
      parts.qaScoreSum = qa.scoreSum;
    }
    return parts;
  });
  return perSite.length > 0 ? sumParts(perSite) : emptyParts();
}

type Measured = Pick<MeasuredScope, 'value' | 'volume'> & Partial<Pick<AlertFigures, 'numerator' | 'denominator' | 'detail' | 'from' | 'to'>>;

function measureCallsOrQa(rule: AlertRuleRow, metric: AlertMetric, scope: Scope, reads: TickReads): Measured {
  const def = ALERT_METRIC_DEFINITIONS[metric];
  if (metric === 'qaCriticalFails') {
    const key = windowKeyOf(rule.window);
    const sums = scope.sites.map((s) => reads.qaOf(key, s.id));
    const evaluations = sums.reduce((n, q) => n + (q?.evaluations ?? 0), 0);
    const fails = sums.reduce((n, q) => n + (q?.criticalFails ?? 0), 0);
    return { value: fails, volume: evaluations, numerator: fails, denominator: evaluations };
  }
  const all = partsOfScope(rule, scope, reads);
  // A site whose settings say so has its service level over a day leave out the calls offered
  // while it was closed, as the comparison does. They are counted for the whole site, not by
  // queue: a queue's service level keeps them.
  const excluded =
    metric === 'serviceLevel' && scope.queues === null ? sumSlExclusions(scope.sites.map((s) => reads.slExclusionOf(windowKeyOf(rule.window), s.id))) : null;
  const parts = withoutSlExclusion(all, excluded);
  const kpis = computeKpis(parts);
  const value = kpis[KPI_OF[metric]!] as number | null;
  const volumePart = VOLUME_PART[metric];
  const formula = def.target ? METRICS[def.target].formula : null;
  const ratioParts = formula?.source === 'site_day' ? { numerator: parts[formula.numerator], denominator: parts[formula.denominator] } : { numerator: value };
  const detail = excluded && excluded.offered > 0 ? { detail: `${excluded.offered} call(s) offered out of hours left out, as the site's settings ask` } : {};
  return { value, volume: volumePart ? parts[volumePart] : null, ...ratioParts, ...detail };
}

function measureLive(metric: AlertMetric, scope: Scope, reads: TickReads): Measured {
  const site = scope.sites[0];
  if (!site) return { value: null, volume: null };
  const rows = reads.liveOf(site.id).filter((r) => scope.queue === null || r.queue === scope.queue);
  const fresh = rows.filter((r) => !isStale(r.at, reads.now));
  if (fresh.length === 0) {
    const detail = rows.length === 0 ? 'no queue status received' : 'every queue status is stale';
    return { value: null, volume: null, detail };
  }
  const value =
    metric === 'callsWaiting' ? fresh.reduce((n, r) => n + r.waiting, 0) : fresh.reduce((m, r) => Math.max(m, r.longestWaitSeconds), 0);
  const newest = fresh.reduce((m, r) => (r.at > m ? r.at : m), fresh[0]!.at);
  const stale = rows.length - fresh.length;
  return { value, volume: null, to: newest.toISOString(), detail: `${fresh.length} queue(s) with a fresh status${stale > 0 ? `, ${stale} stale left out` : ''}` };
}

function measureSiteFact(metric: AlertMetric, scope: Scope, reads: TickReads): Measured {
  const site = scope.sites[0];
  if (!site) return { value: null, volume: null };
  if (metric === 'feedSilentMinutes') {
    const feed = reads.feedOf(site.id);
    if (!feed) return { value: null, volume: null, detail: 'the site never pushed' };
    return { value: feed.minutes, volume: null, from: feed.lastPushAt.toISOString(), to: reads.now.toISOString() };
  }
  if (metric === 'reportMissing') {
    const report = reads.reportOf(site.id);
    if (!report) return { value: null, volume: null };
    const detail = report.expected
      ? `daily report for ${report.day}, due ${report.deadline.toISOString()}: ${report.missing ? 'missing' : 'filed or still due'}`
      : `no report owed for ${report.day} (closed by the calendar or before the site's first day)`;
    return { value: report.missing ? 1 : 0, volume: null, detail };
  }
  const mission = reads.missionOf(site.id);
  if (!mission) return { value: null, volume: null, detail: 'no running mission with a projection' };
  return { value: mission.value, volume: null, numerator: mission.projection, denominator: mission.target, detail: mission.detail };
}

/** Each enabled rule's scopes measured as of `reads.now`, by rule id. */
export function measureScopes(rule: AlertRuleRow, reads: TickReads): MeasuredScope[] {
  const metric = rule.metric as AlertMetric;
  const def = ALERT_METRIC_DEFINITIONS[metric];
  return scopesOf(rule, reads.sites).map((scope) => {
    const measured =
      def.source === 'calls' || def.source === 'qa'
        ? measureCallsOrQa(rule, metric, scope, reads)
        : def.source === 'live'
          ? measureLive(metric, scope, reads)
          : measureSiteFact(metric, scope, reads);
    const threshold = thresholdOf(rule, scope.siteId, reads);
    const closed = rule.quietWhenClosed && scope.sites.length > 0 && scope.sites.every((s) => reads.openOf(s.id) === false);
    const { value, volume, ...figures } = measured;
    const site = scope.siteId !== null ? scope.sites[0]! : null;
    return {
      scopeKey: scope.scopeKey,
      siteId: scope.siteId,
      queue: scope.queue,
      site: site ? { code: site.code, name: site.name } : null,
      value: value !== null && Number.isFinite(value) ? value : null,
      volume,
      threshold,
      closed,
      figures: { ...windowInstants(rule.window, scope, reads), ...figures, volume, formula: def.formula },
    };
  });
}

/**
 * A fixed threshold, or a target's bound for the scope: 'red' is worse than the amber bound,
 * 'amber' worse than the green one; a site's own target overrides the network default.
 */
export function thresholdOf(rule: AlertRuleRow, siteId: number | null, reads: Pick<TickReads, 'target'>): number | null {
  if (rule.threshold !== null) return rule.threshold;
  const target = ALERT_METRIC_DEFINITIONS[rule.metric as AlertMetric].target;
  if (!target) return null;
  const bounds = reads.target(siteId, target);
  if (!bounds) return null;
  return rule.thresholdTarget === 'amber' ? bounds.green : bounds.amber;
}

/** Reads what the rules need and measures every scope of each: one set of reads per tick. */
export async function measureRules(db: Db, rules: readonly AlertRuleRow[], now: Date): Promise<Map<number, MeasuredScope[]>> {
  return (await measureTick(db, rules, now)).scopes;
}

/** measureRules, with the sites it read (to name the site of a scope no rule watches any more). */
export async function measureTick(db: Db, rules: readonly AlertRuleRow[], now: Date): Promise<{ scopes: Map<number, MeasuredScope[]>; sites: AlertSite[] }> {
  const reads = await readForRules(db, rules, now);
  return { scopes: new Map(rules.map((rule) => [rule.id, measureScopes(rule, reads)])), sites: reads.sites };
}

/**
 * A scope its rule no longer watches (a site or queue taken out of it, a site closed down) with a
 * state still pending or firing: measured as "no value", so its breach ends and an open alert
 * resolves instead of firing for ever.
 */
export function unwatchedScope(state: { scopeKey: string; siteId: number | null; queue: string | null }, rule: AlertRuleRow, sites: readonly AlertSite[]): MeasuredScope {
  const site = state.siteId !== null ? sites.find((s) => s.id === state.siteId) : undefined;
  return {
    scopeKey: state.scopeKey,
    siteId: state.siteId,
    queue: state.queue,
    site: site ? { code: site.code, name: site.name } : null,
    value: null,
    volume: null,
    threshold: null,
    closed: false,
    figures: { formula: ALERT_METRIC_DEFINITIONS[rule.metric as AlertMetric].formula, detail: 'no longer watched by its rule' },
  };
}
