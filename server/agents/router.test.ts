// The agents procedures through createCaller on a database filled through the real ingest (calls
// and evaluations pushed, rollups kept by it): the published table's shape, the page's flags,
// trend and medians, one agent's page, a lead kept to their own site, HQ kept blind to an
// evaluation it has yet to re-score. REST GET /api/v1/agents through the real handler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { siteAgents } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { cliActor } from '@/server/auth/principal';
import { ingestCalls } from '@/server/ingest/calls';
import { createUserTokenByEmail } from '@/server/keys/service';
import { drawSample } from '@/server/qa/calibration';
import { callerFor, createQaAccounts, publishNewForm, pushEvaluations, STD_V1, type QaAccounts } from '@/server/qa/testing';
import { handleRest } from '@/server/rest/handler';
import { contextFromRequest } from '@/server/trpc/request-context';
import { trpcCode } from '@/test/fixtures';

let h: DbHandle;
let a: QaAccounts;
const NOW = new Date('2026-03-20T10:00:00Z');
// Monday 2 to Sunday 15 March 2026: two ISO weeks.
const RANGE = { from: '2026-03-02', to: '2026-03-15' };

/** `count` handled calls of an agent over the range's first ten days, each talk + 20 s hold + 20 s wrap. */
function calls(agentRef: string, count: number, talkSeconds: number) {
  return Array.from({ length: count }, (_, i) => ({
    externalId: `${agentRef}-${i}`,
    startedAt: `2026-03-${String(2 + (i % 10)).padStart(2, '0')}T10:00:00+01:00`,
    direction: 'inbound' as const,
    queue: 'billing',
    agentRef,
    waitSeconds: 10,
    talkSeconds,
    holdSeconds: 20,
    wrapSeconds: 20,
    abandoned: false,
    resolved: i % 4 !== 0,
    csat: i % 2 === 0 ? 5 : null,
  }));
}

const SCORES = { clarity: 4, local_context: 3, identity_check: 1, disclosure: 4, resolution: 8, empathy: 5 };

beforeAll(async () => {
  h = await createTestDb();
  a = await createQaAccounts(h.db);
  const { tun, dkr } = a.sites;
  await publishNewForm(h.db, 'STD', STD_V1);
  // Five agents handle in 290–310 s, T6 in 940 s: slow against its site.
  const records = [
    ...calls('T1', 31, 250),
    ...calls('T2', 31, 255),
    ...calls('T3', 31, 260),
    ...calls('T4', 31, 265),
    ...calls('T5', 31, 270),
    ...calls('T6', 31, 900),
    ...calls('T7', 2, 100),
  ];
  const pushed = await ingestCalls(h.db, { siteId: tun.id, actor: cliActor(), records });
  expect(pushed.rejected).toEqual([]);
  await ingestCalls(h.db, { siteId: dkr.id, actor: cliActor(), records: [...calls('D1', 5, 100), ...calls('T1', 5, 100)] });
  await pushEvaluations(h.db, tun.id, [
    { externalId: 'e1', evaluatedAt: '2026-03-03T10:00:00+01:00', agentRef: 'T1', scores: SCORES },
    { externalId: 'e2', evaluatedAt: '2026-03-10T10:00:00+01:00', agentRef: 'T1', scores: { ...SCORES, clarity: 2 } },
    // A failed critical criterion: scored 0.
    { externalId: 'e3', evaluatedAt: '2026-03-11T10:00:00+01:00', agentRef: 'T1', scores: { ...SCORES, identity_check: 0 } },
    // Outside the range.
    { externalId: 'e4', evaluatedAt: '2026-03-20T10:00:00+01:00', agentRef: 'T1', scores: SCORES },
  ]);
  await pushEvaluations(h.db, dkr.id, [{ externalId: 'd1', evaluatedAt: '2026-03-03T10:00:00+00:00', agentRef: 'D1', scores: SCORES }]);
  await h.db.insert(siteAgents).values([
    { siteId: tun.id, agentRef: 'T1', name: 'Amel Ben Salah', team: 'Billing' },
    // A removed name: the figures stay, the name is gone.
    { siteId: tun.id, agentRef: 'T2', name: null, team: 'Billing', nameRemovedAt: NOW },
    // On the roster, no call nor evaluation yet.
    { siteId: tun.id, agentRef: 'T9', name: 'New Hire' },
  ]);
});
afterAll(() => h.close());

