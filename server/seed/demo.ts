// The demo network: seven sites with months of believable, reproducible data. Call records and
// site QA evaluations go through the ingest path of the API (ingestCalls, ingestEvaluations,
// createHqRescores), so the demo's rollups are made exactly as production's are.
//
// Each site has a character a manager recognises (and a contract in its real form,
// db/seed/demo-contracts.ts):
// - PAR Paris (onshore): expensive and good: short waits, high satisfaction and QA, reports on time.
// - TUN Tunis: solid on every call KPI, but weak on the "culture" QA category.
// - CAS Casablanca: scores its own QA kindly: HQ's re-scores come out about 12 points lower.
// - ALG Algiers: a telecom outage week about five weeks ago: few calls, very high abandons.
// - DKR Dakar: ordinary calls, but about 40% of its daily reports never arrive.
// - MRU Port Louis: excellent: best service level, satisfaction, first-contact resolution and QA —
//   but short of agents the last two weeks of the last full month, when it missed its contract's
//   weekly service level and paid the penalty.
// - TNR Antananarivo: cheap but slow: long handle times, low service level, power cuts.
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { addDays, localDayOf, localMidnight } from '@/db/local-time';
import {
  auditLog,
  callRecords,
  dailyReports,
  digestSubscriptions,
  exchangeRates,
  kpiTargets,
  missions,
  missionTargets,
  qaCriteria,
  qaEvaluations,
  qaForms,
  qaScores,
  siteAgents,
  siteContracts,
  siteDay,
  siteFeeds,
  siteMissionDay,
  siteQueueDay,
  sites,
  users,
} from '@/db/schema';
import { PUBLIC_PASSWORD_HASH_KEY } from '@/db/queries/public-password';
import { putSetting } from '@/db/queries/settings';
import { hashPassword } from '@/server/auth/password';
import { safeEqual } from '@/server/auth/secrets';
import type { Actor } from '@/server/auth/principal';
import { MAX_BATCH } from '@/lib/ingest/call-record.schema';
import { ingestCalls } from '@/server/ingest/calls';
import { createHqRescores, ingestEvaluations } from '@/server/ingest/evaluations';
import type { IngestResult } from '@/server/ingest/ingest-result';
import { callEndMs, expectedMissionSuccesses, generateSiteCalls, type DemoDay } from '@/db/seed/demo-calls';
import { generateSiteRoster } from '@/db/seed/demo-roster';
import { upsertRosterRows } from '@/db/queries/roster';
import {
  DEMO_ADMIN,
  DEMO_HQ,
  DEMO_MISSIONS,
  PUBLIC_DEMO_PASSWORD,
  DEMO_SITES,
  demoLeadEmail,
  HQ_EVALUATOR,
  NETWORK_TARGETS,
  SITE_TARGETS,
  STD_CRITERIA,
  STD_FORM,
  type SiteProfile,
} from '@/db/seed/demo-network';
import { generateSiteEvaluations } from '@/db/seed/demo-qa';
import { monthsBetween, seedDemoContracts } from '@/db/seed/demo-contracts';
import { generateSiteReports } from '@/db/seed/demo-reports';
import { createRandom, hashString } from '@/db/seed/random';
import { ensureBuiltInAlertRules } from '@/server/alerts/built-in';
import { siteCalendarsBetween } from '@/server/calendar/opening';
import { seedDemoCalendars } from './demo-calendars';
import { demoDayOf, isOutageDay, isUnderstaffedDay, type DemoShape } from './demo-days';
import { markDemoNetwork } from './demo-marker';

/** The demo accounts' password: VIGIE_DEMO_PASSWORD, or the public one. */
export function demoPassword(env: Record<string, string | undefined> = process.env): string {
  return env.VIGIE_DEMO_PASSWORD || PUBLIC_DEMO_PASSWORD;
}

export type SeedDemoOptions = {
  /**
   * The instant the demo stands at; each site's data runs up to it (its local today so far, the
   * calls that ended by then). Default: the current instant.
   */
  now?: Date;
  /** Days of history. */
  days?: number;
  seed?: number;
};

export type SeedDemoResult = { counts: Record<string, number>; ms: number };

export const DEFAULT_DEMO_DAYS = 120;
export const DEFAULT_DEMO_SEED = 20_260_101;
const DAY_MS = 86_400_000;

const SEED_ACTOR: Actor = { actorType: 'system', actorId: null, actorLabel: 'demo seed' };

