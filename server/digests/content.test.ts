// A digest's content and its two parts, in English and French, on a real database filled through
// the real write paths (ingest, reports, missions, QA re-scores).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { kpiTargets, qaEvaluations } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { cliActor } from '@/server/auth/principal';
import { ingestCalls } from '@/server/ingest/calls';
import { createHqRescore } from '@/server/ingest/evaluations';
import { createMission } from '@/server/missions/service';
import { createQaAccounts, publishNewForm, pushEvaluations, siteKeyActor, type QaAccounts } from '@/server/qa/testing';
import { submitDailyReport } from '@/server/reports/service';
import { buildDigestContent, digestTotals, type DigestContent, type DigestRecipient } from './content';
import { renderDigest } from './render';
import { callsOn } from './testing';

let h: DbHandle;
let a: QaAccounts;
const NOW = new Date('2026-11-25T06:00:00Z');
const PERIOD = { from: '2026-11-24', to: '2026-11-24' };
const URL = 'https://vigie.example';

const recipient = (over: Partial<DigestRecipient> = {}): DigestRecipient => ({
  email: 'hq@x.test',
  name: 'Hugo HQ',
  role: 'hq_manager',
  siteId: null,
  locale: 'en',
  ...over,
});

async function content(over: Partial<DigestRecipient> = {}, siteIds: number[] | null = null): Promise<DigestContent> {
  return buildDigestContent(h.db, { recipient: recipient(over), cadence: 'daily', period: PERIOD, siteIds, now: NOW, publicUrl: URL });
}

beforeAll(async () => {
  h = await createTestDb();
  a = await createQaAccounts(h.db);
  const { tun, dkr } = a.sites;
  await h.db.insert(kpiTargets).values([
    { siteId: null, metric: 'service_level', green: 0.8, amber: 0.7 },
    { siteId: null, metric: 'aht', green: 330, amber: 400 },
    { siteId: null, metric: 'csat', green: 0.8, amber: 0.7 },
  ]);
  // Tunis: answered slowly on the 24th (service level 0, red), quickly the day before; fresh feed.
  await ingestCalls(h.db, {
    siteId: tun.id,
    actor: siteKeyActor,
    receivedAt: new Date('2026-11-25T05:00:00Z'),
    records: [
      ...callsOn('tun', '2026-11-24', '+01:00', 20, { waitSeconds: 60, talkSeconds: 300 }),
      ...callsOn('tun', '2026-11-23', '+01:00', 16, { waitSeconds: 5, talkSeconds: 300 }),
      ...callsOn('tun-m', '2026-11-21', '+01:00', 2, { waitSeconds: 5, talkSeconds: 300, missionCode: 'WINBACK', outcome: 'saved' }),
    ],
  });
  // Dakar: nothing on the 24th, and its feed has been silent for 36 hours.
  await ingestCalls(h.db, {
    siteId: dkr.id,
    actor: siteKeyActor,
    receivedAt: new Date('2026-11-23T18:00:00Z'),
    records: callsOn('dkr', '2026-11-23', '+00:00', 10, { waitSeconds: 5, talkSeconds: 200 }),
  });
  // Tunis files the 24th late (deadline 21:00 local = 20:00Z); Dakar does not file it at all.
  await submitDailyReport(h.db, {
    siteId: tun.id,
    actor: siteKeyActor,
    now: new Date('2026-11-24T22:00:00Z'),
    input: { date: '2026-11-24', scheduledAgents: 10, presentAgents: 9, leavers: 0, incidents: [], highlights: '', blockers: '' },
  });
  await createMission(h.db, cliActor(), {
    code: 'WINBACK',
    name: 'Winter win-back',
    startsOn: '2026-11-20',
    endsOn: '2026-11-29',
    successOutcomes: ['saved'],
    targets: [{ site: 'TUN', target: 100 }],
  });
  // Tunis scores itself 90; HQ re-scores three of them at 60: a +30 bias.
  await publishNewForm(h.db, 'STD', [
    { key: 'a', label: 'Language', category: 'language', weight: 1, maxScore: 10, critical: false },
    { key: 'b', label: 'Culture', category: 'culture', weight: 1, maxScore: 10, critical: false },
  ]);
  await pushEvaluations(
    h.db,
    tun.id,
    ['q1', 'q2', 'q3', 'q4'].map((id, i) => ({ externalId: id, evaluatedAt: `2026-11-${10 + i}T09:00:00Z`, scores: { a: 9, b: 9 } })),
  );
  for (const externalId of ['q1', 'q2', 'q3']) {
    const [row] = await h.db
      .select({ id: qaEvaluations.id })
      .from(qaEvaluations)
      .where(and(eq(qaEvaluations.siteId, tun.id), eq(qaEvaluations.externalId, externalId)));
    await createHqRescore(h.db, { siteId: tun.id, siteEvaluationId: row!.id, scores: { a: 6, b: 6 }, evaluator: 'HQ', actor: cliActor() });
  }
});

