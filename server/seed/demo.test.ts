import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type DbHandle } from '@/db/client';
import { alertRules, auditLog, callRecords, dailyReports, digestSubscriptions, missions, missionTargets, qaEvaluations, siteAgents, siteCalendarPeriods, siteDay, siteFeeds, siteHolidays, sites, users } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { verifyPassword } from '@/server/auth/password';
import { compareRollups } from '@/server/ingest/testing';
import { computeKpis, emptyParts, sumParts, type KpiParts } from '@/lib/kpi/definitions';
import { calibrationGap } from '@/lib/kpi/qa';
import { localDay } from '@/server/ingest/rollup-reference';
import { siteDaysBetween } from '@/server/calendar/opening';
import { isOpenAtMinute } from '@/lib/calendar/hours';
import { publicHolidaysOf } from '@/server/calendar/holidays';
import { isDatabaseEmpty, seedDemo, type SeedDemoResult } from './demo';
import { outageOffsets } from './demo-days';
import { readDemoNetwork } from './demo-marker';

// A Monday, late morning in Paris: every site's today is under way (Antananarivo never closes).
const NOW = new Date('2026-11-16T10:30:00Z');
const DAYS = 10;

let first: DbHandle;
let second: DbHandle;
let firstResult: SeedDemoResult;
let secondResult: SeedDemoResult;

beforeAll(async () => {
  first = await createTestDb();
  second = await createTestDb();
  expect(await isDatabaseEmpty(first.db)).toBe(true);
  firstResult = await seedDemo(first.db, { now: NOW, days: DAYS, seed: 7 });
  secondResult = await seedDemo(second.db, { now: NOW, days: DAYS, seed: 7 });
}, 300_000);
afterAll(async () => {
  await first?.close();
  await second?.close();
});

/** A digest of a table's content, in a fixed order, without time stamps the database sets itself. */
async function checksum(h: DbHandle, query: string): Promise<string> {
  const [row] = rowsOf<{ md5: string }>(await h.db.execute(sql.raw(`select md5(coalesce(string_agg(t::text, '|'), '')) as md5 from (${query}) t`)));
  return row?.md5 ?? '';
}

const CHECKSUMS: Record<string, string> = {
  sites: 'select code, name, country, timezone, languages, kind, seats, sla_seconds from sites order by code',
  users: 'select email, name, role, site_id, locale, timezone from users order by email',
  call_records:
    'select site_id, external_id, direction, queue, agent_ref, started_at, wait_seconds, talk_seconds, hold_seconds, wrap_seconds, abandoned, resolved, csat, mission_code, outcome from call_records order by site_id, external_id',
  site_day: 'select * from (select site_id, day, calls, handled, handle_seconds, answered_within_sla, csat_sum, qa_evaluations, qa_score_sum from site_day) x order by site_id, day',
  site_queue_day: 'select site_id, day, queue, calls, handle_seconds from site_queue_day order by site_id, day, queue',
  site_mission_day: 'select * from site_mission_day order by site_id, day, mission_code, outcome',
  qa_evaluations:
    'select site_id, id, scope, external_id, form_id, agent_ref, call_external_id, evaluator, evaluated_at, score, critical_failed, comment, calibrates_id from qa_evaluations order by site_id, id',
  qa_scores: 'select * from qa_scores order by site_id, evaluation_id, criterion_id',
  daily_reports:
    'select site_id, day, scheduled_agents, present_agents, leavers, incidents, highlights, blockers, submitted_at, acknowledged_at, hq_comment from daily_reports order by site_id, day',
  missions: 'select m.code, m.starts_on, m.ends_on, m.success_outcomes, t.site_id, t.target from missions m join mission_targets t on t.mission_id = m.id order by m.code, t.site_id',
  kpi_targets: 'select site_id, metric, green, amber from kpi_targets order by site_id nulls first, metric',
  site_feeds: 'select * from site_feeds order by site_id',
  site_holidays: 'select site_id, holiday_key, year, name, library_date, observed_on, status from site_holidays order by site_id, holiday_key',
  site_calendar_periods: 'select site_id, kind, name, starts_on, ends_on, hours from site_calendar_periods order by site_id, starts_on',
  site_agents: 'select site_id, agent_ref, name, team, start_date, end_date from site_agents order by site_id, agent_ref',
};

