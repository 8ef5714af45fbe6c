// HQ re-scores drawn evaluations blind. While a site evaluation waits for its re-score, no figure
// HQ reads counts it: not the site-day QA sums (comparison, trends, digests, REST KPIs), not the
// category figures, not the list's score. Otherwise HQ could subtract the scores it sees from a
// day's sum and read the hidden one. The site's own lead keeps seeing every evaluation, so that
// the site cannot tell which ones were drawn.
import type { Db } from '@/db/client';
import { localDayOf } from '@/db/local-time';
import { listAwaitingRescore } from '@/db/queries/qa-calibration';
import type { SiteScope } from '@/server/auth/principal';
import type { KpiParts } from '@/lib/kpi/definitions';

/** Who re-scores: HQ, the only callers who read every site. */
export function readsBlind(scope: SiteScope): boolean {
  return scope.all;
}

export type QaSums = { evaluations: number; scored: number; scoreSum: number };

const NONE: QaSums = { evaluations: 0, scored: 0, scoreSum: 0 };

/** The QA sums of the evaluations awaiting a re-score, per site and site-local day. */
export type AwaitingRescoreSums = {
  /** Over the days from..to (both included) of one site. */
  inRange(siteId: number, from: string, to: string): QaSums;
  /** Of one site on one day. */
  onDay(siteId: number, day: string): QaSums;
};

const EMPTY: AwaitingRescoreSums = { inRange: () => NONE, onDay: () => NONE };

/**
 * What a reader must leave out of the site-day QA sums: the evaluations awaiting a re-score when
 * HQ reads, nothing when a site's lead does.
 */
export async function awaitingRescoreSums(
  db: Db,
  scope: SiteScope,
  sites: readonly { id: number; timezone: string }[],
): Promise<AwaitingRescoreSums> {
  if (!readsBlind(scope) || sites.length === 0) return EMPTY;
  const timezoneOf = new Map(sites.map((s) => [s.id, s.timezone]));
  const rows = await listAwaitingRescore(
    db,
    sites.map((s) => s.id),
  );
  if (rows.length === 0) return EMPTY;
  const bySiteDay = new Map<string, QaSums>();
  const daysOfSite = new Map<number, string[]>();
  for (const row of rows) {
    const timezone = timezoneOf.get(row.siteId);
    if (!timezone) continue;
    const day = localDayOf(row.evaluatedAt, timezone);
    const key = `${row.siteId}:${day}`;
    const sums = bySiteDay.get(key);
    if (!sums) {
      daysOfSite.set(row.siteId, [...(daysOfSite.get(row.siteId) ?? []), day]);
    }
    bySiteDay.set(key, {
      evaluations: (sums?.evaluations ?? 0) + 1,
      scored: (sums?.scored ?? 0) + (row.score === null ? 0 : 1),
      scoreSum: (sums?.scoreSum ?? 0) + (row.score ?? 0),
    });
  }
  return {
    onDay: (siteId, day) => bySiteDay.get(`${siteId}:${day}`) ?? NONE,
    inRange: (siteId, from, to) => {
      let total = NONE;
      for (const day of daysOfSite.get(siteId) ?? []) {
        if (day < from || day > to) continue;
        const sums = bySiteDay.get(`${siteId}:${day}`)!;
        total = { evaluations: total.evaluations + sums.evaluations, scored: total.scored + sums.scored, scoreSum: total.scoreSum + sums.scoreSum };
      }
      return total;
    },
  };
}

/** KPI parts without the evaluations awaiting a re-score. */
export function withoutAwaiting<P extends Pick<KpiParts, 'qaEvaluations' | 'qaScoredEvaluations' | 'qaScoreSum'>>(parts: P, hidden: QaSums): P {
  if (hidden.evaluations === 0) return parts;
  const scored = parts.qaScoredEvaluations - hidden.scored;
  return {
    ...parts,
    qaEvaluations: parts.qaEvaluations - hidden.evaluations,
    qaScoredEvaluations: scored,
    // A sum of the remaining scores; exactly 0 when none is left, not a rounding residue.
    qaScoreSum: scored === 0 ? 0 : parts.qaScoreSum - hidden.scoreSum,
  };
}