/** True when the database holds no site and no user: the only state the demo seed loads into. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [anySite] = await db.select({ id: sites.id }).from(sites).limit(1);
  if (anySite) return false;
  const [anyUser] = await db.select({ id: users.id }).from(users).limit(1);
  return !anyUser;
}

function dayKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function assertAllAccepted(what: string, result: IngestResult) {
  if (result.rejected.length > 0) {
    const first = result.rejected[0];
    throw new Error(`The demo seed produced ${result.rejected.length} invalid ${what}, e.g. ${JSON.stringify(first)}`);
  }
}

/**
 * Batches of whole days, so that no day is rolled up twice. A day with more calls than a batch
 * holds is split. `dayOf` gives the day of an item; items come in day order.
 */
function dayAlignedChunks<T>(items: readonly T[], size: number, dayOf: (item: T) => string): T[][] {
  const out: T[][] = [];
  let batch: T[] = [];
  let dayStart = 0;
  let currentDay: string | null = null;
  for (const item of items) {
    const day = dayOf(item);
    if (day !== currentDay) {
      dayStart = batch.length;
      currentDay = day;
    }
    batch.push(item);
    if (batch.length > size) {
      const cut = dayStart > 0 ? dayStart : size;
      out.push(batch.slice(0, cut));
      batch = batch.slice(cut);
      dayStart = 0;
    }
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function seedDemo(db: Db, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const totalDays = Math.max(1, Math.floor(options.days ?? DEFAULT_DEMO_DAYS));
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const nowMs = now.getTime();
  if (!(await isDatabaseEmpty(db))) throw new Error('The demo seed loads only into an empty database');

  const shape: DemoShape = { seed, totalDays, referenceDay: dayKey(nowMs) };
  const referenceMs = Date.parse(`${shape.referenceDay}T00:00:00Z`);
  const firstDay = addDays(shape.referenceDay, -(totalDays - 1));

  // ── Sites, their calendars, people, reference data ─────────────────────────────────────────
  const siteRows = await db
    .insert(sites)
    .values(
      DEMO_SITES.map((p) => ({
        code: p.code,
        name: p.name,
        country: p.country,
        timezone: p.timezone,
        languages: p.languages,
        kind: p.kind,
        seats: p.seats,
        slaSeconds: p.slaSeconds,
        weeklyHours: p.weeklyHours,
        liveWindow: p.liveWindow,
      })),
    )
    .returning({ id: sites.id, code: sites.code, country: sites.country, reportDeadlineMinute: sites.reportDeadlineMinute });
  const siteByCode = new Map(siteRows.map((s) => [s.code, s]));
  const siteIdOf = (code: string) => {
    const site = siteByCode.get(code);
    if (!site) throw new Error(`Unknown demo site ${code}`);
    return site.id;
  };

  // Holidays of every year the history, the missions and the next year reach (2026 and 2027 at least).
  const lastCalendarDay = addDays(shape.referenceDay, Math.max(0, ...DEMO_MISSIONS.map((m) => m.endOffset)) + 1);
  const years: number[] = [];
  for (let y = Math.min(2026, Number(addDays(firstDay, -1).slice(0, 4))); y <= Math.max(2027, Number(lastCalendarDay.slice(0, 4))); y++) years.push(y);
  await seedDemoCalendars(
    db,
    DEMO_SITES.map((profile) => ({ id: siteIdOf(profile.code), country: profile.country, profile })),
    years,
  );
  // Every site's days, from the day before the first seeded one (a site ahead of UTC) to the missions' end.
  const calendars = await siteCalendarsBetween(db, siteRows.map((s) => s.id), addDays(firstDay, -1), lastCalendarDay);
  const demoDaysOf = (profile: SiteProfile, from: string, to: string): DemoDay[] => {
    const calendar = calendars.get(siteIdOf(profile.code));
    if (!calendar) throw new Error(`No calendar for demo site ${profile.code}`);
    return calendar.days.filter((d) => d.date >= from && d.date <= to).map((d) => demoDayOf(d, profile.weeklyHours, shape));
  };

  // One hash for every demo account: Argon2 is slow on purpose.
  const password = demoPassword();
  const passwordHash = await hashPassword(password);
  // The README's password is public: recorded so that the server knows which accounts still have it.
  if (safeEqual(password, PUBLIC_DEMO_PASSWORD)) await putSetting(db, PUBLIC_PASSWORD_HASH_KEY, passwordHash);
  const [admin, hq] = await db
    .insert(users)
    .values([
      { ...DEMO_ADMIN, role: 'admin' as const, passwordHash },
      { ...DEMO_HQ, role: 'hq_manager' as const, passwordHash },
    ])
    .returning({ id: users.id });
  if (!admin || !hq) throw new Error('Demo users were not created');
  await db.insert(users).values(
    DEMO_SITES.map((p) => ({
      email: demoLeadEmail(p.code),
      name: p.lead.name,
      role: 'site_lead' as const,
      siteId: siteIdOf(p.code),
      locale: p.lead.locale,
      timezone: p.timezone,
      passwordHash,
    })),
  );

  // Contracts in force all year, and HQ's rates for every month the data reaches (a site ahead of
  // UTC may already be in the next day).
  await seedDemoContracts(db, siteIdOf, monthsBetween(addDays(firstDay, -1), addDays(shape.referenceDay, 1)), seed, admin.id);

  await db.insert(kpiTargets).values([
    ...Object.entries(NETWORK_TARGETS).map(([metric, bounds]) => ({ metric: metric as keyof typeof NETWORK_TARGETS, ...bounds })),
    ...SITE_TARGETS.map((t) => ({ siteId: siteIdOf(t.code), metric: t.metric, green: t.green, amber: t.amber })),
  ]);

  const [form] = await db
    .insert(qaForms)
    .values({ ...STD_FORM, status: 'published', publishedAt: new Date(referenceMs - (totalDays + 29) * DAY_MS) })
    .returning({ id: qaForms.id });
  if (!form) throw new Error('Demo QA form was not created');
  await db.insert(qaCriteria).values(STD_CRITERIA.map((c, position) => ({ ...c, formId: form.id, position })));

  for (const mission of DEMO_MISSIONS) {
    const startsOn = addDays(shape.referenceDay, mission.startOffset);
    const endsOn = addDays(shape.referenceDay, mission.endOffset);
    const [row] = await db
      .insert(missions)
      .values({ code: mission.code, name: mission.name, description: mission.description, startsOn, endsOn, successOutcomes: mission.successOutcomes, createdBy: hq.id })
      .returning({ id: missions.id });
    if (!row) throw new Error('Demo mission was not created');
    await db.insert(missionTargets).values(
      DEMO_SITES.map((p) => ({
        missionId: row.id,
        siteId: siteIdOf(p.code),
        target: Math.max(1, Math.round(expectedMissionSuccesses(p, mission, demoDaysOf(p, startsOn, endsOn), totalDays) * p.missionTargetFactor)),
      })),
    );
  }

  await db.insert(digestSubscriptions).values([
    { userId: hq.id, cadence: 'daily', sendMinute: 7 * 60, timezone: 'Europe/Paris' },
    { userId: hq.id, cadence: 'weekly', sendMinute: 7 * 60, timezone: 'Europe/Paris' },
  ]);

  // ── Calls, evaluations, re-scores and reports, site by site ────────────────────────────────
  const hqActor: Actor = { actorType: 'user', actorId: hq.id, actorLabel: DEMO_HQ.email };
  for (const profile of DEMO_SITES) {
    const siteId = siteIdOf(profile.code);
    // The site's own days: its local today (so far) and the days before it.
    const today = localDayOf(now, profile.timezone);
    const days = demoDaysOf(profile, addDays(today, -(totalDays - 1)), today);
    const outageDays = new Set(days.filter((d) => isOutageDay(profile.code, d, totalDays)).map((d) => d.key));
    const understaffedDays = new Set(days.filter((d) => isUnderstaffedDay(profile.code, d.key, today)).map((d) => d.key));

    // Today's calls that have ended by now: the ones a telephony platform would have pushed.
    const drawn = generateSiteCalls(profile, { days, totalDays, outageDays, understaffedDays }, seed);
    const calls = drawn.calls.filter((c) => callEndMs(c) <= nowMs);
    const kept = new Set(calls.map((c) => c.externalId));
    const handled = drawn.handled.filter((c) => kept.has(c.externalId));
    for (const batch of dayAlignedChunks(calls, MAX_BATCH, (c) => localDayOf(Date.parse(c.startedAt), profile.timezone))) {
      const lastStart = Date.parse(batch[batch.length - 1]!.startedAt);
      const receivedAt = new Date(Math.min(nowMs, lastStart + 45 * 60_000));
      assertAllAccepted('call records', await ingestCalls(db, { siteId, records: batch, actor: SEED_ACTOR, receivedAt }));
    }

    // Two sites have a roster, so that names, teams and tenure show on their agents' pages.
    const roster = generateSiteRoster(profile, today, totalDays, seed);
    if (roster.length > 0) await upsertRosterRows(db, siteId, roster, { team: true, startDate: true, endDate: true }, now);

    // PGlite never analyzes by itself: without statistics the foreign-key checks of qa_scores
    // against qa_evaluations slow down as the table grows. (The statistics of the final analyze
    // stay in the data directory, so the server starts with them.)
    await db.execute(sql`analyze qa_evaluations`);
    // Evaluations stay before the site's today.
    const siteEndMs = Math.min(nowMs, localMidnight(today, profile.timezone).getTime());
    const qaRandom = createRandom(seed ^ hashString(`${profile.code}:qa`));
    const { evaluations, rescores } = generateSiteEvaluations(profile, handled, siteEndMs, qaRandom);
    evaluations.sort((a, b) => (a.evaluatedAt < b.evaluatedAt ? -1 : a.evaluatedAt > b.evaluatedAt ? 1 : 0));
    for (const batch of chunks(evaluations, MAX_BATCH)) {
      const receivedAt = new Date(Math.min(nowMs, Date.parse(batch[batch.length - 1]!.evaluatedAt) + 30 * 60_000));
      assertAllAccepted('evaluations', await ingestEvaluations(db, { siteId, evaluations: batch, actor: SEED_ACTOR, receivedAt }));
    }

    const idByExternal = new Map(
      (
        await db
          .select({ id: qaEvaluations.id, externalId: qaEvaluations.externalId })
          .from(qaEvaluations)
          .where(and(eq(qaEvaluations.siteId, siteId), eq(qaEvaluations.scope, 'site')))
      ).map((r) => [r.externalId, r.id]),
    );
    const items = rescores.map((rescore) => {
      const siteEvaluationId = idByExternal.get(rescore.siteExternalId);
      if (siteEvaluationId === undefined) throw new Error(`Evaluation ${rescore.siteExternalId} was not stored`);
      return { siteEvaluationId, scores: rescore.scores, evaluator: HQ_EVALUATOR, comment: rescore.comment, evaluatedAt: rescore.evaluatedAt };
    });
    for (const batch of chunks(items, MAX_BATCH)) await createHqRescores(db, { siteId, actor: hqActor, rescores: batch });

    // The work each day handled, from which its report's productive hours follow.
    const handleSecondsByDay = new Map<string, number>();
    for (const call of calls) {
      if (call.abandoned) continue;
      const day = localDayOf(Date.parse(call.startedAt), profile.timezone);
      handleSecondsByDay.set(day, (handleSecondsByDay.get(day) ?? 0) + call.talkSeconds + call.holdSeconds + call.wrapSeconds);
    }
    const site = siteByCode.get(profile.code)!;
    // A daily report is expected on a working day only.
    const reports = generateSiteReports(
      profile,
      days.filter((d) => d.hours.length > 0),
      outageDays,
      site.reportDeadlineMinute,
      nowMs,
      createRandom(seed ^ hashString(`${profile.code}:reports`)),
      { handleSecondsByDay, understaffedDays, occupancyRandom: createRandom(seed ^ hashString(`${profile.code}:occupancy`)) },
    );
    if (reports.length > 0) {
      await db.insert(dailyReports).values(
        reports.map((r) => ({ ...r, siteId, acknowledgedBy: r.acknowledgedAt ? hq.id : null })),
      );
    }
  }

  // The alerts HQ needs, switched on.
  await ensureBuiltInAlertRules(db);

  // Last: a database that holds the mark holds the whole demo network.
  await markDemoNetwork(db, shape);
  await db.execute(sql`analyze`);
  return { counts: await countDemoRows(db), ms: Math.round(performance.now() - started) };
}

const COUNTED = {
  sites,
  users,
  site_feeds: siteFeeds,
  kpi_targets: kpiTargets,
  qa_forms: qaForms,
  qa_criteria: qaCriteria,
  missions,
  mission_targets: missionTargets,
  digest_subscriptions: digestSubscriptions,
  call_records: callRecords,
  site_day: siteDay,
  site_queue_day: siteQueueDay,
  site_mission_day: siteMissionDay,
  qa_evaluations: qaEvaluations,
  qa_scores: qaScores,
  daily_reports: dailyReports,
  site_contracts: siteContracts,
  site_agents: siteAgents,
  exchange_rates: exchangeRates,
  audit_log: auditLog,
};

/** Rows per table of what the demo seed writes. */
export async function countDemoRows(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(COUNTED)) {
    const [row] = await db.select({ n: count() }).from(table);
    counts[name] = Number(row?.n ?? 0);
  }
  return counts;
}
