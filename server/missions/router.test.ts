// Missions through their tRPC router on a real database, with calls pushed through the real
// ingest path: progress counts exactly what site_mission_day says, in each site's local days.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import type { Actor, Principal, UserPrincipal } from '@/server/auth/principal';
import { ingestCalls } from '@/server/ingest/calls';
import { createCallerFactory, createInnerContext, createTRPCRouter } from '@/server/trpc/init';
import { trpcCode, makePrincipal, makeSite, siteKeyPrincipal } from '@/test/fixtures';
import { missionsRouter } from './router';

const router = createTRPCRouter({ missions: missionsRouter });
const createCaller = createCallerFactory(router);

let h: DbHandle;
const site = { TUN: 0, MRU: 0, CAS: 0 };
let hq: UserPrincipal;
let admin: UserPrincipal;
let leadTun: UserPrincipal;
let leadCas: UserPrincipal;
const pushActor: Actor = { actorType: 'site_key', actorId: 1, actorLabel: 'site key test' };

/** After the window (1–10 March 2025) is over everywhere. */
const AFTER = new Date('2025-03-20T12:00:00Z');
const caller = (principal?: Principal, now: Date = AFTER) =>
  createCaller(createInnerContext({ db: h.db, driver: h.driver, principal, now: () => now }));

function call(externalId: string, startedAt: string, missionCode: string | null, outcome: string | null) {
  return {
    externalId,
    startedAt,
    direction: 'outbound',
    queue: 'retention',
    waitSeconds: 0,
    talkSeconds: 200,
    holdSeconds: 0,
    wrapSeconds: 20,
    abandoned: false,
    missionCode,
    outcome,
  };
}

async function push(siteId: number, records: ReturnType<typeof call>[]) {
  const result = await ingestCalls(h.db, { siteId, records, actor: pushActor });
  expect(result.rejected).toEqual([]);
}

const MISSION = {
  code: 'RET-25',
  name: 'Spring retention',
  description: 'Loyalty offer on every cancellation call',
  startsOn: '2025-03-01',
  endsOn: '2025-03-10',
  successOutcomes: ['retained', 'saved'],
  targets: [
    { site: 'TUN', target: 10 },
    { site: 'mru', target: 20 },
  ],
};

beforeAll(async () => {
  h = await createTestDb();
  site.TUN = (await makeSite(h.db, { code: 'TUN', name: 'Tunis Lac', timezone: 'Africa/Tunis' })).id;
  site.MRU = (await makeSite(h.db, { code: 'MRU', name: 'Port Louis', country: 'MU', timezone: 'Indian/Mauritius' })).id;
  site.CAS = (await makeSite(h.db, { code: 'CAS', name: 'Casablanca', country: 'MA', timezone: 'Africa/Casablanca' })).id;
  hq = await makePrincipal(h.db, 'hq_manager');
  admin = await makePrincipal(h.db, 'admin');
  leadTun = await makePrincipal(h.db, 'site_lead', site.TUN);
  leadCas = await makePrincipal(h.db, 'site_lead', site.CAS);

  // Pushed before the mission exists: they count once it does.
  await push(site.TUN, [
    call('t-before-window', '2025-02-28T23:30:00+01:00', 'RET-25', 'retained'), // 28 Feb in Tunis
    call('t-first-minute', '2025-03-01T00:10:00+01:00', 'RET-25', 'retained'), // 23:10 UTC on 28 Feb
    call('t-declined', '2025-03-05T10:00:00+01:00', 'RET-25', 'declined'),
    call('t-other-mission', '2025-03-05T11:00:00+01:00', 'OTHER', 'retained'),
    call('t-no-mission', '2025-03-05T11:30:00+01:00', null, 'retained'),
    call('t-saved', '2025-03-05T12:00:00+01:00', 'RET-25', 'saved'),
    call('t-no-outcome', '2025-03-05T12:30:00+01:00', 'RET-25', null),
  ]);
});
afterAll(async () => {
  await h.close();
});

