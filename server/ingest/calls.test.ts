import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { SHORT_ABANDON_SECONDS as SQL_SHORT_ABANDON_SECONDS } from '@/db/queries/ingest/rollups';
import { auditLog, callRecords, siteDay, siteFeeds, siteMissionDay, siteQueueDay, sites } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import type { Actor } from '@/server/auth/principal';
import { DomainError } from '@/server/errors';
import { SHORT_ABANDON_SECONDS } from '@/lib/kpi/definitions';
import { validRecord } from '@/lib/ingest/call-record.arbitrary';
import { ingestCalls } from './calls';
import { compareRollups } from './testing';

let h: DbHandle;
const actor: Actor = { actorType: 'site_key', actorId: 1, actorLabel: 'site key test' };
const ids = { par: 0, cas: 0, tun: 0 };

beforeAll(async () => {
  h = await createTestDb();
  const rows = await h.db
    .insert(sites)
    .values([
      { code: 'PAR', name: 'Paris', country: 'FR', timezone: 'Europe/Paris', slaSeconds: 20 },
      { code: 'CAS', name: 'Casablanca', country: 'MA', timezone: 'Africa/Casablanca', slaSeconds: 30 },
      { code: 'TUN', name: 'Tunis', country: 'TN', timezone: 'Africa/Tunis' },
    ])
    .returning();
  ids.par = rows[0]!.id;
  ids.cas = rows[1]!.id;
  ids.tun = rows[2]!.id;
});
afterAll(async () => {
  await h.close();
});

type Rec = Record<string, unknown>;
function call(externalId: string, overrides: Rec = {}): Rec {
  return {
    externalId,
    startedAt: '2026-11-02T09:00:00+01:00',
    direction: 'inbound',
    queue: 'billing',
    agentRef: 'A17',
    waitSeconds: 12,
    talkSeconds: 240,
    holdSeconds: 15,
    wrapSeconds: 30,
    abandoned: false,
    resolved: true,
    csat: 5,
    ...overrides,
  };
}

async function expectExact(siteId: number) {
  const { actual, expected } = await compareRollups(h.db, siteId);
  expect(actual).toEqual(expected);
}

async function dayRow(siteId: number, day: string) {
  const [row] = await h.db
    .select()
    .from(siteDay)
    .where(and(eq(siteDay.siteId, siteId), eq(siteDay.day, day)));
  return row ?? null;
}

