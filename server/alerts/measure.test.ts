// What a tick measures for the metrics read "now" and the site-local days: live queue statuses
// (a stale one gives no value), a feed's silence counted in opening hours, a daily report missing
// at its deadline (a closed day owes none), a mission's projection, and "today" as each site's
// own local day, never the database's, and a day's service level without the calls offered out of
// hours when the site's settings say so.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { eq } from 'drizzle-orm';
import { queueStatusLatest, siteFeeds, sites, type AlertRuleRow } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { cliActor } from '@/server/auth/principal';
import { ingestCalls } from '@/server/ingest/calls';
import { ingestEvaluations } from '@/server/ingest/evaluations';
import { createMission } from '@/server/missions/service';
import { publishNewForm, siteKeyActor } from '@/server/qa/testing';
import { submitDailyReport } from '@/server/reports/service';
import { makeSite } from '@/test/fixtures';
import { measureRules, type MeasuredScope } from './measure';

// Monday 30 November 2026, 10:00Z: 11:00 at Tunis and Algiers, 10:00 at Dakar.
const NOW = new Date('2026-11-30T10:00:00Z');
const OFFICE = { mon: [['08:00', '18:00']], tue: [['08:00', '18:00']], wed: [['08:00', '18:00']], thu: [['08:00', '18:00']], fri: [['08:00', '18:00']] } as const;
const LONG_AGO = new Date('2026-01-01T00:00:00Z');

let h: DbHandle;
let tun: { id: number };
let alg: { id: number };
let dkr: { id: number };

beforeEach(async () => {
  h = await createTestDb();
  tun = await makeSite(h.db, { code: 'TUN', name: 'Tunis', country: 'TN', timezone: 'Africa/Tunis', createdAt: LONG_AGO });
  alg = await makeSite(h.db, {
    code: 'ALG',
    name: 'Alger',
    country: 'DZ',
    timezone: 'Africa/Algiers',
    createdAt: LONG_AGO,
    weeklyHours: { ...OFFICE, sat: [['08:00', '13:00']] } as never,
  });
  dkr = await makeSite(h.db, { code: 'DKR', name: 'Dakar', country: 'SN', timezone: 'Africa/Dakar', createdAt: LONG_AGO, weeklyHours: OFFICE as never });
});
afterEach(() => h.close());

let nextId = 0;
function ruleRow(over: Partial<AlertRuleRow>): AlertRuleRow {
  return {
    id: ++nextId,
    name: 'rule',
    metric: 'callsWaiting',
    siteIds: [],
    queues: [],
    network: false,
    window: null,
    comparison: 'above',
    threshold: 1,
    thresholdTarget: null,
    minVolume: 0,
    holdMinutes: 0,
    renotifyMinutes: null,
    severity: 'warning',
    channels: [],
    quietWhenClosed: true,
    enabled: true,
    builtIn: null,
    createdBy: null,
    createdAt: LONG_AGO,
    updatedAt: LONG_AGO,
    ...over,
  };
}

async function measure(rule: AlertRuleRow): Promise<Record<string, MeasuredScope>> {
  const scopes = (await measureRules(h.db, [rule], NOW)).get(rule.id)!;
  return Object.fromEntries(scopes.map((s) => [s.scopeKey, s]));
}

const status = (siteId: number, queue: string, at: string, waiting: number, longestWaitSeconds: number) => ({
  siteId,
  queue,
  at: new Date(at),
  receivedAt: new Date(at),
  waiting,
  longestWaitSeconds,
  agentsAvailable: 1,
  agentsBusy: 1,
  agentsWrapUp: 0,
  agentsAway: 0,
});