describe('missions.create', () => {
  it('lets HQ define a mission, audit-logged, and answers its definition', async () => {
    const created = await caller(hq).missions.create(MISSION);
    expect(created).toEqual({
      code: 'RET-25',
      name: 'Spring retention',
      description: 'Loyalty offer on every cancellation call',
      startsOn: '2025-03-01',
      endsOn: '2025-03-10',
      successOutcomes: ['retained', 'saved'],
      targets: [
        { site: 'MRU', target: 20 },
        { site: 'TUN', target: 10 },
      ],
    });
    const audit = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'mission.create'), eq(auditLog.entityId, 'RET-25')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: hq.userId, entity: 'mission' });
  });

  it('refuses a taken code, an unknown site, a reversed window and a duplicate site', async () => {
    expect(await trpcCode(() => caller(admin).missions.create(MISSION))).toBe('CONFLICT');
    expect(await trpcCode(() => caller(hq).missions.create({ ...MISSION, code: 'X1', targets: [{ site: 'ZZZ', target: 5 }] }))).toBe('BAD_REQUEST');
    expect(await trpcCode(() => caller(hq).missions.create({ ...MISSION, code: 'X2', startsOn: '2025-03-11' }))).toBe('BAD_REQUEST');
    expect(
      await trpcCode(() =>
        caller(hq).missions.create({
          ...MISSION,
          code: 'X3',
          targets: [
            { site: 'TUN', target: 5 },
            { site: 'tun', target: 6 },
          ],
        }),
      ),
    ).toBe('BAD_REQUEST');
    expect(await trpcCode(() => caller(hq).missions.create({ ...MISSION, code: 'X4', successOutcomes: [] }))).toBe('BAD_REQUEST');
    expect(await trpcCode(() => caller(hq).missions.create({ ...MISSION, code: 'bad code!' }))).toBe('BAD_REQUEST');
  });

  it('is for headquarters only', async () => {
    expect(await trpcCode(() => caller().missions.create({ ...MISSION, code: 'Y1' }))).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => caller(leadTun).missions.create({ ...MISSION, code: 'Y1' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(siteKeyPrincipal(site.TUN)).missions.create({ ...MISSION, code: 'Y1' }))).toBe('FORBIDDEN');
  });
});

describe('mission progress', () => {
  it('counts calls pushed before the mission existed, inside the window in site-local days', async () => {
    const detail = await caller(hq).missions.detail({ code: 'RET-25' });
    const tun = detail.sites.find((s) => s.code === 'TUN')!;
    // first minute of 1 March and the "saved" call; not 28 Feb, not declined, not another or no mission, not without outcome
    expect(tun).toMatchObject({ target: 10, achieved: 2, completion: 0.2, pace: 0.2, phase: 'ended', status: 'behind' });
  });

  it('counts calls pushed after the mission was created, up to 23:59 on the last local day and not after', async () => {
    await push(site.TUN, [
      call('t-last-evening', '2025-03-10T23:30:00+01:00', 'RET-25', 'retained'), // 22:30 UTC, 10 March
      call('t-day-after', '2025-03-11T00:10:00+01:00', 'RET-25', 'retained'), // 23:10 UTC, still 10 March in UTC
    ]);
    await push(site.MRU, [
      call('m-first-minute', '2025-03-01T00:10:00+04:00', 'RET-25', 'retained'), // 20:10 UTC on 28 Feb
      call('m-last-evening', '2025-03-10T23:30:00+04:00', 'RET-25', 'saved'), // 19:30 UTC
      call('m-day-after', '2025-03-11T00:10:00+04:00', 'RET-25', 'retained'), // 20:10 UTC, 10 March in UTC
      call('m-day-before', '2025-02-28T23:50:00+04:00', 'RET-25', 'retained'),
    ]);
    const detail = await caller(hq).missions.detail({ code: 'RET-25' });
    expect(detail.sites.map((s) => [s.code, s.achieved])).toEqual([
      ['MRU', 2],
      ['TUN', 3],
    ]);
    expect(detail.overall).toMatchObject({ target: 30, achieved: 5, phase: 'ended' });
    expect(detail.overall.completion).toBeCloseTo(5 / 30, 12);
  });

  it('moves a call out of the successes when its outcome is corrected', async () => {
    await push(site.TUN, [call('t-saved', '2025-03-05T12:00:00+01:00', 'RET-25', 'declined')]);
    const tun = (await caller(hq).missions.get({ code: 'RET-25' })).sites.find((s) => s.code === 'TUN')!;
    expect(tun.achieved).toBe(2);
    await push(site.TUN, [call('t-declined', '2025-03-05T10:00:00+01:00', 'RET-25', 'retained')]);
    expect((await caller(hq).missions.get({ code: 'RET-25' })).sites.find((s) => s.code === 'TUN')!.achieved).toBe(3);
  });

  it('measures pace on each site’s complete local days while the mission runs', async () => {
    // 21:30 UTC on 5 March: 6 March 01:30 in Port Louis (5 days done), 5 March 22:30 in Tunis (4 done).
    const now = new Date('2025-03-05T21:30:00Z');
    const detail = await caller(hq, now).missions.detail({ code: 'RET-25' });
    const mru = detail.sites.find((s) => s.code === 'MRU')!;
    const tun = detail.sites.find((s) => s.code === 'TUN')!;
    expect(mru).toMatchObject({ today: '2025-03-06', elapsedDays: 5, achieved: 2, phase: 'active' });
    expect(mru.pace).toBeCloseTo(0.1 / 0.5, 12);
    expect(tun).toMatchObject({ today: '2025-03-05', elapsedDays: 4, achieved: 3 });
    expect(tun.pace).toBeCloseTo(0.3 / 0.4, 12);
    expect(tun.projection).toBeCloseTo(7.5, 12);
    // Σ achieved / Σ(target × elapsed share) = 5 / (20 × 0.5 + 10 × 0.4)
    expect(detail.overall.pace).toBeCloseTo(5 / 14, 12);
  });

  it('draws cumulative successes per local day, up to each site’s today', async () => {
    const now = new Date('2025-03-05T21:30:00Z');
    const series = await caller(hq, now).missions.progress({ code: 'RET-25' });
    expect(series.days).toHaveLength(10);
    const mru = series.sites.find((s) => s.code === 'MRU')!;
    const tun = series.sites.find((s) => s.code === 'TUN')!;
    expect(mru.cumulative).toEqual([1, 1, 1, 1, 1, 1]);
    expect(tun.cumulative).toEqual([1, 1, 1, 1, 2]);
    const ended = await caller(hq).missions.progress({ code: 'RET-25' });
    expect(ended.sites.find((s) => s.code === 'TUN')!.cumulative).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 2, 3]);
  });

  it('lists missions with their sites, and the ones behind pace', async () => {
    const board = await caller(hq).missions.board();
    expect(board.map((m) => m.code)).toEqual(['RET-25']);
    const now = new Date('2025-03-05T21:30:00Z');
    const behind = await caller(hq, now).missions.behindPace();
    expect(behind.map((m) => [m.code, m.sites.map((s) => s.code)])).toEqual([['RET-25', ['MRU', 'TUN']]]);
    const forSite = await caller(hq, now).missions.forSite({ site: 'tun' });
    expect(forSite.map((m) => [m.code, m.site.code, m.site.achieved])).toEqual([['RET-25', 'TUN', 3]]);
  });
});