describe('ingestCalls', () => {
  it('keeps the KPI module and the SQL rollups on one short-abandon threshold', () => {
    expect(SQL_SHORT_ABANDON_SECONDS).toBe(SHORT_ABANDON_SECONDS);
  });

  it('inserts a batch and rolls it up by site-local day, queue and mission', async () => {
    const batch = [
      call('a-1'),
      call('a-2', { waitSeconds: 25, queue: 'tech-support', resolved: null, csat: 3 }),
      call('a-3', { abandoned: true, waitSeconds: 3, talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0, resolved: null, csat: null }),
      call('a-4', { abandoned: true, waitSeconds: 40, talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0, resolved: null, csat: null }),
      call('a-5', { direction: 'outbound', waitSeconds: 0, missionCode: 'RETAIN', outcome: 'retained', resolved: false, csat: null }),
      call('a-6', { direction: 'outbound', waitSeconds: 0, missionCode: 'RETAIN', csat: null, agentRef: null }),
    ];
    const result = await ingestCalls(h.db, { siteId: ids.par, records: batch, actor });
    expect(result).toEqual({ received: 6, inserted: 6, updated: 0, rejected: [] });

    const day = await dayRow(ids.par, '2026-11-02');
    expect(day).toMatchObject({
      calls: 6,
      inboundCalls: 4,
      outboundCalls: 2,
      shortAbandons: 1,
      offered: 3,
      handled: 4,
      inboundHandled: 2,
      abandoned: 1,
      handleSeconds: 4 * 285,
      inboundHandledWaitSeconds: 37,
      answeredWithinSla: 1,
      resolvedKnown: 3,
      resolvedTrue: 2,
      csatResponses: 2,
      csatTop2: 1,
      csatSum: 8,
    });
    const missions = await h.db.select().from(siteMissionDay).where(eq(siteMissionDay.siteId, ids.par));
    expect(missions.map((m) => [m.missionCode, m.outcome, m.calls]).sort()).toEqual([
      ['RETAIN', '', 1],
      ['RETAIN', 'retained', 1],
    ]);
    const queues = await h.db.select().from(siteQueueDay).where(eq(siteQueueDay.siteId, ids.par));
    expect(queues.map((q) => [q.queue, q.calls]).sort()).toEqual([
      ['billing', 5],
      ['tech-support', 1],
    ]);
    await expectExact(ids.par);
  });

  it('changes nothing when the same batch is sent again', async () => {
    const batch = [call('r-1'), call('r-2', { startedAt: '2026-11-03T10:00:00+01:00' })];
    expect(await ingestCalls(h.db, { siteId: ids.par, records: batch, actor })).toMatchObject({ inserted: 2, updated: 0 });
    const before = await h.db.select().from(callRecords).where(eq(callRecords.siteId, ids.par));
    const dayBefore = await dayRow(ids.par, '2026-11-03');

    const again = await ingestCalls(h.db, { siteId: ids.par, records: batch, actor });
    expect(again).toEqual({ received: 2, inserted: 0, updated: 0, rejected: [] });
    const after = await h.db.select().from(callRecords).where(eq(callRecords.siteId, ids.par));
    expect(after).toEqual(before);
    // Not even recomputed: the rollup row keeps its time stamp.
    expect(await dayRow(ids.par, '2026-11-03')).toEqual(dayBefore);
  });

  it('moves a corrected record to its new day and keeps both days exact', async () => {
    await ingestCalls(h.db, {
      siteId: ids.par,
      records: [call('m-1', { startedAt: '2026-11-10T10:00:00+01:00' }), call('m-2', { startedAt: '2026-11-10T11:00:00+01:00' })],
      actor,
    });
    expect((await dayRow(ids.par, '2026-11-10'))?.calls).toBe(2);

    const corrected = await ingestCalls(h.db, {
      siteId: ids.par,
      records: [call('m-1', { startedAt: '2026-11-11T10:00:00+01:00', talkSeconds: 500 })],
      actor,
    });
    expect(corrected).toMatchObject({ inserted: 0, updated: 1 });
    expect((await dayRow(ids.par, '2026-11-10'))?.calls).toBe(1);
    expect(await dayRow(ids.par, '2026-11-11')).toMatchObject({ calls: 1, handleSeconds: 545 });
    await expectExact(ids.par);

    // Moving the last record out of a day removes the day's rollups.
    await ingestCalls(h.db, { siteId: ids.par, records: [call('m-2', { startedAt: '2026-11-11T11:00:00+01:00' })], actor });
    expect(await dayRow(ids.par, '2026-11-10')).toBeNull();
    const queues = await h.db
      .select()
      .from(siteQueueDay)
      .where(and(eq(siteQueueDay.siteId, ids.par), eq(siteQueueDay.day, '2026-11-10')));
    expect(queues).toEqual([]);
    await expectExact(ids.par);
  });

  it('keeps the valid records of a mixed batch and names what is wrong with the others', async () => {
    const batch: unknown[] = [
      call('x-1'),
      call('x-2', { startedAt: '2026-11-02T09:00:00' }),
      call('x-3', { csat: 6, waitSeconds: -1 }),
      { externalId: 'x-4', queue: 'billing' },
      'not an object',
      call('x-6', { direction: 'sideways', queue: '' }),
      call('', {}),
      call('x-8', { talkSeconds: 86_401 }),
      call('x-9', { queue: 'bad\u0000queue' }),
      call('x-10', { abandoned: 'no' }),
      call('x-11', { csat: 4.5 }),
      call('x-12'),
    ];
    const result = await ingestCalls(h.db, { siteId: ids.tun, records: batch, actor });
    expect(result.received).toBe(12);
    expect(result.inserted).toBe(2);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const paths = Object.fromEntries(result.rejected.map((r) => [r.index, r.errors.map((e) => e.path).sort()]));
    expect(paths).toEqual({
      1: ['startedAt'],
      2: ['csat', 'waitSeconds'],
      3: ['abandoned', 'direction', 'holdSeconds', 'startedAt', 'talkSeconds', 'waitSeconds', 'wrapSeconds'],
      4: [''],
      5: ['direction', 'queue'],
      6: ['externalId'],
      7: ['talkSeconds'],
      8: ['queue'],
      9: ['abandoned'],
      10: ['csat'],
    });
    expect(result.rejected[0]).toMatchObject({ externalId: 'x-2', errors: [{ message: expect.stringContaining('offset') }] });
    expect(result.rejected.find((r) => r.index === 4)?.externalId).toBeNull();
    const stored = await h.db.select({ id: callRecords.externalId }).from(callRecords).where(eq(callRecords.siteId, ids.tun));
    expect(stored.map((s) => s.id).sort()).toEqual(['x-1', 'x-12']);
    await expectExact(ids.tun);
  });

  it('rejects the later duplicates of an externalId inside one batch', async () => {
    const result = await ingestCalls(h.db, {
      siteId: ids.tun,
      records: [call('d-1', { talkSeconds: 100 }), call('d-2'), call('d-1', { talkSeconds: 200 }), call('d-1', { talkSeconds: 300 })],
      actor,
    });
    expect(result).toMatchObject({ received: 4, inserted: 2, updated: 0 });
    expect(result.rejected).toEqual([
      { index: 2, externalId: 'd-1', errors: [{ path: 'externalId', message: expect.stringContaining('record 0') }] },
      { index: 3, externalId: 'd-1', errors: [{ path: 'externalId', message: expect.stringContaining('record 0') }] },
    ]);
    const [stored] = await h.db
      .select()
      .from(callRecords)
      .where(and(eq(callRecords.siteId, ids.tun), eq(callRecords.externalId, 'd-1')));
    expect(stored?.talkSeconds).toBe(100);
  });

  it('refuses a batch over 5,000 records and a site that does not exist', async () => {
    const records = Array.from({ length: 5001 }, (_, i) => call(`big-${i}`));
    const error = await ingestCalls(h.db, { siteId: ids.tun, records, actor }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('PAYLOAD_TOO_LARGE');
    const missing = await ingestCalls(h.db, { siteId: 987_654, records: [call('n-1')], actor }).catch((e: unknown) => e);
    expect((missing as DomainError).code).toBe('NOT_FOUND');
  });

  it('takes exactly 5,000 records in one batch', async () => {
    const records = Array.from({ length: 5000 }, (_, i) =>
      call(`full-${i}`, { startedAt: new Date(Date.UTC(2026, 5, 1 + (i % 20), 8) + i * 1000).toISOString(), waitSeconds: i % 60 }),
    );
    const result = await ingestCalls(h.db, { siteId: ids.tun, records, actor });
    expect(result).toMatchObject({ received: 5000, inserted: 5000, updated: 0, rejected: [] });
    await expectExact(ids.tun);
  });

  it('files a site-local day by the site time zone, at midnight and across daylight saving', async () => {
    const records = [
      // Paris, spring forward on 2026-03-29 (02:00 → 03:00).
      call('tz-1', { startedAt: '2026-03-28T23:59:59+01:00' }),
      call('tz-2', { startedAt: '2026-03-29T00:00:00+01:00' }),
      call('tz-3', { startedAt: '2026-03-29T23:59:59+02:00' }),
      call('tz-4', { startedAt: '2026-03-30T00:00:00+02:00' }),
      // Paris, fall back on 2026-10-25: the day has 25 hours.
      call('tz-5', { startedAt: '2026-10-25T00:00:00+02:00' }),
      call('tz-6', { startedAt: '2026-10-25T23:59:59+01:00' }),
      call('tz-7', { startedAt: '2026-10-25T23:00:00Z' }),
    ];
    await ingestCalls(h.db, { siteId: ids.par, records, actor });
    const days = async (siteId: number, list: string[]) =>
      Promise.all(list.map(async (d) => [d, (await dayRow(siteId, d))?.calls ?? 0]));
    expect(await days(ids.par, ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-25', '2026-10-26'])).toEqual([
      ['2026-03-28', 1],
      ['2026-03-29', 2],
      ['2026-03-30', 1],
      ['2026-10-25', 2],
      ['2026-10-26', 1],
    ]);

    // Casablanca: UTC+1, but UTC+0 during Ramadan (2026-02-15 to 2026-03-22 in the tz database).
    await ingestCalls(h.db, {
      siteId: ids.cas,
      records: [
        call('ma-1', { startedAt: '2026-05-09T23:00:00Z' }), // 00:00 local on 05-10
        call('ma-2', { startedAt: '2026-05-09T22:59:59Z' }), // 23:59:59 local on 05-09
        call('ma-3', { startedAt: '2026-03-01T00:00:00Z' }), // 00:00 local on 03-01 (Ramadan time)
        call('ma-4', { startedAt: '2026-02-28T23:59:59+00:00' }),
        // UTC+0 all year from 2026-09-20 (tz 2026c): 23:30 UTC is 23:30 local on the same day,
        // whatever the database server's own (older) tz data says.
        call('ma-5', { startedAt: '2026-11-10T23:30:00Z' }),
        call('ma-6', { startedAt: '2026-11-26T23:30:00Z' }),
      ],
      actor,
    });
    expect(
      await days(ids.cas, ['2026-05-09', '2026-05-10', '2026-02-28', '2026-03-01', '2026-11-10', '2026-11-11', '2026-11-26', '2026-11-27']),
    ).toEqual([
      ['2026-05-09', 1],
      ['2026-05-10', 1],
      ['2026-02-28', 1],
      ['2026-03-01', 1],
      ['2026-11-10', 1],
      ['2026-11-11', 0],
      ['2026-11-26', 1],
      ['2026-11-27', 0],
    ]);
    const stored = await h.db
      .select({ localDay: callRecords.localDay })
      .from(callRecords)
      .where(and(eq(callRecords.siteId, ids.cas), eq(callRecords.externalId, 'ma-6')));
    expect(stored).toEqual([{ localDay: '2026-11-26' }]);
    await expectExact(ids.par);
    await expectExact(ids.cas);
  });

  it('keeps rollups exact when overlapping batches of one site arrive together', async () => {
    const start = Date.UTC(2026, 8, 1, 7);
    const make = (prefix: string, from: number, to: number, shift: number) =>
      Array.from({ length: to - from }, (_, k) => {
        const i = from + k;
        return call(`${prefix}${i}`, {
          startedAt: new Date(start + (i % 7) * 86_400_000 + shift * 3_600_000 * 20 + i * 1000).toISOString(),
          waitSeconds: (i * 7) % 45,
          abandoned: i % 11 === 0,
          queue: i % 3 === 0 ? 'sales' : 'billing',
        });
      });
    // Both batches share the records 200–399, each giving them other days and durations.
    const first = make('cc-', 0, 400, 0);
    const second = make('cc-', 200, 600, 1);
    const third = make('cc-', 100, 300, 2);
    const results = await Promise.all([
      ingestCalls(h.db, { siteId: ids.cas, records: first, actor }),
      ingestCalls(h.db, { siteId: ids.cas, records: second, actor }),
      ingestCalls(h.db, { siteId: ids.cas, records: third, actor }),
    ]);
    expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(600);
    await expectExact(ids.cas);
  });

  it('writes one audit row per batch and records the push for freshness', async () => {
    const before = await h.db.select().from(auditLog).where(eq(auditLog.siteId, ids.tun));
    const at = new Date('2026-11-05T18:00:00Z');
    await ingestCalls(h.db, { siteId: ids.tun, records: [call('au-1'), call('au-2', { csat: 9 })], actor, receivedAt: at });
    const after = await h.db.select().from(auditLog).where(eq(auditLog.siteId, ids.tun));
    expect(after).toHaveLength(before.length + 1);
    const entry = after.find((a) => !before.some((b) => b.id === a.id));
    expect(entry).toMatchObject({
      actorType: 'site_key',
      actorId: 1,
      action: 'calls.ingest',
      entity: 'call_records',
      details: { received: 2, inserted: 1, updated: 0, rejected: 1 },
    });
    const [feed] = await h.db.select().from(siteFeeds).where(eq(siteFeeds.siteId, ids.tun));
    expect(feed?.lastCallPushAt?.getTime()).toBeGreaterThanOrEqual(at.getTime());
    expect(feed?.lastPushAt?.getTime()).toBeGreaterThanOrEqual(at.getTime());
    expect(feed?.lastEvaluationPushAt).toBeNull();
  });

  it('stores any well-formed record exactly as sent, and a resend changes nothing', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(validRecord, { selector: (r) => r.externalId, minLength: 1, maxLength: 12 }), async (records) => {
        // A fresh site per run, so that runs do not see each other's records.
        const code = `ZZ${[26 * 26, 26, 1].map((d) => String.fromCharCode(65 + (Math.floor(run / d) % 26))).join('')}`;
        run++;
        const [site] = await h.db.insert(sites).values({ code, name: code, country: 'FR', timezone: 'Europe/Paris' }).returning();
        const result = await ingestCalls(h.db, { siteId: site!.id, records, actor });
        expect(result).toEqual({ received: records.length, inserted: records.length, updated: 0, rejected: [] });
        const stored = new Map(
          (await h.db.select().from(callRecords).where(eq(callRecords.siteId, site!.id))).map((r) => [r.externalId, r]),
        );
        for (const r of records) {
          expect(stored.get(r.externalId)).toMatchObject({
            startedAt: new Date(r.startedAt),
            direction: r.direction,
            queue: r.queue,
            agentRef: r.agentRef ?? null,
            waitSeconds: r.waitSeconds,
            talkSeconds: r.talkSeconds,
            holdSeconds: r.holdSeconds,
            wrapSeconds: r.wrapSeconds,
            abandoned: r.abandoned,
            resolved: r.resolved ?? null,
            csat: r.csat ?? null,
            missionCode: r.missionCode ?? null,
            outcome: r.outcome ?? null,
          });
        }
        await expectExact(site!.id);
        expect(await ingestCalls(h.db, { siteId: site!.id, records, actor })).toMatchObject({ inserted: 0, updated: 0 });
      }),
      { numRuns: 25 },
    );
  });
});
