// The deadlines the database computes for the reports SQL, held against lib/reports/deadline.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { reportDeadlinesInDatabase } from '@/db/queries/reports';
import { createTestDb } from '@/db/testing';
import { reportDeadline } from '@/lib/reports/deadline';
import { makeSite } from '@/test/fixtures';

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
