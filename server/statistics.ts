// Fresh planner statistics for a PGlite database: once shortly after start-up (a data directory
// filled by pushes since the last start has none for its new rows) and every six hours after.
// A PostgreSQL server's autovacuum does the same by itself, so the server starts this on PGlite only.
import type { Cron } from 'croner';
import type { Db } from '@/db/client';
import { refreshStatistics } from '@/db/queries/maintenance';
import { startScheduledJob } from './scheduled-job';

const FIRST_RUN_DELAY_MS = 30_000;

export function startStatisticsRefresh(db: Db): Cron {
  const run = async () => {
    const started = performance.now();
    await refreshStatistics(db);
    console.log(`[vigie] statistics refreshed in ${Math.round(performance.now() - started)} ms`);
  };
  return startScheduledJob({
    name: 'vigie-statistics',
    pattern: '41 */6 * * *',
    failure: '[vigie] statistics refresh failed; the next one will try again',
    run,
    onStart: (job) => setTimeout(() => void job.trigger(), FIRST_RUN_DELAY_MS).unref(),
  });
}
