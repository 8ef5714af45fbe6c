// The tz rebuild on a real database (PGlite, and PostgreSQL with TEST_DATABASE_URL): a data set
// stored with tz 2025c's days and rollups, rebuilt, equals the same data set written with the
// current rules; exactly the rows whose day changed are written; a rebuild stopped part-way (or
// killed, its claim left behind) continues where it stopped; a second run does nothing.
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type DbHandle } from '@/db/client';
import { readLocalDayRules } from '@/db/queries/tz-rebuild';
import { auditLog } from '@/db/schema';
import { localDayOf } from '@/db/local-time';
import { createTestDb } from '@/db/testing';
import type { Actor } from '@/server/auth/principal';
import { ingestCalls } from '@/server/ingest/calls';
import { compareRollups } from '@/server/ingest/testing';
import { rebuildLocalDays, type TzRebuildResult } from './tz-rebuild';
import { runLocalDayRebuildJob } from './tz-rebuild-job';
import { runtimeTzVersion } from './tz-data';
import { ageToOldRules, newRuleDay, oldRuleDay, rowVersions, snapshotDerived, writeDataSet, type FixtureDataSet } from './tz-rebuild.fixtures';

const actor: Actor = { actorType: 'cli', actorId: null, actorLabel: 'cli (test)' };
const runtime = runtimeTzVersion()!;

async function storedDay(h: DbHandle, table: 'call_records' | 'qa_evaluations', siteId: number, externalId: string): Promise<string> {
  const [row] = rowsOf<{ day: string }>(
    await h.db.execute(sql`select local_day::text as day from ${sql.raw(table)} where site_id = ${siteId} and external_id = ${externalId}`),
  );
  return row!.day;
}

function done(result: TzRebuildResult) {
  if (result.status !== 'done') throw new Error(`expected a finished rebuild, got ${JSON.stringify(result)}`);
  return result;
}