const TABLE_KEYS = [
  'agentRef',
  'ahtSeconds',
  'criticalFails',
  'csat',
  'csatResponses',
  'fcr',
  'handled',
  'holdSeconds',
  'outlier',
  'qaEvaluations',
  'qaScore',
  'wrapSeconds',
];

describe('agents.table (GET /api/v1/agents)', () => {
  it('answers exactly the published shape, figures by the site definitions', async () => {
    const answer = await callerFor(h.db, a.principals.hq, NOW).agents.table({ site: 'tun', ...RANGE });
    expect(Object.keys(answer).sort()).toEqual(['agents', 'from', 'site', 'to']);
    expect(answer).toMatchObject({ site: 'TUN', ...RANGE });
    expect(answer.agents.map((r) => r.agentRef)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7']);
    const t1 = answer.agents[0]!;
    expect(Object.keys(t1).sort()).toEqual([...TABLE_KEYS, 'name'].sort());
    // 31 calls of 250 + 20 + 20 s; resolved unless i % 4 = 0 (8 of 31); CSAT 5 on even i (16).
    expect(t1).toMatchObject({ name: 'Amel Ben Salah', handled: 31, ahtSeconds: 290, holdSeconds: 20, wrapSeconds: 20, csatResponses: 16, csat: 1 });
    expect(t1.fcr).toBeCloseTo(23 / 31, 12);
    // e1: (2×4/5 + 1×3/5 + 1 + 1 + 3×8/10 + 1) / 9 = 7.6 / 9; e2 with clarity 2: 6.8 / 9; e3: 0 (critical).
    expect(t1.qaEvaluations).toBe(3);
    expect(t1.criticalFails).toBe(1);
    expect(t1.qaScore).toBeCloseTo(((7.6 / 9 + 6.8 / 9) * 100) / 3, 9);
    // A removed name and an agent off the roster have no `name` at all.
    for (const row of answer.agents.slice(1)) expect(Object.keys(row).sort()).toEqual(TABLE_KEYS);
    expect(answer.agents.filter((r) => r.outlier).map((r) => r.agentRef)).toEqual(['T6']);
  });

  it('reaches a lead’s own site, and nothing of another (NOT_FOUND), nor a site key', async () => {
    const lead = callerFor(h.db, a.principals.lead, NOW);
    expect((await lead.agents.table({ site: 'TUN', ...RANGE })).agents).toHaveLength(7);
    expect(await trpcCode(() => lead.agents.table({ site: 'DKR', ...RANGE }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => lead.agents.table({ site: 'XYZ', ...RANGE }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => callerFor(h.db, a.principals.siteKey, NOW).agents.table({ site: 'TUN', ...RANGE }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => callerFor(h.db, undefined, NOW).agents.table({ site: 'TUN', ...RANGE }))).toBe('UNAUTHORIZED');
  });

  it('refuses a bad range or site code (BAD_REQUEST)', async () => {
    const hq = callerFor(h.db, a.principals.hq, NOW);
    expect(await trpcCode(() => hq.agents.table({ site: 'TUN', from: '2026-03-15', to: '2026-03-02' }))).toBe('BAD_REQUEST');
    expect(await trpcCode(() => hq.agents.table({ site: 'TUN', from: '2026-3-1', to: '2026-03-02' }))).toBe('BAD_REQUEST');
    expect(await trpcCode(() => hq.agents.table({ site: 'T1', ...RANGE }))).toBe('BAD_REQUEST');
  });
});

describe('agents.list', () => {
  it('flags the slow agent with the metric and direction, gives weekly AHT and the site median', async () => {
    const list = await callerFor(h.db, a.principals.lead, NOW).agents.list({ site: 'TUN', ...RANGE });
    expect(list.site).toEqual({ code: 'TUN', name: 'Tunis' });
    const t6 = list.agents.find((r) => r.agentRef === 'T6')!;
    expect(t6.flags).toHaveLength(1);
    // Judged among T1…T6 (290 295 300 305 310 940): median 302.5.
    expect(t6.flags[0]).toMatchObject({ metric: 'aht', direction: 'high', value: 940, median: 302.5 });
    // T7's two calls are too few to judge, and leave it out of the distribution.
    expect(list.agents.find((r) => r.agentRef === 'T7')!.flags).toEqual([]);
    const t1 = list.agents.find((r) => r.agentRef === 'T1')!;
    expect(t1).toMatchObject({ name: 'Amel Ben Salah', team: 'Billing' });
    // Calls on 2–11 March: the first week (2–8 March) and the second (9–11 March).
    expect(t1.trend).toEqual([
      { weekStart: '2026-03-02', ahtSeconds: 290 },
      { weekStart: '2026-03-09', ahtSeconds: 290 },
    ]);
    // language: clarity 4/5, 2/5, 4/5 → (80 + 40 + 80) / 3; culture: 3/5 thrice → 60.
    expect(t1.language).toBeCloseTo(200 / 3, 9);
    expect(t1.culture).toBeCloseTo(60, 9);
    expect(list.agents.find((r) => r.agentRef === 'T2')!.name).toBeNull();
    // AHT of T1…T7: 290 295 300 305 310 940 140 → median 300.
    expect(list.medians.site).toMatchObject({ agents: 7, ahtSeconds: 300, handled: 31 });
  });

  it('withholds the network medians from a lead with one other site, and gives them to HQ', async () => {
    const lead = await callerFor(h.db, a.principals.lead, NOW).agents.list({ site: 'TUN', ...RANGE });
    expect(lead.medians.network.agents).toBeNull();
    expect(lead.medians.network.ahtSeconds).toBeNull();
    expect(lead.medians.withheld).toContain('ahtSeconds');
    const hq = await callerFor(h.db, a.principals.hq, NOW).agents.list({ site: 'TUN', ...RANGE });
    expect(hq.medians.withheld).toEqual([]);
    // Seven agents at TUN, D1 and T1 at DKR (the same reference at another site is another agent).
    expect(hq.medians.network.agents).toBe(9);
    // 140 140 140 290 295 300 305 310 940 → 295.
    expect(hq.medians.network.ahtSeconds).toBe(295);
  });

  it('is NOT_FOUND for another site of a lead', async () => {
    expect(await trpcCode(() => callerFor(h.db, a.principals.lead, NOW).agents.list({ site: 'DKR', ...RANGE }))).toBe('NOT_FOUND');
  });
});

describe('agents.get', () => {
  it('gives one agent’s figures by day, evaluations and QA categories', async () => {
    const agent = await callerFor(h.db, a.principals.lead, NOW).agents.get({ site: 'TUN', agentRef: 'T1', ...RANGE });
    expect(agent).toMatchObject({ agentRef: 'T1', name: 'Amel Ben Salah', team: 'Billing', flags: [] });
    expect(agent.score).toMatchObject({ handled: 31, ahtSeconds: 290, qaEvaluations: 3 });
    expect(agent.days.map((d) => d.day)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11']);
    // Calls i = 1, 11, 21 fall on 3 March, with e1.
    expect(agent.days.find((d) => d.day === '2026-03-03')).toMatchObject({ handled: 3, qaEvaluations: 1 });
    expect(agent.evaluations.map((e) => [e.day, e.criticalFailed])).toEqual([
      ['2026-03-11', true],
      ['2026-03-10', false],
      ['2026-03-03', false],
    ]);
    expect(agent.evaluations[2]!.score).toBeCloseTo((7.6 / 9) * 100, 9);
    expect(agent.categories.map((c) => c.category)).toEqual(['language', 'culture', 'compliance', 'resolution', 'soft_skills']);
    expect(agent.categories[0]!.percent).toBeCloseTo(200 / 3, 9);
  });

  it('carries the agent’s flags against its site', async () => {
    const agent = await callerFor(h.db, a.principals.admin, NOW).agents.get({ site: 'TUN', agentRef: 'T6', ...RANGE });
    expect(agent.flags.map((f) => [f.metric, f.direction])).toEqual([['aht', 'high']]);
    expect(agent.siteMedian.ahtSeconds).toBe(300);
  });

  it('answers a rostered agent without figures, and NOT_FOUND for one the site never saw or another site of a lead', async () => {
    const lead = callerFor(h.db, a.principals.lead, NOW);
    const fresh = await lead.agents.get({ site: 'TUN', agentRef: 'T9', ...RANGE });
    expect(fresh).toMatchObject({ name: 'New Hire', days: [], evaluations: [] });
    expect(fresh.score).toMatchObject({ handled: 0, ahtSeconds: null });
    expect(await trpcCode(() => lead.agents.get({ site: 'TUN', agentRef: 'D1', ...RANGE }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => lead.agents.get({ site: 'DKR', agentRef: 'D1', ...RANGE }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => lead.agents.get({ site: 'TUN', agentRef: '', ...RANGE }))).toBe('BAD_REQUEST');
  });
});

describe('blind re-scores', () => {
  it('keeps HQ from an evaluation it has yet to re-score, while the site still sees it', async () => {
    // Draws every TUN evaluation of the range (three, all T1's) for a blind re-score.
    await drawSample(h.db, { scope: { all: true }, actor: cliActor(), requestedBy: null, input: { site: 'TUN', ...RANGE, size: 200 } });
    const hq = await callerFor(h.db, a.principals.hq, NOW).agents.get({ site: 'TUN', agentRef: 'T1', ...RANGE });
    expect(hq.score).toMatchObject({ qaEvaluations: 0, qaScore: null, criticalFails: 0 });
    expect(hq.categories).toEqual([]);
    expect(hq.evaluations.every((e) => e.scoreHidden && e.score === null && !e.criticalFailed)).toBe(true);
    expect(hq.days.every((d) => d.qaEvaluations === 0)).toBe(true);
    const table = await callerFor(h.db, a.principals.hq, NOW).agents.table({ site: 'TUN', ...RANGE });
    expect(table.agents[0]).toMatchObject({ agentRef: 'T1', qaEvaluations: 0, qaScore: null });
    const hqList = await callerFor(h.db, a.principals.hq, NOW).agents.list({ site: 'TUN', ...RANGE });
    expect(hqList.agents[0]).toMatchObject({ agentRef: 'T1', language: null, qaScore: null });

    const lead = await callerFor(h.db, a.principals.lead, NOW).agents.get({ site: 'TUN', agentRef: 'T1', ...RANGE });
    expect(lead.score).toMatchObject({ qaEvaluations: 3, criticalFails: 1 });
    expect(lead.evaluations.every((e) => !e.scoreHidden)).toBe(true);
  });
});

describe('REST GET /api/v1/agents', () => {
  async function get(query: string, token?: string) {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const res = await handleRest(new Request(`http://vigie.test/api/v1/agents?${query}`, { headers }), (r) =>
      contextFromRequest(r, { handle: h, session: async () => null, now: () => NOW }),
    );
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  it('answers a lead’s token the published shape for their site, 404 for another, 400 for a bad range', async () => {
    const token = (await createUserTokenByEmail(h.db, cliActor(), { email: 'lead.tun@x.test', name: 'sheet' })).secret;
    const res = await get(`site=TUN&from=${RANGE.from}&to=${RANGE.to}`, token);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(['agents', 'from', 'site', 'to']);
    const rows = res.json.agents as Record<string, unknown>[];
    expect(rows.map((r) => r.agentRef)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7']);
    expect(Object.keys(rows[0]!).sort()).toEqual([...TABLE_KEYS, 'name'].sort());
    expect(Object.keys(rows[1]!).sort()).toEqual(TABLE_KEYS);
    expect(rows[5]).toMatchObject({ agentRef: 'T6', ahtSeconds: 940, outlier: true });
    expect((await get(`site=DKR&from=${RANGE.from}&to=${RANGE.to}`, token)).status).toBe(404);
    expect((await get(`site=TUN&from=${RANGE.to}&to=${RANGE.from}`, token)).status).toBe(400);
    expect((await get(`site=TUN&from=${RANGE.from}&to=${RANGE.to}`)).status).toBe(401);
  });
});
