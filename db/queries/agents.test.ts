import { PART_KEYS } from '@/lib/kpi/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { agentDay, agentQaCategoryDay, agentQaDay, sites } from '../schema';
import { createTestDb } from '../testing';
import { readAgentCategorySums, readAgentDailySums, readAgentSums, readAgentWeeklyHandle, readAgentWeeklySums } from './agents';

let h: DbHandle;
let tun = 0;
let dkr = 0;

beforeAll(async () => {
  h = await createTestDb();
  const rows = await h.db
    .insert(sites)
    .values([
      { code: 'TUN', name: 'Tunis', country: 'TN', timezone: 'Africa/Tunis' },
      { code: 'DKR', name: 'Dakar', country: 'SN', timezone: 'Africa/Dakar' },
    ])
    .returning();
  tun = rows.find((r) => r.code === 'TUN')!.id;
  dkr = rows.find((r) => r.code === 'DKR')!.id;
  // 2024-12-29 is a Sunday, 2024-12-30 a Monday; 2025-01-05 a Sunday, 2025-01-06 a Monday.
  await h.db.insert(agentDay).values([
    { siteId: tun, day: '2024-12-29', agentRef: 'a1', calls: 3, handled: 2, handleSeconds: 400.5, holdSeconds: 30, wrapSeconds: 20, resolvedKnown: 2, resolvedTrue: 1 },
    { siteId: tun, day: '2024-12-30', agentRef: 'a1', calls: 4, handled: 4, handleSeconds: 1200, holdSeconds: 60, wrapSeconds: 40, csatResponses: 2, csatTop2: 1, csatSum: 7 },
    { siteId: tun, day: '2025-01-05', agentRef: 'a1', calls: 1, handled: 1, handleSeconds: 100 },
    { siteId: tun, day: '2025-01-06', agentRef: 'a1', calls: 2_000_000_000, handled: 1, handleSeconds: 50 },
    { siteId: tun, day: '2025-01-07', agentRef: 'a1', calls: 2_000_000_000, handled: 1, handleSeconds: 50 },
    { siteId: tun, day: '2024-12-30', agentRef: 'b2', calls: 5, handled: 5, handleSeconds: 1500 },
    { siteId: dkr, day: '2024-12-30', agentRef: 'a1', calls: 9, handled: 9, handleSeconds: 900 },
  ]);
  await h.db.insert(agentQaDay).values([
    { siteId: tun, day: '2024-12-31', agentRef: 'a1', evaluations: 2, scoredEvaluations: 2, scoreSum: 150.5, criticalFails: 1 },
    // An agent evaluated without a call in the period.
    { siteId: tun, day: '2025-01-02', agentRef: 'qa-only', evaluations: 1, scoredEvaluations: 0, scoreSum: 0, criticalFails: 0 },
  ]);
  await h.db.insert(agentQaCategoryDay).values([
    { siteId: tun, day: '2024-12-31', agentRef: 'a1', category: 'language', percentSum: 160, scores: 2 },
    { siteId: tun, day: '2025-01-02', agentRef: 'a1', category: 'language', percentSum: 50, scores: 1 },
    { siteId: tun, day: '2025-01-02', agentRef: 'a1', category: 'culture', percentSum: 100, scores: 1 },
    { siteId: dkr, day: '2025-01-02', agentRef: 'a1', category: 'culture', percentSum: 10, scores: 1 },
  ]);
});
afterAll(async () => {
  await h.close();
});