describe('a site lead', () => {
  it('sees only their own site’s row, and missions that involve their site', async () => {
    const detail = await caller(leadTun).missions.get({ code: 'RET-25' });
    expect(detail.sites.map((s) => s.code)).toEqual(['TUN']);
    expect(JSON.stringify(await caller(leadTun).missions.detail({ code: 'RET-25' }))).not.toMatch(/MRU|Port Louis/);
    expect(JSON.stringify(await caller(leadTun).missions.list())).not.toMatch(/MRU|Port Louis/);
    expect((await caller(leadCas).missions.list()).missions).toEqual([]);
    expect(await trpcCode(() => caller(leadCas).missions.get({ code: 'RET-25' }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => caller(leadCas).missions.progress({ code: 'RET-25' }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => caller(leadCas).missions.forSite({ site: 'TUN' }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => caller(leadTun).missions.update({ code: 'RET-25', name: 'Mine now' }))).toBe('FORBIDDEN');
  });

  it('reads nothing without signing in, and a site key reads nothing', async () => {
    expect(await trpcCode(() => caller().missions.list())).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => caller().missions.board())).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => caller(siteKeyPrincipal(site.TUN)).missions.get({ code: 'RET-25' }))).toBe('FORBIDDEN');
  });
});

describe('missions.update', () => {
  it('changes the window, outcomes and targets, never the code, and recounts at once', async () => {
    const updated = await caller(hq).missions.update({
      code: 'RET-25',
      endsOn: '2025-03-11',
      successOutcomes: ['retained'],
      targets: [
        { site: 'TUN', target: 12 },
        { site: 'CAS', target: 5 },
      ],
    });
    expect(updated).toMatchObject({
      code: 'RET-25',
      endsOn: '2025-03-11',
      successOutcomes: ['retained'],
      targets: [
        { site: 'CAS', target: 5 },
        { site: 'TUN', target: 12 },
      ],
    });
    const detail = await caller(hq).missions.detail({ code: 'RET-25' });
    // TUN: 1 March, corrected t-declined, 10 March evening, and now 11 March 00:10 too.
    expect(detail.sites.map((s) => [s.code, s.target, s.achieved])).toEqual([
      ['CAS', 5, 0],
      ['TUN', 12, 4],
    ]);
    const [audit] = await h.db.select().from(auditLog).where(eq(auditLog.action, 'mission.update'));
    expect(audit?.details).toMatchObject({ changes: { endsOn: { from: '2025-03-10', to: '2025-03-11' } } });
    expect(await trpcCode(() => caller(hq).missions.update({ code: 'RET-25', startsOn: '2025-03-12' }))).toBe('BAD_REQUEST');
    expect(await trpcCode(() => caller(hq).missions.update({ code: 'NOPE', name: 'x' }))).toBe('NOT_FOUND');
  });
});