describe('measuring', () => {
  it('reads live queues now, leaving stale statuses out and a site with only stale ones without a value', async () => {
    await h.db.insert(queueStatusLatest).values([
      status(tun.id, 'support', '2026-11-30T09:59:30Z', 3, 40),
      status(tun.id, 'sales', '2026-11-30T09:59:00Z', 2, 95),
      status(tun.id, 'vip', '2026-11-30T09:50:00Z', 9, 900),
      status(alg.id, 'support', '2026-11-30T09:40:00Z', 7, 300),
    ]);
    const waiting = await measure(ruleRow({ metric: 'callsWaiting', siteIds: [tun.id, alg.id] }));
    expect(waiting.TUN).toMatchObject({ value: 5, volume: null, figures: { detail: '2 queue(s) with a fresh status, 1 stale left out', to: '2026-11-30T09:59:30.000Z' } });
    expect(waiting.ALG).toMatchObject({ value: null, figures: { detail: 'every queue status is stale' } });
    const longest = await measure(ruleRow({ metric: 'longestWaitSeconds', siteIds: [tun.id], queues: ['sales', 'vip'] }));
    expect(longest['TUN/sales']!.value).toBe(95);
    expect(longest['TUN/vip']!.value).toBeNull();
  });

  it('counts a feed’s silence in opening hours only', async () => {
    // Dakar (office hours, UTC+0) last pushed Friday 17:00: one opening hour that day and two on Monday.
    // Tunis (open around the clock) pushed 10 minutes ago; Algiers never pushed.
    await h.db.insert(siteFeeds).values([
      { siteId: dkr.id, lastPushAt: new Date('2026-11-27T17:00:00Z') },
      { siteId: tun.id, lastPushAt: new Date('2026-11-30T09:50:00Z') },
    ]);
    const silent = await measure(ruleRow({ metric: 'feedSilentMinutes', threshold: 30 }));
    expect(silent.DKR).toMatchObject({ value: 180, closed: false, figures: { from: '2026-11-27T17:00:00.000Z' } });
    expect(silent.TUN!.value).toBe(10);
    expect(silent.ALG).toMatchObject({ value: null, figures: { detail: 'the site never pushed' } });
  });

  it('says a report is missing once its deadline has passed, never for a day the site was closed', async () => {
    // At 11:00 local the latest deadline passed is Sunday's (21:00): Tunis works Sundays and owes
    // one; Algiers and Dakar are closed on Sundays.
    const sunday = await measure(ruleRow({ metric: 'reportMissing', threshold: 0.5 }));
    expect(sunday.TUN).toMatchObject({ value: 1, figures: { detail: expect.stringContaining('daily report for 2026-11-29, due 2026-11-29T20:00:00.000Z: missing') } });
    expect(sunday.ALG!.value).toBe(0);
    expect(sunday.DKR!.value).toBe(0);
    await submitDailyReport(h.db, {
      siteId: tun.id,
      actor: cliActor(),
      now: new Date('2026-11-30T08:00:00Z'),
      input: { date: '2026-11-29', scheduledAgents: 10, presentAgents: 9, leavers: 0, incidents: [], highlights: '', blockers: '' },
    });
    expect((await measure(ruleRow({ metric: 'reportMissing', threshold: 0.5, siteIds: [tun.id] }))).TUN!.value).toBe(0);
  });

  it('gives each site its lowest projection over its running missions, naming the mission', async () => {
    await createMission(h.db, cliActor(), {
      code: 'WINBACK',
      name: 'Winter win-back',
      startsOn: '2026-11-23',
      endsOn: '2026-12-06',
      successOutcomes: ['saved'],
      targets: [{ site: 'TUN', target: 100 }],
    });
    // 10 saves on the 24th: 10 in 7 complete days of 14 projects 20 of 100.
    await ingestCalls(h.db, {
      siteId: tun.id,
      actor: cliActor(),
      records: Array.from({ length: 10 }, (_, i) => ({
        externalId: `m${i}`,
        startedAt: `2026-11-24T09:0${i}:00Z`,
        direction: 'outbound',
        queue: 'winback',
        waitSeconds: 0,
        talkSeconds: 300,
        holdSeconds: 0,
        wrapSeconds: 20,
        abandoned: false,
        missionCode: 'WINBACK',
        outcome: 'saved',
      })),
    });
    const projection = await measure(ruleRow({ metric: 'missionProjection', comparison: 'below', threshold: 0.9 }));
    expect(projection.TUN).toMatchObject({ value: 0.2, figures: { numerator: 20, denominator: 100, detail: expect.stringContaining('WINBACK (Winter win-back)') } });
    expect(projection.DKR!.value).toBeNull();
  });

  it('reads "today" as each site’s own local day', async () => {
    // 23:30Z on the 29th is already the 30th at Tunis (UTC+1), still the 29th at Dakar (UTC+0).
    for (const site of [tun, dkr]) {
      await ingestCalls(h.db, {
        siteId: site.id,
        actor: cliActor(),
        records: Array.from({ length: 4 }, (_, i) => ({
          externalId: `late-${i}`,
          startedAt: `2026-11-29T23:3${i}:00Z`,
          direction: 'inbound',
          queue: 'support',
          waitSeconds: 10,
          talkSeconds: 100,
          holdSeconds: 0,
          wrapSeconds: 0,
          abandoned: false,
        })),
      });
    }
    const today = await measure(ruleRow({ metric: 'offered', window: { period: 'today' }, siteIds: [tun.id, dkr.id], quietWhenClosed: false }));
    expect([today.TUN!.value, today.DKR!.value]).toEqual([4, 0]);
    expect(today.TUN!.figures).toMatchObject({ from: '2026-11-29T23:00:00.000Z', to: NOW.toISOString() });
    const yesterday = await measure(ruleRow({ metric: 'offered', window: { period: 'yesterday' }, siteIds: [tun.id, dkr.id], quietWhenClosed: false }));
    expect([yesterday.TUN!.value, yesterday.DKR!.value]).toEqual([0, 4]);
  });

  it('leaves a day’s calls offered out of hours out of the service level of a site whose settings say so, as the comparison does', async () => {
    let n = 0;
    const calls = async (siteId: number, from: string, count: number, waitSeconds: number) =>
      ingestCalls(h.db, {
        siteId,
        actor: cliActor(),
        records: Array.from({ length: count }, (_, i) => ({
          externalId: `oh-${++n}`,
          startedAt: new Date(Date.parse(from) + i * 60_000).toISOString(),
          direction: 'inbound' as const,
          queue: 'support',
          waitSeconds,
          talkSeconds: 100,
          holdSeconds: 0,
          wrapSeconds: 0,
          abandoned: false,
        })),
      });
    // Dakar opens at 08:00 (UTC+0): ten slow calls before, thirty quick ones after; Tunis is open
    // around the clock, ten quick calls.
    await calls(dkr.id, '2026-11-30T07:00:00Z', 10, 300);
    await calls(dkr.id, '2026-11-30T08:30:00Z', 30, 5);
    await calls(tun.id, '2026-11-30T08:30:00Z', 10, 5);
    const sl = (over: Partial<AlertRuleRow>) => measure(ruleRow({ metric: 'serviceLevel', comparison: 'below', threshold: 0.8, window: { period: 'today' }, siteIds: [dkr.id, tun.id], ...over }));

    expect((await sl({})).DKR).toMatchObject({ value: 0.75, volume: 40, figures: { numerator: 30, denominator: 40 } });
    await h.db.update(sites).set({ slExcludesOutOfHours: true }).where(eq(sites.id, dkr.id));
    const excluding = await sl({});
    expect(excluding.DKR).toMatchObject({ value: 1, volume: 30, figures: { numerator: 30, denominator: 30, detail: expect.stringContaining('10 call(s) offered out of hours left out') } });
    expect(excluding.TUN).toMatchObject({ value: 1, volume: 10 });
    // The network leaves out what its sites leave out: 40 of 40, not 40 of 50.
    expect((await sl({ network: true })).network).toMatchObject({ value: 1, figures: { numerator: 40, denominator: 40 } });
    // Not counted by queue, nor over a trailing window, nor for another metric.
    expect((await sl({ queues: ['support'] }))['DKR/support']).toMatchObject({ value: 0.75 });
    expect((await sl({ window: { trailingMinutes: 240 } })).DKR).toMatchObject({ value: 0.75 });
    expect((await sl({ metric: 'offered', comparison: 'above', threshold: 100 })).DKR).toMatchObject({ value: 40 });
  });

  it('scores QA from the site’s own evaluations of the window, critical fails counted, the network from the sums', async () => {
    await publishNewForm(h.db, 'STD', [
      { key: 'tone', label: 'Tone', category: 'soft_skills', weight: 1, maxScore: 10, critical: false },
      { key: 'gdpr', label: 'GDPR', category: 'compliance', weight: 1, maxScore: 10, critical: true },
    ]);
    const evaluation = (id: string, at: string, tone: number, gdpr: number) => ({ externalId: id, evaluatedAt: at, formCode: 'STD', agentRef: 'A1', evaluator: 'QA', scores: { tone, gdpr } });
    // Tunis: 100 and 0 (GDPR failed) in the last hour, one at 50 three hours ago. Dakar: 80.
    await ingestEvaluations(h.db, {
      siteId: tun.id,
      actor: siteKeyActor,
      evaluations: [evaluation('t1', '2026-11-30T09:20:00Z', 10, 10), evaluation('t2', '2026-11-30T09:40:00Z', 10, 0), evaluation('t3', '2026-11-30T07:00:00Z', 5, 5)],
    });
    await ingestEvaluations(h.db, { siteId: dkr.id, actor: siteKeyActor, evaluations: [evaluation('d1', '2026-11-30T09:30:00Z', 8, 8)] });
    const hour = { trailingMinutes: 60 };
    const score = await measure(ruleRow({ metric: 'qaScore', window: hour, comparison: 'below', threshold: 70, siteIds: [tun.id, dkr.id], quietWhenClosed: false }));
    expect(score.TUN).toMatchObject({ value: 50, volume: 2, figures: { numerator: 100, denominator: 2 } });
    expect(score.DKR!.value).toBe(80);
    const fails = await measure(ruleRow({ metric: 'qaCriticalFails', window: { period: 'today' }, siteIds: [tun.id], quietWhenClosed: false }));
    expect(fails.TUN).toMatchObject({ value: 1, volume: 3 });
    const network = await measure(ruleRow({ metric: 'qaScore', window: hour, comparison: 'below', threshold: 70, network: true, quietWhenClosed: false }));
    // (100 + 0 + 80) ÷ 3 = 60, not the mean of the sites' 50 and 80.
    expect(network.network).toMatchObject({ value: 60, volume: 3, siteId: null });
  });

  it('marks a site closed by its calendar for a rule that keeps quiet then, and only for it', async () => {
    // Saturday 16:00 at Algiers: closed since 13:00. Dakar is closed all Saturday.
    const saturday = new Date('2026-11-28T15:00:00Z');
    const quiet = ruleRow({ metric: 'callsWaiting' });
    const loud = ruleRow({ metric: 'callsWaiting', quietWhenClosed: false });
    const measured = await measureRules(h.db, [quiet, loud], saturday);
    const closed = (id: number) => Object.fromEntries(measured.get(id)!.map((s) => [s.scopeKey, s.closed]));
    expect(closed(quiet.id)).toEqual({ ALG: true, DKR: true, TUN: false });
    expect(closed(loud.id)).toEqual({ ALG: false, DKR: false, TUN: false });
  });
});