async function siteIdOf(h: DbHandle, code: string): Promise<number> {
  const [site] = await h.db.select({ id: sites.id }).from(sites).where(eq(sites.code, code));
  if (!site) throw new Error(`no site ${code}`);
  return site.id;
}

async function partsOf(h: DbHandle, code: string, from?: string, to?: string): Promise<KpiParts> {
  const siteId = await siteIdOf(h, code);
  const rows = await h.db.select().from(siteDay).where(eq(siteDay.siteId, siteId));
  const picked = rows.filter((r) => (!from || r.day >= from) && (!to || r.day <= to));
  return sumParts(
    picked.map((r) => {
      const parts = emptyParts();
      for (const key of Object.keys(parts) as (keyof KpiParts)[]) parts[key] = Number(r[key]);
      return parts;
    }),
  );
}

describe('seedDemo', () => {
  it('is deterministic: the same seed and day give the same rows', async () => {
    expect(firstResult.counts).toEqual(secondResult.counts);
    for (const [table, query] of Object.entries(CHECKSUMS)) {
      expect(await checksum(first, query), table).toBe(await checksum(second, query));
    }
    expect(firstResult.counts.call_records).toBeGreaterThan(15_000);
    expect(firstResult.counts.qa_evaluations).toBeGreaterThan(500);
    expect(firstResult.ms).toBeGreaterThan(0);
  });

  it('refuses a database that already holds data', async () => {
    expect(await isDatabaseEmpty(first.db)).toBe(false);
    await expect(seedDemo(first.db, { now: NOW, days: 1 })).rejects.toThrow(/empty database/);
  });

  it('runs each site’s data up to now, today included, and writes the call rollups exactly', async () => {
    const days = await first.db.select({ day: siteDay.day }).from(siteDay);
    const sorted = days.map((d) => d.day).sort();
    expect(sorted[0]).toBe('2026-11-07');
    expect(sorted.at(-1)).toBe('2026-11-16');
    // Calls that ended by now, none begun or ending later; every site open this morning has some today.
    const [bounds] = rowsOf<{ started: string; ended: string }>(
      await first.db.execute(
        sql`select max(started_at) as started, max(started_at + make_interval(secs => wait_seconds + talk_seconds + hold_seconds + wrap_seconds)) as ended from call_records`,
      ),
    );
    expect(new Date(bounds!.ended).getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(new Date(bounds!.started).getTime()).toBeGreaterThan(NOW.getTime() - 15 * 60_000);
    for (const site of await first.db.select().from(sites)) {
      const today = await first.db.select().from(siteDay).where(and(eq(siteDay.siteId, site.id), eq(siteDay.day, '2026-11-16')));
      expect(today[0]?.calls ?? 0, site.code).toBeGreaterThan(0);
      const { actual, expected } = await compareRollups(first.db, site.id);
      expect(actual, site.code).toEqual(expected);
    }
  });

  it('writes calls and evaluations through the ingest path', async () => {
    const ingests = await first.db.select().from(auditLog).where(eq(auditLog.action, 'calls.ingest'));
    expect(ingests.length).toBeGreaterThanOrEqual(7);
    expect(ingests.reduce((n, a) => n + Number(a.details.inserted), 0)).toBe(firstResult.counts.call_records);
    const evaluations = await first.db.select().from(auditLog).where(eq(auditLog.action, 'evaluations.ingest'));
    const siteEvaluations = await first.db.select().from(qaEvaluations).where(eq(qaEvaluations.scope, 'site'));
    expect(evaluations.reduce((n, a) => n + Number(a.details.inserted), 0)).toBe(siteEvaluations.length);
    const feeds = await first.db.select().from(siteFeeds);
    expect(feeds).toHaveLength(7);
    for (const feed of feeds) expect(feed.lastCallPushAt!.getTime()).toBeLessThanOrEqual(NOW.getTime());
  });

  it('creates the demo accounts with the demo password and the HQ digests', async () => {
    const all = await first.db.select().from(users);
    expect(all.map((u) => u.email).sort()).toEqual(
      [
        'admin@demo.vigie',
        'hq@demo.vigie',
        ...['alg', 'cas', 'dkr', 'mru', 'par', 'tnr', 'tun'].map((c) => `lead.${c}@demo.vigie`),
      ].sort(),
    );
    const admin = all.find((u) => u.email === 'admin@demo.vigie')!;
    expect(admin.role).toBe('admin');
    expect(all.find((u) => u.email === 'hq@demo.vigie')?.role).toBe('hq_manager');
    const lead = all.find((u) => u.email === 'lead.cas@demo.vigie')!;
    expect(lead).toMatchObject({ role: 'site_lead', siteId: await siteIdOf(first, 'CAS') });
    expect(await verifyPassword(lead.passwordHash, process.env.VIGIE_DEMO_PASSWORD || 'vigie-demo')).toBe(true);

    const hq = all.find((u) => u.email === 'hq@demo.vigie')!;
    const digests = await first.db.select().from(digestSubscriptions).where(eq(digestSubscriptions.userId, hq.id));
    expect(digests.map((d) => [d.cadence, d.sendMinute, d.timezone, d.siteIds]).sort()).toEqual([
      ['daily', 420, 'Europe/Paris', null],
      ['weekly', 420, 'Europe/Paris', null],
    ]);
  });

  it('switches on the built-in alert rules', async () => {
    const rules = await first.db.select().from(alertRules);
    expect(rules.map((r) => [r.builtIn, r.enabled]).sort()).toEqual([
      ['feed-silent', true],
      ['mission-projection', true],
      ['report-missing', true],
      ['service-level-red', true],
    ]);
  });

  it('runs a retention mission now and an upsell mission that ended, with targets for every site', async () => {
    const rows = await first.db.select().from(missions);
    const byCode = Object.fromEntries(rows.map((m) => [m.code, m]));
    expect(byCode['RETAIN-WINTER']!.startsOn <= '2026-11-16' && byCode['RETAIN-WINTER']!.endsOn > '2026-11-16').toBe(true);
    expect(byCode['FIBRE-UPSELL']!.endsOn < '2026-11-16').toBe(true);
    const targets = await first.db.select().from(missionTargets);
    expect(targets).toHaveLength(14);
    for (const t of targets) expect(t.target).toBeGreaterThan(0);
    const [retained] = rowsOf<{ n: number }>(
      await first.db.execute(sql`select coalesce(sum(calls), 0)::int as n from site_mission_day where mission_code = 'RETAIN-WINTER' and outcome = 'retained'`),
    );
    expect(retained!.n).toBeGreaterThan(0);
  });

  it('gives two sites a roster naming every agent their calls carry, before their first call, with newcomers and leavers', async () => {
    for (const code of ['TUN', 'DKR']) {
      const siteId = await siteIdOf(first, code);
      const roster = await first.db.select().from(siteAgents).where(eq(siteAgents.siteId, siteId));
      const firstCalls = rowsOf<{ agent_ref: string; first_day: string }>(
        await first.db.execute(sql`select agent_ref, min(started_at)::date::text as first_day from call_records where site_id = ${siteId} and agent_ref is not null group by agent_ref`),
      );
      const byRef = new Map(roster.map((r) => [r.agentRef, r]));
      for (const { agent_ref, first_day } of firstCalls) {
        const person = byRef.get(agent_ref);
        expect(person?.name, agent_ref).toBeTruthy();
        expect(person!.startDate! <= first_day, `${agent_ref} starts ${person!.startDate}, first call ${first_day}`).toBe(true);
      }
      expect(roster.filter((r) => r.endDate !== null)).toHaveLength(3);
      expect(roster.length).toBe(firstCalls.length + 5);
    }
    const others = await first.db.select({ n: sql<number>`count(*)::int` }).from(siteAgents).innerJoin(sites, eq(sites.id, siteAgents.siteId)).where(sql`${sites.code} not in ('TUN', 'DKR')`);
    expect(others[0]!.n).toBe(0);
  });

  it('gives each site its character', async () => {
    const kpis = async (code: string) => computeKpis(await partsOf(first, code));
    const [tnr, mru, par, tun] = await Promise.all([kpis('TNR'), kpis('MRU'), kpis('PAR'), kpis('TUN')]);
    // Antananarivo cheap but slow, Port Louis excellent, Paris good.
    expect(tnr.ahtSeconds!).toBeGreaterThan(mru.ahtSeconds! + 90);
    expect(tnr.serviceLevel!).toBeLessThan(0.65);
    expect(mru.serviceLevel!).toBeGreaterThan(0.85);
    expect(mru.csat!).toBeGreaterThan(tnr.csat!);
    expect(par.serviceLevel!).toBeGreaterThan(tun.serviceLevel!);
    expect(mru.qaScore!).toBeGreaterThan(tnr.qaScore!);

    // Casablanca scores itself kindly: HQ's re-scores come out lower.
    const pairs = async (code: string) => {
      const siteId = await siteIdOf(first, code);
      const rows = rowsOf<{ site: number | null; hq: number | null }>(
        await first.db.execute(sql`
          select s.score as site, h.score as hq from qa_evaluations h
          join qa_evaluations s on s.site_id = h.site_id and s.id = h.calibrates_id
          where h.site_id = ${siteId} and h.scope = 'hq'`),
      );
      return rows.filter((r) => r.site !== null && r.hq !== null).map((r) => ({ site: Number(r.site), hq: Number(r.hq) }));
    };
    const cas = calibrationGap(await pairs('CAS'));
    const mruGap = calibrationGap(await pairs('MRU'));
    expect(cas.pairs).toBeGreaterThan(10);
    expect(cas.bias!).toBeGreaterThan(5);
    expect(Math.abs(mruGap.bias ?? 0)).toBeLessThan(cas.bias! / 2);

    // Tunis is weakest on the culture criterion.
    const [culture] = rowsOf<{ culture: number; others: number }>(
      await first.db.execute(sql`
        select avg(sc.score / c.max_score) filter (where c.category = 'culture') as culture,
               avg(sc.score / c.max_score) filter (where c.category in ('language', 'resolution', 'soft_skills')) as others
        from qa_scores sc join qa_criteria c on c.id = sc.criterion_id
        join qa_evaluations e on e.site_id = sc.site_id and e.id = sc.evaluation_id
        where e.site_id = ${await siteIdOf(first, 'TUN')} and e.scope = 'site'`),
    );
    expect(Number(culture!.culture)).toBeLessThan(Number(culture!.others) - 0.15);

    // Dakar forgets its daily reports; Port Louis never does (on its working days before today).
    const reportsOf = async (code: string) =>
      (await first.db.select().from(dailyReports).where(eq(dailyReports.siteId, await siteIdOf(first, code)))).length;
    const workingDaysBeforeToday = async (code: string) =>
      (await siteDaysBetween(first.db, await siteIdOf(first, code), '2026-11-07', '2026-11-15')).filter((d) => d.hours.length > 0).length;
    expect(await reportsOf('DKR')).toBeLessThan((await workingDaysBeforeToday('DKR')) * 0.85);
    expect(await reportsOf('MRU')).toBe(await workingDaysBeforeToday('MRU'));

    // Algiers loses its telephony for a week: few calls, many abandons.
    const outage = outageOffsets(DAYS);
    const day = (offset: number) => new Date(NOW.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const during = computeKpis(await partsOf(first, 'ALG', day(outage.from), day(outage.to)));
    const normal = computeKpis(await partsOf(first, 'TUN', day(outage.from), day(outage.to)));
    expect(during.abandonRate!).toBeGreaterThan(0.25);
    expect(normal.abandonRate!).toBeLessThan(0.1);
    const reports = await first.db
      .select()
      .from(dailyReports)
      .where(and(eq(dailyReports.siteId, await siteIdOf(first, 'ALG')), gte(dailyReports.day, day(outage.from)), lte(dailyReports.day, day(outage.to))));
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) expect(report.incidents.some((i) => i.category === 'telecom')).toBe(true);
  });

  it('gives the sites calendars: weekly hours, Sunday closures, one site around the clock, holidays, Ramadan hours', async () => {
    const all = await first.db.select().from(sites);
    const byCode = Object.fromEntries(all.map((s) => [s.code, s]));
    expect(byCode.PAR!.weeklyHours?.sun).toBeUndefined();
    expect(byCode.PAR!.weeklyHours?.mon).toEqual([['08:00', '19:00']]);
    expect(byCode.CAS!.weeklyHours?.sun?.length).toBeGreaterThan(0);
    expect(byCode.TNR!.weeklyHours).toBeNull();
    expect(byCode.TNR!.liveWindow).toBe('rolling24');

    // The library's public holidays of 2026 and 2027, confirmed; dropped where the site works through them.
    for (const site of all) {
      const rows = await first.db.select().from(siteHolidays).where(eq(siteHolidays.siteId, site.id));
      for (const year of [2026, 2027]) {
        const ofYear = rows.filter((r) => r.year === year);
        expect(ofYear.map((r) => r.holidayKey).sort(), `${site.code} ${year}`).toEqual(publicHolidaysOf(site.country, year).map((h) => h.holidayKey).sort());
        expect(new Set(ofYear.map((r) => r.status)), site.code).toEqual(new Set([site.code === 'TNR' ? 'dropped' : 'confirmed']));
      }
    }
    const periods = await first.db.select().from(siteCalendarPeriods);
    const ramadan = periods.map((p) => `${all.find((s) => s.id === p.siteId)!.code} ${p.kind} ${p.startsOn}`).sort();
    expect(ramadan).toEqual(['ALG special 2026-02-18', 'ALG special 2027-02-08', 'CAS special 2026-02-18', 'CAS special 2027-02-08', 'TUN special 2026-02-18', 'TUN special 2027-02-08']);

    expect(await readDemoNetwork(first.db)).toEqual({ seed: 7, totalDays: DAYS, referenceDay: '2026-11-16' });
  });

  it('draws no call on a closed day nor outside the opening hours of the day', async () => {
    const calls = await first.db
      .select({ siteId: callRecords.siteId, startedAt: callRecords.startedAt, localDay: callRecords.localDay })
      .from(callRecords);
    for (const site of await first.db.select().from(sites)) {
      const calendar = new Map((await siteDaysBetween(first.db, site.id, '2026-11-06', '2026-11-16')).map((d) => [d.date, d]));
      const closed = [...calendar.values()].filter((d) => d.hours.length === 0).map((d) => d.date);
      if (site.code !== 'TNR' && site.code !== 'CAS') expect(closed, site.code).toContain('2026-11-08'); // a Sunday
      // Paris closes on Armistice Day.
      if (site.code === 'PAR') expect(calendar.get('2026-11-11')?.kind).toBe('holiday');
      const rollups = await first.db.select().from(siteDay).where(eq(siteDay.siteId, site.id));
      for (const row of rollups) if (closed.includes(row.day)) expect(row.calls, `${site.code} ${row.day}`).toBe(0);
      for (const call of calls.filter((c) => c.siteId === site.id)) {
        const day = localDay(call.startedAt, site.timezone);
        const [h, m] = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: site.timezone })
          .format(call.startedAt)
          .split(':')
          .map(Number);
        expect(isOpenAtMinute(calendar.get(day)!.hours, h! * 60 + m!), `${site.code} ${call.startedAt.toISOString()}`).toBe(true);
      }
      // And no daily report on a closed day.
      const reports = await first.db.select({ day: dailyReports.day }).from(dailyReports).where(eq(dailyReports.siteId, site.id));
      for (const report of reports) expect(closed, `${site.code} report ${report.day}`).not.toContain(report.day);
    }
  });
});