afterAll(async () => {
  await h.close();
});

describe('digest content', () => {
  it('puts the site in breach first, with its KPIs, changes and RAG from the comparison', async () => {
    const c = await content();
    expect(c.sites.map((s) => s.code)).toEqual(['TUN', 'DKR']);
    const tun = c.sites[0]!;
    expect(tun.handled).toBe(22 - 2); // the mission calls were on the 21st
    expect(tun.handledChange).toBe(20 - 16);
    expect(tun.cells.service_level).toEqual({ value: 0, previous: 1, change: -1, rag: 'red' });
    expect(tun.cells.aht).toMatchObject({ value: 330, change: 0, rag: 'green' });
    expect(tun.url).toBe(`${URL}/sites/TUN?from=2026-11-24&to=2026-11-24`);
    const dkr = c.sites[1]!;
    expect(dkr.handled).toBe(0);
    expect(dkr.cells.service_level).toEqual({ value: null, previous: 1, change: null, rag: null });
    expect(c.network.handled).toBe(20);
    expect(c.previous).toEqual({ from: '2026-11-23', to: '2026-11-23' });
  });

  it('lists breaches with their targets, late and missing reports, stale feeds, missions behind pace and calibration drift', async () => {
    const c = await content();
    expect(c.breaches).toEqual([{ site: { code: 'TUN', name: 'Tunis' }, metric: 'service_level', value: 0, target: { green: 0.8, amber: 0.7 }, change: -1 }]);
    expect(c.reports).toEqual([
      { code: 'DKR', name: 'Dakar', expected: 1, onTime: 0, missing: 1, late: 0, compliance: 0 },
      { code: 'TUN', name: 'Tunis', expected: 1, onTime: 0, missing: 0, late: 1, compliance: 0 },
    ]);
    expect(c.staleFeeds).toEqual([{ code: 'DKR', name: 'Dakar', lastPushAt: new Date('2026-11-23T18:00:00Z') }]);
    expect(c.missions).toHaveLength(1);
    expect(c.missions[0]).toMatchObject({ code: 'WINBACK', sites: [{ code: 'TUN', status: 'behind' }] });
    expect(c.missions[0]!.sites[0]!.completion).toBeCloseTo(0.02, 10);
    expect(c.calibration.window).toEqual({ from: '2026-10-28', to: '2026-11-24' });
    expect(c.calibration.drifts).toHaveLength(1);
    expect(c.calibration.drifts[0]).toMatchObject({ code: 'TUN', flag: 'inflated', pairs: 3 });
    expect(c.calibration.drifts[0]!.bias).toBeCloseTo(30, 6);
    expect(digestTotals(c)).toEqual({ breaches: 1, missingReports: 1, lateReports: 1, staleFeeds: 1, missionsBehind: 1, calibrationDrift: 1 });
    expect(c.links).toEqual({ dashboard: `${URL}/?from=2026-11-24&to=2026-11-24`, settings: `${URL}/settings/digests` });
  });

  it('gives a site lead their own site only, whatever the subscription names', async () => {
    const c = await content({ role: 'site_lead', siteId: a.sites.tun.id, email: 'lead.tun@x.test' }, [a.sites.dkr.id]);
    expect(c.sites.map((s) => s.code)).toEqual(['TUN']);
    const json = JSON.stringify({ ...c, network: null });
    expect(json).not.toContain('DKR');
    expect(json).not.toContain('Dakar');
    // With Dakar the only other site, the network minus Tunis would be Dakar: its figures are
    // withheld from the lead (server/kpi/lead-network.ts).
    expect(c.network.handled).toBe(0);
    expect(Object.values(c.network.cells).every((cell) => cell.value === null)).toBe(true);
    expect(c.links.dashboard).toBe(`${URL}/?from=2026-11-24&to=2026-11-24`);
  });

  it('keeps to the sites an HQ subscription names, in the figures and in the dashboard link', async () => {
    const c = await content({}, [a.sites.dkr.id]);
    expect(c.sites.map((s) => s.code)).toEqual(['DKR']);
    expect(c.breaches).toEqual([]);
    expect(c.missions).toEqual([]);
    expect(c.calibration.drifts).toEqual([]);
    // No agent on any call and no session: no coaching line (server/digests/content-coaching.test.ts has them).
    expect(c.coaching).toEqual([]);
    expect(c.reports.map((r) => r.code)).toEqual(['DKR']);
    expect(c.links.dashboard).toBe(`${URL}/?from=2026-11-24&to=2026-11-24&site=DKR`);
  });
});

const crlf = (s: string) => s.replace(/\r\n/g, '\n');

