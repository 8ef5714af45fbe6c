// A site's agent sums as the caller may read them: the site within their scope (another site of a
// lead is "not found", as its page is), and for HQ without the evaluations awaiting a blind
// re-score (server/qa/blind-rescore.ts), so that an agent's QA figures cannot betray a hidden score.
import type { Db } from '@/db/client';
import {
  readAgentCategorySums,
  readAgentDailySums,
  readAgentSums,
  readAwaitingRescoreAgentSums,
  type AgentCategorySums,
  type AgentSums,
} from '@/db/queries/agents';
import { listSitesForKpis, type KpiSite } from '@/db/queries/kpis';
import type { SiteScope } from '@/server/auth/principal';
import { notFound } from '@/server/errors';
import { readsBlind } from '@/server/qa/blind-rescore';

export type AgentRange = { from: string; to: string };

/** Every site (for the network) and the one asked for; NOT_FOUND for an unknown code or another site of a lead. */
export async function siteAndNetwork(db: Db, scope: SiteScope, code: string): Promise<{ site: KpiSite; network: KpiSite[] }> {
  const all = await listSitesForKpis(db);
  const site = all.find((s) => s.code === code.trim().toUpperCase());
  if (!site || (!scope.all && scope.siteId !== site.id)) throw notFound('Site');
  // The network: the active sites, and the site asked for even when it no longer is.
  return { site, network: all.filter((s) => s.active || s.id === site.id) };
}

const agentKey = (siteId: number, agentRef: string) => `${siteId}\u0000${agentRef}`;

type HiddenQa = { evaluations: number; scoredEvaluations: number; scoreSum: number; criticalFails: number };

function withoutHidden(sums: AgentSums, hidden: HiddenQa | undefined): AgentSums {
  if (!hidden) return sums;
  return {
    ...sums,
    parts: {
      ...sums.parts,
      qaEvaluations: sums.parts.qaEvaluations - hidden.evaluations,
      qaScoredEvaluations: sums.parts.qaScoredEvaluations - hidden.scoredEvaluations,
      qaScoreSum: sums.parts.qaScoreSum - hidden.scoreSum,
    },
    criticalFails: sums.criticalFails - hidden.criticalFails,
  };
}

function addHidden(map: Map<string, HiddenQa>, key: string, row: HiddenQa) {
  const sum = map.get(key) ?? { evaluations: 0, scoredEvaluations: 0, scoreSum: 0, criticalFails: 0 };
  map.set(key, {
    evaluations: sum.evaluations + row.evaluations,
    scoredEvaluations: sum.scoredEvaluations + row.scoredEvaluations,
    scoreSum: sum.scoreSum + row.scoreSum,
    criticalFails: sum.criticalFails + row.criticalFails,
  });
}

/** What HQ may not read of these sites' agents over the range (nothing for a lead). */
async function hiddenOf(db: Db, scope: SiteScope, q: { siteIds: number[]; agentRefs?: string[] } & AgentRange) {
  if (!readsBlind(scope)) return null;
  const awaiting = await readAwaitingRescoreAgentSums(db, q);
  return awaiting.qa.length === 0 && awaiting.categories.length === 0 ? null : awaiting;
}

/** Per site and agent, the sums over the range as the caller may read them. */
export async function readableAgentSums(db: Db, scope: SiteScope, q: { siteIds: number[]; agentRefs?: string[] } & AgentRange): Promise<AgentSums[]> {
  const [sums, hidden] = await Promise.all([readAgentSums(db, q), hiddenOf(db, scope, q)]);
  if (!hidden) return sums;
  const byAgent = new Map<string, HiddenQa>();
  for (const row of hidden.qa) addHidden(byAgent, agentKey(row.siteId, row.agentRef), row);
  return sums.map((s) => withoutHidden(s, byAgent.get(agentKey(s.siteId, s.agentRef))));
}

/** One agent's sums per day as the caller may read them. */
export async function readableAgentDays(db: Db, scope: SiteScope, q: { siteId: number; agentRef: string } & AgentRange): Promise<(AgentSums & { day: string })[]> {
  const [days, hidden] = await Promise.all([readAgentDailySums(db, q), hiddenOf(db, scope, { siteIds: [q.siteId], agentRefs: [q.agentRef], from: q.from, to: q.to })]);
  if (!hidden) return days;
  const byDay = new Map<string, HiddenQa>();
  for (const row of hidden.qa) addHidden(byDay, row.day, row);
  return days.map((d) => ({ ...withoutHidden(d, byDay.get(d.day)), day: d.day }));
}

/** Per site, agent and category, the sums over the range as the caller may read them. */
export async function readableCategorySums(
  db: Db,
  scope: SiteScope,
  q: { siteIds: number[]; agentRefs?: string[] } & AgentRange,
): Promise<AgentCategorySums[]> {
  const [sums, hidden] = await Promise.all([readAgentCategorySums(db, q), hiddenOf(db, scope, q)]);
  if (!hidden) return sums;
  const byKey = new Map<string, { percentSum: number; scores: number }>();
  for (const row of hidden.categories) {
    const key = `${agentKey(row.siteId, row.agentRef)}\u0000${row.category}`;
    const sum = byKey.get(key) ?? { percentSum: 0, scores: 0 };
    byKey.set(key, { percentSum: sum.percentSum + row.percentSum, scores: sum.scores + row.scores });
  }
  return sums.map((s) => {
    const h = byKey.get(`${agentKey(s.siteId, s.agentRef)}\u0000${s.category}`);
    return h ? { ...s, percentSum: s.percentSum - h.percentSum, scores: s.scores - h.scores } : s;
  });
}
