// The agent rollups (agent_day, agent_qa_day, agent_qa_category_day) kept by the real ingest
// through any sequence of pushes: new records, corrections that move a call to another day or
// another agent, calls without an agent, evaluations with scores in several categories, batches
// sent again. After each sequence they equal a computation from the raw rows in JavaScript
// (rollup-reference.ts), and each site-day's agents sum to the site_day of its calls with an agent.
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { agentDay, agentQaCategoryDay, agentQaDay, callRecords, qaCriteria, qaEvaluations, qaForms, sites } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import type { Actor } from '@/server/auth/principal';
import { ingestCalls } from './calls';
import { createHqRescore, ingestEvaluations } from './evaluations';
import { CALL_SUM_KEYS, expectedCallRollups, type CallSums } from './rollup-reference';
import { compareRollups } from './testing';

let h: DbHandle;
const actor: Actor = {
  actorType: 'site_key',
  actorId: 3,
  actorLabel: 'site key agents',
};
const hqActor: Actor = {
  actorType: 'user',
  actorId: null,
  actorLabel: 'hq@x.test',
};

// Two criteria share a category, so a category sums several percentages of one evaluation.
const CRITERIA = [
  {
    key: 'clarity',
    label: 'Clarity',
    category: 'language' as const,
    weight: 2,
    maxScore: 5,
    critical: false,
  },
  {
    key: 'grammar',
    label: 'Grammar',
    category: 'language' as const,
    weight: 1,
    maxScore: 4,
    critical: false,
  },
  {
    key: 'local_context',
    label: 'Local context',
    category: 'culture' as const,
    weight: 1,
    maxScore: 5,
    critical: false,
  },
  {
    key: 'identity_check',
    label: 'Identity check',
    category: 'compliance' as const,
    weight: 1,
    maxScore: 2,
    critical: true,
  },
];

beforeAll(async () => {
  h = await createTestDb();
  const [form] = await h.db
    .insert(qaForms)
    .values({
      code: 'AGT',
      version: 1,
      name: 'Agents',
      status: 'published',
      publishedAt: new Date('2026-01-01T00:00:00Z'),
    })
    .returning();
  await h.db.insert(qaCriteria).values(CRITERIA.map((c, position) => ({ ...c, formId: form!.id, position })));
});
afterAll(async () => {
  await h.close();
});

let siteCount = 0;
/** A fresh site per run (Paris: daylight saving in the days drawn), so that runs do not see each other. */
async function freshSite(): Promise<number> {
  const code = `AG${[26 * 26, 26, 1].map((d) => String.fromCharCode(65 + (Math.floor(siteCount / d) % 26))).join('')}`;
  siteCount++;
  const [site] = await h.db
    .insert(sites)
    .values({
      code,
      name: code,
      country: 'FR',
      timezone: 'Europe/Paris',
      slaSeconds: 20,
    })
    .returning();
  return site!.id;
}

// Instants around the site-local midnights of three days, one of them the change to summer time:
// a small shift moves a call or an evaluation to another day.
const BASES = [Date.parse('2026-03-28T22:30:00Z'), Date.parse('2026-03-29T21:40:00Z'), Date.parse('2026-06-10T21:50:00Z')];
const instant = fc
  .tuple(fc.constantFrom(...BASES), fc.integer({ min: 0, max: 40 }))
  .map(([base, minutes]) => new Date(base + minutes * 60_000).toISOString());
const agent = fc.constantFrom('A1', 'A2', 'A3');

const callRecord = fc.record({
  externalId: fc.constantFrom(...Array.from({ length: 10 }, (_, i) => `c${i}`)),
  startedAt: instant,
  direction: fc.constantFrom('inbound', 'outbound'),
  queue: fc.constantFrom('billing', 'sales'),
  agentRef: fc.option(agent, { nil: null }),
  waitSeconds: fc.constantFrom(0, 3, 5, 19, 20, 21, 45),
  talkSeconds: fc.integer({ min: 0, max: 600 }),
  holdSeconds: fc.constantFrom(0, 12.5, 30),
  wrapSeconds: fc.integer({ min: 0, max: 60 }),
  abandoned: fc.boolean(),
  resolved: fc.option(fc.boolean(), { nil: null }),
  csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
});