describe('rendered digest', () => {
  const unsubscribe = `${URL}/api/digests/unsubscribe?token=1.x`;

  it('writes the English HTML and text parts, subject and unsubscribe headers', async () => {
    const email = await renderDigest(await content(), { unsubscribeUrl: unsubscribe, timeZone: 'Europe/Paris' });
    expect(email.subject).toBe('Vigie daily — 24 Nov 2026 — 1 breach');
    expect(email.headers).toEqual({
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    });
    expect(email.html).toMatch(/^<!DOCTYPE html/);
    expect(email.html).toMatch(/<html [^>]*lang="en"/);
    for (const fragment of ['Daily digest', 'Tuesday, 24 November 2026', 'Hello Hugo HQ,', 'Breaches', 'Service level 0.0% (target ≥ 80.0%)', '5:30', '-100.0 pts']) {
      expect(email.html).toContain(fragment);
    }
    expect(email.html).toContain(`href="${URL}/?from=2026-11-24&amp;to=2026-11-24"`);
    expect(email.html).toContain(`href="${unsubscribe}"`);
    const text = email.text;
    expect(text).toContain('VIGIE — Daily digest');
    expect(text).toContain('1 breach · 1 missing daily report · 1 late daily report · 1 stale feed · 1 mission behind pace · 1 site with QA calibration drift');
    expect(text).toMatch(/TUN — Tunis\n {2}Handled 20 \(\+4\) · AHT 5:30 \(0 s\) · Service level 0\.0% \(-100\.0 pts\) \[breach\]/);
    expect(text).toContain('- TUN Tunis: Service level 0.0% (target ≥ 80.0%) -100.0 pts');
    expect(text).toContain('- DKR Dakar: 1 missing out of 1 day due');
    expect(text).toContain('- TUN Tunis: 1 late out of 1 day due');
    expect(text).toContain('- DKR Dakar: last push 36 hours ago (23 Nov 2026, 19:00)');
    expect(text).toContain('Winter win-back (WINBACK, 20 Nov 2026 to 29 Nov 2026)');
    expect(text).toContain('- TUN Tunis: scores itself 30.0 points above HQ over 3 re-scored evaluations');
    expect(text).toContain('No outlier flag and no coaching session in the period.');
    expect(text).toContain(`Open the dashboard for this period: ${URL}/?from=2026-11-24&to=2026-11-24`);
    expect(text).toContain(`Unsubscribe: ${unsubscribe}`);
    expect(text).not.toContain('<');
  });

  it('writes the French parts in French, numbers and dates in French', async () => {
    const email = await renderDigest(await content({ locale: 'fr', name: 'Claire Dubois' }), { unsubscribeUrl: unsubscribe, timeZone: 'Europe/Paris' });
    expect(email.subject).toBe('Vigie quotidien — 24 nov. 2026 — 1 dépassement');
    expect(email.html).toMatch(/<html [^>]*lang="fr"/);
    for (const fragment of ['Synthèse quotidienne', 'mardi 24 novembre 2026', 'Bonjour Claire Dubois,', 'Dépassements', 'Niveau de service 0,0', 'objectif ≥ 80,0']) {
      expect(email.html).toContain(fragment);
    }
    const text = crlf(email.text);
    expect(text).toContain('VIGIE — Synthèse quotidienne');
    expect(text).toContain('1 dépassement · 1 rapport quotidien manquant · 1 rapport quotidien en retard');
    expect(text).toMatch(/Niveau de service 0,0\s?% \(-100,0 pts\) \[dépassement\]/);
    expect(text).toContain('- DKR Dakar: 1 manquant sur 1 jour dû');
    expect(text).toContain('se note 30,0 points au-dessus du siège sur 3 évaluations recalibrées');
    expect(text).toContain('Ouvrir le tableau de bord sur cette période');
    expect(text).toContain('Se désabonner: ');
    expect(text).not.toMatch(/\b(Breaches|Hello|missing daily report)\b/);
  });

  it('names a week in the subject of a weekly digest, and says so when no figure is in breach', async () => {
    const c = await buildDigestContent(h.db, {
      recipient: recipient(),
      cadence: 'weekly',
      period: { from: '2026-11-02', to: '2026-11-08' },
      siteIds: [a.sites.dkr.id],
      now: new Date('2026-11-09T06:00:00Z'),
      publicUrl: URL,
    });
    const email = await renderDigest(c, { unsubscribeUrl: unsubscribe, timeZone: 'Europe/Paris', test: true });
        // Intl writes the range with its own dash and spacing.
    expect(email.subject).toMatch(/^\[Test\] Vigie weekly — 2\s?–\s?8 Nov 2026 — no breach$/);
    expect(email.text).toMatch(/Week of 2\s?–\s?8 November 2026/);
    expect(email.text).toContain('No figure is in breach of its target.');
  });
});