describe('tz rebuild of a data set stored with tz 2025c', () => {
  let aged: DbHandle;
  let current: DbHandle;
  let set: FixtureDataSet;
  let expected: { calls: Set<string>; evaluations: Set<string> };

  beforeAll(async () => {
    [aged, current] = await Promise.all([createTestDb(), createTestDb()]);
    set = await writeDataSet(aged.db);
    await writeDataSet(current.db);
    expected = await ageToOldRules(aged.db, set);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([aged?.close(), current?.close()]);
  });

  it('starts from the days tz 2025c gave: Casablanca evenings after 20 September on the next day, Vancouver early mornings after 1 November on the previous one', async () => {
    expect(runtime >= '2026c').toBe(true);
    const [cas, yvr, par] = set.siteIds as [number, number, number];
    const casEvening = set.calls.find((c) => c.siteId === cas && new Date(c.ms).toISOString() === '2026-11-05T23:30:00.000Z')!;
    expect(oldRuleDay(casEvening.ms, 'Africa/Casablanca')).toBe('2026-11-06');
    expect(newRuleDay(casEvening.ms, 'Africa/Casablanca')).toBe('2026-11-05');
    expect(await storedDay(aged, 'call_records', cas, casEvening.externalId)).toBe('2026-11-06');
    expect(await storedDay(current, 'call_records', cas, casEvening.externalId)).toBe('2026-11-05');
    const yvrMorning = set.calls.find((c) => c.siteId === yvr && new Date(c.ms).toISOString() === '2026-11-02T07:30:00.000Z')!;
    expect(await storedDay(aged, 'call_records', yvr, yvrMorning.externalId)).toBe('2026-11-01');
    expect(await storedDay(current, 'call_records', yvr, yvrMorning.externalId)).toBe('2026-11-02');
    // Before the change both releases agree.
    const casBefore = set.calls.find((c) => c.siteId === cas && new Date(c.ms).toISOString() === '2026-09-18T23:30:00.000Z')!;
    expect(await storedDay(aged, 'call_records', cas, casBefore.externalId)).toBe('2026-09-19');
    expect(await storedDay(current, 'call_records', cas, casBefore.externalId)).toBe('2026-09-19');
    // Paris did not change: nothing of it is to move.
    expect([...expected.calls].some((k) => k.startsWith(`${par}/`))).toBe(false);
    expect(expected.calls.size).toBeGreaterThan(100);
    expect(expected.evaluations.size).toBeGreaterThan(30);
    expect(await snapshotDerived(aged.db)).not.toEqual(await snapshotDerived(current.db));
  });

  it('resumes after a stop and after a kill, moves exactly the rows whose day changed, and ends equal to the data set written with the current rules', async () => {
    const before = await rowVersions(aged.db);

    const first = await rebuildLocalDays(aged.db, { actor, owner: 'first', batchDays: 7, maxBatches: 3 });
    expect(first).toMatchObject({ status: 'stopped', from: '2025c', to: runtime, batches: 3, resumed: false });
    const halfway = await readLocalDayRules(aged.db);
    expect(halfway).toMatchObject({ tzVersion: '2025c', rebuildTarget: runtime, cursorSiteId: set.siteIds[0], claimedBy: null });
    expect(halfway!.cursorDay).not.toBeNull();

    // A process killed mid-rebuild leaves its claim behind: nobody else runs until it expires.
    await aged.db.execute(sql`update local_day_rules set claimed_by = 'killed', claimed_until = now() + interval '1 minute'`);
    expect(await rebuildLocalDays(aged.db, { actor, owner: 'second', batchDays: 7 })).toMatchObject({ status: 'busy', holder: 'killed' });
    expect(await readLocalDayRules(aged.db)).toMatchObject({ cursorDay: halfway!.cursorDay, tzVersion: '2025c' });
    await aged.db.execute(sql`update local_day_rules set claimed_until = now() - interval '1 second'`);

    const progress: number[] = [];
    const second = done(await rebuildLocalDays(aged.db, { actor, owner: 'second', batchDays: 7, onProgress: (p) => progress.push(p.daysDone) }));
    expect(second).toMatchObject({ from: '2025c', to: runtime, resumed: true });
    // The counts carry over from the first run: together, exactly the rows whose day changed.
    expect(second.movedCalls).toBe(expected.calls.size);
    expect(second.movedEvaluations).toBe(expected.evaluations.size);
    // Every row is read once, and a row moved to a later day once more when that day's batch comes.
    const rows = set.calls.length + set.evaluations.length;
    expect(second.checked).toBeGreaterThanOrEqual(rows);
    expect(second.checked).toBeLessThanOrEqual(rows + expected.calls.size + expected.evaluations.size);
    expect(progress.length).toBe(second.batches);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    expect(await snapshotDerived(aged.db)).toEqual(await snapshotDerived(current.db));

    const after = await rowVersions(aged.db);
    const rewritten = [...after].filter(([key, v]) => before.get(key)!.xmin !== v.xmin).map(([key]) => key.slice(2));
    expect(rewritten.sort()).toEqual([...expected.calls, ...expected.evaluations].sort());
    // Moving a row to its day is not a change the site made: updated_at stays.
    expect([...after].every(([key, v]) => before.get(key)!.updatedAt === v.updatedAt)).toBe(true);

    expect(await readLocalDayRules(aged.db)).toMatchObject({ tzVersion: runtime, rebuildTarget: null, cursorSiteId: null, claimedBy: null });
    const audit = await aged.db.select().from(auditLog).where(eq(auditLog.entity, 'local_day_rules'));
    const moves = audit.filter((a) => a.action === 'tz.move_days');
    expect(moves.reduce((n, a) => n + Number(a.details.calls), 0)).toBe(expected.calls.size);
    expect(moves.every((a) => a.siteId !== set.siteIds[2])).toBe(true);
    expect(audit.filter((a) => a.action === 'tz.rebuild')).toEqual([
      expect.objectContaining({ actorType: 'cli', entityId: runtime, details: expect.objectContaining({ from: '2025c', movedCalls: expected.calls.size }) }),
    ]);
  }, 120_000);

  it('does nothing when run again', async () => {
    const before = await rowVersions(aged.db);
    const snapshot = await snapshotDerived(aged.db);
    expect(await rebuildLocalDays(aged.db, { actor, owner: 'third' })).toEqual({ status: 'current', version: runtime });
    expect(await rowVersions(aged.db)).toEqual(before);
    expect(await snapshotDerived(aged.db)).toEqual(snapshot);
  });

  it('with force, re-files the days of a site whose time zone was changed, though the release is the same', async () => {
    const yvr = set.siteIds[1]!;
    await aged.db.execute(sql`update sites set timezone = 'America/Edmonton' where id = ${yvr}`);
    const shifted = set.calls.filter((c) => c.siteId === yvr && localDayOf(c.ms, 'America/Edmonton') !== localDayOf(c.ms, 'America/Vancouver'));
    const result = done(await rebuildLocalDays(aged.db, { actor, owner: 'admin', force: true }));
    expect(result).toMatchObject({ from: runtime, to: runtime, movedCalls: shifted.length });
    expect(shifted.length).toBeGreaterThan(50);
    const { actual, expected: reference } = await compareRollups(aged.db, yvr);
    expect(actual).toEqual(reference);
  });

  it('rebuilds every rollup once when the days came from unknown rules (a database upgraded from before they were recorded)', async () => {
    const good = await snapshotDerived(current.db);
    const [cas] = set.siteIds as [number];
    // Rollups an older runtime computed that disagree with the days the migration backfilled.
    await current.db.execute(sql`update site_day set calls = calls + 5, qa_evaluations = qa_evaluations + 1 where site_id = ${cas} and day = '2026-10-02'`);
    await current.db.execute(sql`insert into site_day (site_id, day, calls, handled) values (${cas}, '2026-11-20', 3, 3)`);
    await current.db.execute(sql`delete from site_queue_day where site_id = ${cas} and day = '2026-10-03'`);
    expect(await readLocalDayRules(current.db)).toBeNull();

    const result = done(await rebuildLocalDays(current.db, { actor, owner: 'start-up', batchDays: 10 }));
    expect(result).toMatchObject({ from: null, to: runtime, movedCalls: 0, movedEvaluations: 0 });
    expect(result.recomputedDays).toBeGreaterThanOrEqual(3 * 56);
    expect(await snapshotDerived(current.db)).toEqual(good);
    expect(await readLocalDayRules(current.db)).toMatchObject({ tzVersion: runtime });
  });

  it('leaves days recorded with a newer release alone at start-up, and runs one rebuild at a time', async () => {
    await current.db.execute(sql`update local_day_rules set tz_version = '2099a'`);
    expect(await rebuildLocalDays(current.db, { actor, owner: 'old server', upgradeOnly: true })).toEqual({
      status: 'newer',
      recorded: '2099a',
      target: runtime,
    });
    await current.db.execute(sql`update local_day_rules set tz_version = '2025c', claimed_by = 'other instance', claimed_until = now() + interval '2 minutes'`);
    expect(await rebuildLocalDays(current.db, { actor, owner: 'this instance' })).toMatchObject({ status: 'busy', holder: 'other instance' });
    // A PGlite directory belongs to one process: a claim left there is a dead process's.
    const taken = await rebuildLocalDays(current.db, { actor, owner: 'this instance', takeOverClaim: true });
    expect(taken).toMatchObject({ status: 'done', from: '2025c', movedCalls: 0 });
  });
});

