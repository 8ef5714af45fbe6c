import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { reportDeadlinesInDatabase } from '@/db/queries/reports';
import { createTestDb } from '@/db/testing';
import { makeSite } from '@/test/fixtures';
import { dayStatus, reportDeadline, siteToday, timelinessOf } from './deadline';

describe('reportDeadline', () => {
  it('is the deadline minute of the site-local day, in the site’s zone', () => {
    expect(reportDeadline('2025-03-14', 1260, 'Indian/Mauritius').toISOString()).toBe('2025-03-14T17:00:00.000Z');
    expect(reportDeadline('2025-03-14', 1260, 'Africa/Dakar').toISOString()).toBe('2025-03-14T21:00:00.000Z');
    expect(reportDeadline('2025-03-14', 0, 'Africa/Tunis').toISOString()).toBe('2025-03-13T23:00:00.000Z');
    expect(reportDeadline('2025-03-14', 1439, 'Africa/Tunis').toISOString()).toBe('2025-03-14T22:59:00.000Z');
  });

  it('follows daylight saving time', () => {
    expect(reportDeadline('2025-03-29', 1260, 'Europe/Paris').toISOString()).toBe('2025-03-29T20:00:00.000Z');
    expect(reportDeadline('2025-03-30', 1260, 'Europe/Paris').toISOString()).toBe('2025-03-30T19:00:00.000Z');
    expect(reportDeadline('2025-10-26', 1260, 'Europe/Paris').toISOString()).toBe('2025-10-26T20:00:00.000Z');
  });
});

describe('report status', () => {
  const deadline = new Date('2025-03-14T17:00:00Z');
  it('is on time up to the deadline itself, late after', () => {
    expect(timelinessOf(new Date('2025-03-14T16:59:59Z'), deadline)).toBe('on_time');
    expect(timelinessOf(deadline, deadline)).toBe('on_time');
    expect(timelinessOf(new Date('2025-03-14T17:00:01Z'), deadline)).toBe('late');
  });

  it('is pending until the deadline passes without a report, then missing', () => {
    expect(dayStatus(null, deadline, new Date('2025-03-14T16:00:00Z'))).toBe('pending');
    expect(dayStatus(null, deadline, deadline)).toBe('pending');
    expect(dayStatus(null, deadline, new Date('2025-03-14T17:00:01Z'))).toBe('missing');
    expect(dayStatus(new Date('2025-03-15T08:00:00Z'), deadline, new Date('2025-03-16T00:00:00Z'))).toBe('late');
  });

  it('takes "today" in the site’s own zone', () => {
    const now = new Date('2025-03-14T21:30:00Z');
    expect(siteToday(now, 'Indian/Mauritius')).toBe('2025-03-15');
    expect(siteToday(now, 'Africa/Dakar')).toBe('2025-03-14');
  });
});

describe('the database computes the same deadlines', () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(() => h.close());

  it('agrees with PostgreSQL across zones, minutes and DST changes', async () => {
    const days = ['2025-01-15', '2025-03-29', '2025-03-30', '2025-03-31', '2025-06-21', '2025-10-25', '2025-10-26', '2025-10-27', '2024-02-29'];
    const cases: [string, string, number][] = [
      ['PAR', 'Europe/Paris', 1260],
      ['PAS', 'Europe/Paris', 150], // 02:30: skipped on 30 March, twice on 26 October
      ['CAS', 'Africa/Casablanca', 1260],
      ['MRU', 'Indian/Mauritius', 0],
      ['NYC', 'America/New_York', 1439],
    ];
    for (const [code, timezone, minute] of cases) {
      const site = await makeSite(h.db, { code, timezone, reportDeadlineMinute: minute });
      const fromDb = await reportDeadlinesInDatabase(h.db, site.id, days);
      expect(
        fromDb.map((d) => [d.day, new Date(d.deadlineMs).toISOString()]),
        `${code} ${timezone} ${minute}`,
      ).toEqual(days.sort().map((d) => [d, reportDeadline(d, minute, timezone).toISOString()]));
    }
  });
});
