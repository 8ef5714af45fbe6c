// QA evaluations of one demo site: 2–4 per agent and week, scored by the site on the STD form
// (kindly, at some sites), and HQ's re-scores of about one in ten, which see the true quality.
import type { HandledCall } from './demo-calls';
import { STD_CRITERIA, STD_FORM, type SiteProfile } from './demo-network';
import type { Random } from './random';

export type DemoRescore = {
  siteExternalId: string;
  scores: Record<string, number | null>;
  evaluatedAt: Date;
  comment: string | null;
};

/**
 * A site QA evaluation as the site's QA tool pushes it: the shape the ingest API validates
 * (server/ingest/evaluation.schema.ts).
 */
export type DemoEvaluation = {
  externalId: string;
  /** ISO 8601 instant. */
  evaluatedAt: string;
  /** CODE or CODE@version. */
  formCode: string;
  agentRef: string;
  callExternalId?: string | null;
  evaluator: string;
  /** Criterion key → score; null when the criterion does not apply. */
  scores: Record<string, number | null>;
  comment?: string | null;
};

export type SiteEvaluations = { evaluations: DemoEvaluation[]; rescores: DemoRescore[] };

export const HQ_RESCORE_SHARE = 0.1;

const SITE_COMMENTS = [
  'Good call, customer reassured.',
  'Remember to restate the next steps.',
  'Long hold while looking up the answer.',
  'Excellent handling of an upset customer.',
  'Identity check done late in the call.',
  'Offer explained clearly.',
];
const HQ_COMMENTS = [
  'Identity not verified before the balance was given.',
  'Resolution incomplete: the customer will call back.',
  'Scores aligned with the site evaluation.',
  'Register too familiar for this customer.',
  'French idiom misunderstood; customer repeated twice.',
  null,
];

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

function groupByAgentWeek(handled: readonly HandledCall[]): Map<string, HandledCall[]> {
  const groups = new Map<string, HandledCall[]>();
  for (const call of handled) {
    const key = `${call.agentRef}|${call.week}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(call);
  }
  return groups;
}

export function generateSiteEvaluations(
  profile: SiteProfile,
  handled: readonly HandledCall[],
  nowMs: number,
  random: Random,
): SiteEvaluations {
  const evaluations: DemoEvaluation[] = [];
  const rescores: DemoRescore[] = [];
  const agentOffset = new Map<string, number>();
  const groups = groupByAgentWeek(handled);
  // One QA evaluator for about 25 agents.
  const evaluators = Math.max(1, Math.ceil(agentCount(groups) / 25));
  let seq = 0;

  // Sorted keys: the draw order must not depend on the order calls were grouped in.
  for (const key of [...groups.keys()].sort()) {
    const calls = groups.get(key) ?? [];
    const agentRef = key.slice(0, key.indexOf('|'));
    let offset = agentOffset.get(agentRef);
    if (offset === undefined) agentOffset.set(agentRef, (offset = random.normal(0, 0.05)));
    const count = Math.min(calls.length, random.int(2, 4));
    const picked = new Set<number>();
    while (picked.size < count) picked.add(random.int(0, calls.length - 1));

    for (const position of [...picked].sort((a, b) => a - b)) {
      const call = calls[position];
      if (!call) continue;
      seq++;
      const evaluatedAtMs = Math.min(nowMs - 30 * 60_000, call.startedAtMs + random.int(3600, 30 * 3600) * 1000);
      if (evaluatedAtMs <= call.startedAtMs) continue;

      // The truth of this call, criterion by criterion (as a fraction of the max) …
      const truth = new Map<string, number | null>();
      const identityPassed = random.chance(clamp01(profile.identityCheckRate + offset / 2));
      const noticeApplies = random.chance(0.92);
      const noticeGiven = random.chance(clamp01(profile.qa.compliance + 0.05));
      for (const c of STD_CRITERIA) {
        if (c.key === 'identity_check') truth.set(c.key, identityPassed ? 1 : 0);
        else if (c.key === 'gdpr_notice') truth.set(c.key, noticeApplies ? (noticeGiven ? 1 : 0) : null);
        else truth.set(c.key, clamp01(profile.qa[c.category] + offset + random.normal(0, 0.07)));
      }
      // … as the site scores it (its evaluators may be kind, and may pass a failed check) …
      const siteScores: Record<string, number | null> = {};
      for (const c of STD_CRITERIA) {
        const t = truth.get(c.key) ?? null;
        if (t === null) siteScores[c.key] = null;
        else if (c.maxScore === 1) siteScores[c.key] = t === 1 || random.chance(profile.hiddenCriticalFailures) ? 1 : 0;
        else siteScores[c.key] = Math.round(clamp01(t + profile.selfScoreInflation + random.normal(0, 0.04)) * c.maxScore);
      }
      const externalId = `${profile.code}-QA-${String(seq).padStart(6, '0')}`;
      evaluations.push({
        externalId,
        evaluatedAt: new Date(evaluatedAtMs).toISOString(),
        formCode: `${STD_FORM.code}@${STD_FORM.version}`,
        agentRef,
        callExternalId: call.externalId,
        evaluator: `${profile.code} QA ${1 + (seq % evaluators)}`,
        scores: siteScores,
        comment: random.chance(0.15) ? random.pick(SITE_COMMENTS) : undefined,
      });

      // … and as HQ scores it when it listens to the same call.
      if (random.chance(HQ_RESCORE_SHARE)) {
        const hqScores: Record<string, number | null> = {};
        for (const c of STD_CRITERIA) {
          const t = truth.get(c.key) ?? null;
          if (t === null) hqScores[c.key] = null;
          else if (c.maxScore === 1) hqScores[c.key] = t;
          else hqScores[c.key] = Math.round(clamp01(t + random.normal(0, 0.04)) * c.maxScore);
        }
        const at = Math.min(nowMs - 10 * 60_000, evaluatedAtMs + random.int(1, 6) * 86_400_000);
        rescores.push({
          siteExternalId: externalId,
          scores: hqScores,
          evaluatedAt: new Date(Math.max(at, evaluatedAtMs)),
          comment: random.pick(HQ_COMMENTS),
        });
      }
    }
  }
  return { evaluations, rescores };
}

function agentCount(groups: Map<string, HandledCall[]>): number {
  return new Set([...groups.keys()].map((k) => k.slice(0, k.indexOf('|')))).size;
}