const score = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: null, freq: 4 });
const evaluationRecord = fc.record({
  externalId: fc.constantFrom(...Array.from({ length: 6 }, (_, i) => `e${i}`)),
  evaluatedAt: instant,
  formCode: fc.constant('AGT'),
  agentRef: agent,
  evaluator: fc.constant('QA 1'),
  scores: fc.record({
    clarity: score(5),
    grammar: score(4),
    local_context: score(5),
    identity_check: score(2),
  }),
});

type CallInput = typeof callRecord extends fc.Arbitrary<infer T> ? T : never;
type EvaluationInput = typeof evaluationRecord extends fc.Arbitrary<infer T> ? T : never;
type Step = { kind: 'calls'; records: CallInput[] } | { kind: 'evaluations'; records: EvaluationInput[] } | { kind: 'again'; step: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('calls' as const),
      records: fc.uniqueArray(callRecord, {
        selector: (r) => r.externalId,
        minLength: 1,
        maxLength: 8,
      }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('evaluations' as const),
      records: fc.uniqueArray(evaluationRecord, {
        selector: (r) => r.externalId,
        minLength: 1,
        maxLength: 5,
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('again' as const),
      step: fc.nat(),
    }),
  },
);

type Batch = Exclude<Step, { kind: 'again' }>;

async function push(siteId: number, steps: readonly Step[]) {
  const sent: Batch[] = [];
  for (const s of steps) {
    // "again" sends an earlier batch once more, exactly as it was.
    const batch = s.kind === 'again' ? sent[s.step % Math.max(1, sent.length)] : s;
    if (!batch) continue;
    const result =
      batch.kind === 'calls'
        ? await ingestCalls(h.db, { siteId, records: batch.records, actor })
        : await ingestEvaluations(h.db, { siteId, evaluations: batch.records, actor });
    expect(result.rejected).toEqual([]);
    sent.push(batch);
  }
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** Per day, the call sums of agent_day summed over the day's agents. */
async function agentSumsByDay(siteId: number): Promise<Record<string, Record<string, number>>> {
  const byDay: Record<string, Record<string, number>> = {};
  for (const row of await h.db.select().from(agentDay).where(eq(agentDay.siteId, siteId))) {
    const sums = (byDay[row.day] ??= Object.fromEntries(CALL_SUM_KEYS.map((k) => [k, 0])));
    for (const key of CALL_SUM_KEYS) {
      const camel = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) as keyof typeof row;
      sums[key] = sums[key]! + Number(row[camel]);
    }
  }
  for (const sums of Object.values(byDay)) for (const key of CALL_SUM_KEYS) sums[key] = round(sums[key]!);
  return byDay;
}

async function expectAgentRollupsExact(siteId: number) {
  const { actual, expected } = await compareRollups(h.db, siteId);
  expect(actual).toEqual(expected);

  // Each site-day's agents sum to its site_day restricted to the calls with an agent.
  const calls = await h.db.select().from(callRecords).where(eq(callRecords.siteId, siteId));
  const withAgent = expectedCallRollups(
    calls.filter((c) => c.agentRef !== null),
    'Europe/Paris',
    20,
  ).days;
  const restricted: Record<string, Record<string, number>> = {};
  for (const [day, sums] of withAgent)
    restricted[day] = Object.fromEntries(Object.entries(sums as CallSums).map(([k, v]) => [k, round(v)]));
  expect(await agentSumsByDay(siteId)).toEqual(restricted);
}