describe('readAgentSums', () => {
  it('sums each agent of a site over the days, calls and QA together, as numbers on either driver', async () => {
    const rows = await readAgentSums(h.db, { siteIds: [tun], from: '2024-12-29', to: '2025-01-05' });
    expect(rows.map((r) => r.agentRef)).toEqual(['a1', 'b2', 'qa-only']);
    const a1 = rows[0]!;
    expect(a1.siteId).toBe(tun);
    expect(a1.parts).toMatchObject({ calls: 8, handled: 7, handleSeconds: 1700.5, resolvedKnown: 2, resolvedTrue: 1, csatResponses: 2, csatTop2: 1, csatSum: 7 });
    expect(a1.parts).toMatchObject({ qaEvaluations: 2, qaScoredEvaluations: 2, qaScoreSum: 150.5 });
    expect(a1).toMatchObject({ criticalFails: 1, holdSeconds: 90, wrapSeconds: 60 });
    expect(Object.keys(a1.parts).sort()).toEqual([...PART_KEYS].sort());
    for (const value of Object.values(a1.parts)) expect(typeof value).toBe('number');
    expect(rows[2]!.parts).toMatchObject({ calls: 0, handled: 0, qaEvaluations: 1 });
    expect(rows[1]!.parts.qaEvaluations).toBe(0);
  });

  it('sums past the int4 range', async () => {
    const [a1] = await readAgentSums(h.db, { siteIds: [tun], from: '2025-01-06', to: '2025-01-07' });
    expect(a1!.parts.calls).toBe(4_000_000_000);
  });

  it('reads only the sites and agents asked for, and nothing for none', async () => {
    const both = await readAgentSums(h.db, { siteIds: [tun, dkr], from: '2024-12-30', to: '2024-12-30', agentRefs: ['a1'] });
    expect(both.map((r) => [r.siteId, r.agentRef, r.parts.handled])).toEqual(
      [
        [tun, 'a1', 4],
        [dkr, 'a1', 9],
      ].sort((a, b) => (a[0] as number) - (b[0] as number)),
    );
    expect(await readAgentSums(h.db, { siteIds: [], from: '2024-12-01', to: '2025-01-31' })).toEqual([]);
    expect(await readAgentSums(h.db, { siteIds: [tun], from: '2024-12-01', to: '2025-01-31', agentRefs: [] })).toEqual([]);
  });
});

describe('readAgentWeeklySums', () => {
  it('groups the stored days into ISO weeks starting on their Monday, across a year end', async () => {
    const rows = await readAgentWeeklySums(h.db, { siteId: tun, from: '2024-12-29', to: '2025-01-07' });
    expect(rows.map((r) => [r.weekStart, r.agentRef, r.parts.handled, r.parts.qaEvaluations])).toEqual([
      ['2024-12-23', 'a1', 2, 0],
      // Monday 30 December to Sunday 5 January: one week, with the evaluations of the 31st.
      ['2024-12-30', 'a1', 5, 2],
      ['2024-12-30', 'b2', 5, 0],
      ['2024-12-30', 'qa-only', 0, 1],
      ['2025-01-06', 'a1', 2, 0],
    ]);
    expect(rows.every((r) => r.siteId === tun)).toBe(true);
  });
});

describe('readAgentDailySums', () => {
  it('gives one agent’s sums per stored day', async () => {
    const rows = await readAgentDailySums(h.db, { siteId: tun, agentRef: 'a1', from: '2024-12-29', to: '2024-12-31' });
    expect(rows.map((r) => [r.day, r.parts.handled, r.parts.qaEvaluations, r.holdSeconds])).toEqual([
      ['2024-12-29', 2, 0, 30],
      ['2024-12-30', 4, 0, 60],
      ['2024-12-31', 0, 2, 0],
    ]);
  });
});

describe('readAgentCategorySums', () => {
  it('sums percentages and scores per agent and category', async () => {
    const rows = await readAgentCategorySums(h.db, { siteIds: [tun], from: '2024-12-01', to: '2025-01-31' });
    expect(rows).toEqual([
      { siteId: tun, agentRef: 'a1', category: 'language', percentSum: 210, scores: 3 },
      { siteId: tun, agentRef: 'a1', category: 'culture', percentSum: 100, scores: 1 },
    ]);
    expect(await readAgentCategorySums(h.db, { siteIds: [tun], from: '2025-01-02', to: '2025-01-02', agentRefs: ['nobody'] })).toEqual([]);
  });
});

describe('readAgentWeeklyHandle', () => {
  it('gives the handled calls and handle seconds of each agent and ISO week', async () => {
    const rows = await readAgentWeeklyHandle(h.db, { siteId: tun, from: '2024-12-29', to: '2025-01-07' });
    expect(rows.sort((a, b) => (a.weekStart + a.agentRef < b.weekStart + b.agentRef ? -1 : 1))).toEqual([
      { agentRef: 'a1', weekStart: '2024-12-23', handled: 2, handleSeconds: 400.5 },
      { agentRef: 'a1', weekStart: '2024-12-30', handled: 5, handleSeconds: 1300 },
      { agentRef: 'b2', weekStart: '2024-12-30', handled: 5, handleSeconds: 1500 },
      { agentRef: 'a1', weekStart: '2025-01-06', handled: 2, handleSeconds: 100 },
    ]);
  });
});
