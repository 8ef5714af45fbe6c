// Fresh planner statistics for a PGlite database: once shortly after start-up (a data directory
// filled by pushes since the last start has none for its new rows) and every six hours after.
// A PostgreSQL server's autovacuum does the same by itself, so the server starts this on PGlite only.
import { Cron } from 'croner';
import type { Db } from '@/db/client';
import { refreshStatistics } from '@/db/queries/maintenance';

const KEY = Symbol.for('vigie.statistics-refresh');
type Holder = { [KEY]?: Cron };

const FIRST_RUN_DELAY_MS = 30_000;

export function startStatisticsRefresh(db: Db): Cron {
  const holder = globalThis as Holder;
  const running = holder[KEY];
  if (running && !running.isStopped()) return running;
  const run = async () => {
    const started = performance.now();
    await refreshStatistics(db);
    console.log(`[vigie] statistics refreshed in ${Math.round(performance.now() - started)} ms`);
  };
  const job = new Cron(
    '41 */6 * * *',
    {
      name: 'vigie-statistics',
      protect: true,
      catch: (error: unknown) => console.error('[vigie] statistics refresh failed; the next one will try again', error),
      unref: true,
    },
    run,
  );
  holder[KEY] = job;
  setTimeout(() => void job.trigger(), FIRST_RUN_DELAY_MS).unref();
  return job;
}