describe('agent rollups', () => {
  it('equal the raw rows after any sequence of pushes, corrections and re-sent batches', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 7 }), async (steps) => {
        const siteId = await freshSite();
        await push(siteId, steps);
        await expectAgentRollupsExact(siteId);
      }),
      { numRuns: 30 },
    );
  });

  it('moves a corrected call to its new agent and day, and drops it from the agents when it loses its agent', async () => {
    const siteId = await freshSite();
    const call = {
      externalId: 'm1',
      startedAt: '2026-06-10T09:00:00+02:00',
      direction: 'inbound',
      queue: 'billing',
      agentRef: 'A1',
      waitSeconds: 10,
      talkSeconds: 200,
      holdSeconds: 0,
      wrapSeconds: 20,
      abandoned: false,
      resolved: true,
      csat: 5,
    };
    await ingestCalls(h.db, {
      siteId,
      records: [call, { ...call, externalId: 'm2' }],
      actor,
    });
    const rows = async () =>
      (await h.db.select().from(agentDay).where(eq(agentDay.siteId, siteId)))
        .map((r) => [r.day, r.agentRef, r.calls, r.handleSeconds])
        .sort((a, b) => String(a).localeCompare(String(b)));
    expect(await rows()).toEqual([['2026-06-10', 'A1', 2, 440]]);
    await ingestCalls(h.db, {
      siteId,
      records: [{ ...call, agentRef: 'A2', startedAt: '2026-06-11T09:00:00+02:00' }],
      actor,
    });
    expect(await rows()).toEqual([
      ['2026-06-10', 'A1', 1, 220],
      ['2026-06-11', 'A2', 1, 220],
    ]);
    await ingestCalls(h.db, {
      siteId,
      records: [{ ...call, agentRef: null, startedAt: '2026-06-11T09:00:00+02:00' }],
      actor,
    });
    expect(await rows()).toEqual([['2026-06-10', 'A1', 1, 220]]);
    await expectAgentRollupsExact(siteId);
  });

  it("follows criterion scores that change while the evaluation's score stays the same, and leaves HQ's re-scores out", async () => {
    const siteId = await freshSite();
    const evaluation = {
      externalId: 's1',
      evaluatedAt: '2026-06-10T10:00:00Z',
      formCode: 'AGT',
      agentRef: 'A1',
      evaluator: 'QA 1',
      scores: { clarity: 5, grammar: 2, local_context: 5, identity_check: 2 },
    };
    await ingestEvaluations(h.db, { siteId, evaluations: [evaluation], actor });
    const categories = async () =>
      Object.fromEntries(
        (await h.db.select().from(agentQaCategoryDay).where(eq(agentQaCategoryDay.siteId, siteId))).map((r) => [
          r.category,
          [round(r.percentSum), r.scores],
        ]),
      );
    expect(await categories()).toEqual({
      language: [150, 2],
      culture: [100, 1],
      compliance: [100, 1],
    });

    // clarity 5 → 4 (weight 2, max 5) and grammar 2 → 3.6 (weight 1, max 4) keep the weighted score
    // (2 × 0.8 + 0.9 = 2 × 1 + 0.5): only the criterion scores differ.
    const result = await ingestEvaluations(h.db, {
      siteId,
      evaluations: [
        {
          ...evaluation,
          scores: { ...evaluation.scores, clarity: 4, grammar: 3.6 },
        },
      ],
      actor,
    });
    expect(result).toMatchObject({ inserted: 0, updated: 1 });
    expect(await categories()).toEqual({
      language: [170, 2],
      culture: [100, 1],
      compliance: [100, 1],
    });

    const [stored] = await h.db.select().from(agentQaDay).where(eq(agentQaDay.siteId, siteId));
    const [site] = await h.db
      .select({ id: qaEvaluations.id })
      .from(qaEvaluations)
      .where(and(eq(qaEvaluations.siteId, siteId), eq(qaEvaluations.externalId, 's1')));
    await createHqRescore(h.db, {
      siteId,
      actor: hqActor,
      siteEvaluationId: site!.id,
      evaluator: 'HQ',
      scores: { clarity: 0, grammar: 0, local_context: 0, identity_check: 0 },
    });
    expect(await h.db.select().from(agentQaDay).where(eq(agentQaDay.siteId, siteId))).toEqual([stored]);
    await expectAgentRollupsExact(siteId);
  });
});
