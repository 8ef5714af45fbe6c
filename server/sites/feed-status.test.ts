// Feed freshness counted in opening hours, on a real database (the calendar is read there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { makeSite } from '@/test/fixtures';
import { feedStatusesAt, feedStatusOf } from './feed-status';

it('calls a feed fresh up to 24 opening hours after its last push, stale after, never without one', () => {
  expect(feedStatusOf(null, 0)).toBe('never');
  expect(feedStatusOf(new Date('2026-11-26T07:00:00Z'), 24 * 3_600_000)).toBe('fresh');
  expect(feedStatusOf(new Date('2026-11-26T07:00:00Z'), 24 * 3_600_000 + 1)).toBe('stale');
});

describe('feedStatusesAt', () => {
  let h: DbHandle;
  let office: { id: number };
  let always: { id: number };
  beforeAll(async () => {
    h = await createTestDb();
    const weekdays = [['08:00', '18:00']] as [string, string][];
    office = await makeSite(h.db, {
      code: 'PAR',
      country: 'FR',
      timezone: 'Europe/Paris',
      weeklyHours: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays },
    });
    always = await makeSite(h.db, { code: 'TUN', country: 'TN', timezone: 'Africa/Tunis', weeklyHours: null });
  });
  afterAll(async () => {
    await h.close();
  });

  const statusAt = async (siteId: number, lastPushAt: string | null, now: string) =>
    (await feedStatusesAt(h.db, [{ siteId, lastPushAt: lastPushAt ? new Date(lastPushAt) : null }], new Date(now))).get(siteId);

  it('is not stale overnight, over a closed weekend or over a public holiday', async () => {
    // Last push Thursday 23 December 2026, 17:00 Paris; Friday is Christmas, then the weekend.
    expect(await statusAt(office.id, '2026-12-24T16:00:00Z', '2026-12-28T06:00:00Z')).toBe('fresh');
    // By Monday 18:00 only 11 opening hours have passed (1 on Thursday, 10 on Monday).
    expect(await statusAt(office.id, '2026-12-24T16:00:00Z', '2026-12-28T17:00:00Z')).toBe('fresh');
    // 24 opening hours pass on Wednesday 30 December at 11:00 Paris (1 + 10 + 10 + 3): stale just after.
    expect(await statusAt(office.id, '2026-12-24T16:00:00Z', '2026-12-30T10:00:00Z')).toBe('fresh');
    expect(await statusAt(office.id, '2026-12-24T16:00:00Z', '2026-12-30T10:01:00Z')).toBe('stale');
  });

  it('judges a site open around the clock on every hour, and a silent one never pushed as never', async () => {
    expect(await statusAt(always.id, '2026-12-24T16:00:00Z', '2026-12-25T16:00:00Z')).toBe('fresh');
    expect(await statusAt(always.id, '2026-12-24T16:00:00Z', '2026-12-25T16:01:00Z')).toBe('stale');
    expect(await statusAt(always.id, null, '2026-12-25T16:01:00Z')).toBe('never');
  });

  it('counts the opening hours of DST days as lived: 23 hours on the last Sunday of March', async () => {
    const sunday = await makeSite(h.db, { code: 'LYS', country: 'FR', timezone: 'Europe/Paris', weeklyHours: { sun: [['00:00', '24:00']], mon: [['01:00', '03:00']] } });
    // Pushed at local midnight starting Sunday 29 March 2026: 23 hours that day, then Monday from
    // 01:00 CEST (23:00Z): the 24th opening hour ends at 00:00Z, 25 hours after the push.
    expect(await statusAt(sunday.id, '2026-03-28T23:00:00Z', '2026-03-29T23:30:00Z')).toBe('fresh');
    expect(await statusAt(sunday.id, '2026-03-28T23:00:00Z', '2026-03-30T00:00:00Z')).toBe('fresh');
    expect(await statusAt(sunday.id, '2026-03-28T23:00:00Z', '2026-03-30T00:01:00Z')).toBe('stale');
  });

  it('calls a feed silent for longer than the look-back stale whatever the calendar says', async () => {
    expect(await statusAt(office.id, '2026-06-01T08:00:00Z', '2026-12-28T06:00:00Z')).toBe('stale');
  });
});