describe('tz rebuild racing ingest', () => {
  let aged: DbHandle;
  let current: DbHandle;
  let set: FixtureDataSet;

  beforeAll(async () => {
    [aged, current] = await Promise.all([createTestDb(), createTestDb()]);
    set = await writeDataSet(aged.db);
    await writeDataSet(current.db);
    await ageToOldRules(aged.db, set);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([aged?.close(), current?.close()]);
  });

  it('counts a record pushed between batches once, on its current day, whether the batch before or after it moved it', async () => {
    const [cas] = set.siteIds as [number];
    const push = (db: DbHandle['db'], talkSeconds: number) =>
      ingestCalls(db, {
        siteId: cas,
        actor: { actorType: 'site_key', actorId: null, actorLabel: 'race' },
        records: [
          // A correction of a record in a batch not yet rebuilt, ...
          { externalId: 'c-0-1500', startedAt: '2026-11-05T23:30:00Z', direction: 'inbound', queue: 'billing', waitSeconds: 4, talkSeconds, holdSeconds: 0, wrapSeconds: 0, abandoned: false },
          // ... one in a batch already rebuilt, and a new record on a Casablanca evening.
          { externalId: 'c-0-3', startedAt: '2026-09-25T23:10:00Z', direction: 'inbound', queue: 'sales', waitSeconds: 9, talkSeconds, holdSeconds: 0, wrapSeconds: 0, abandoned: false },
          { externalId: 'race-new', startedAt: '2026-10-20T23:45:00Z', direction: 'outbound', queue: 'sales', waitSeconds: 0, talkSeconds, holdSeconds: 5, wrapSeconds: 5, abandoned: false },
        ],
      });
    let pushed: Promise<unknown> | null = null;
    const result = await rebuildLocalDays(aged.db, {
      actor,
      owner: 'racer',
      batchDays: 14,
      onProgress: (p) => {
        // A push arriving while the rebuild runs: it and the next batch take the site's lock in turn.
        if (!pushed && p.daysDone >= 28) pushed = push(aged.db, 321);
      },
    });
    expect(pushed).not.toBeNull();
    await pushed;
    expect(result.status).toBe('done');
    await push(current.db, 321);
    expect(await snapshotDerived(aged.db)).toEqual(await snapshotDerived(current.db));
  });

  it('is run by the server in the background after an upgrade, as the system', async () => {
    const [cas] = set.siteIds as [number];
    const good = await snapshotDerived(current.db);
    // A call of the Casablanca evening of 5 November as tz 2025c filed it (not the one the race moved there), and 2025c recorded.
    await aged.db.execute(sql`
      update call_records set local_day = '2026-11-06'
      where site_id = ${cas} and started_at = '2026-11-05T23:30:00Z' and external_id <> 'c-0-1500'`);
    await aged.db.execute(sql`update local_day_rules set tz_version = '2025c'`);
    await runLocalDayRebuildJob(aged.db, aged.driver, 0);
    expect(await snapshotDerived(aged.db)).toEqual(good);
    expect(await readLocalDayRules(aged.db)).toMatchObject({ tzVersion: runtime, claimedBy: null });
    const [last] = await aged.db.select().from(auditLog).where(eq(auditLog.action, 'tz.rebuild')).orderBy(desc(auditLog.id)).limit(1);
    expect(last).toMatchObject({ actorType: 'system', actorLabel: 'tz rebuild at start-up', details: { from: '2025c', movedCalls: 1 } });
  });
});
