// The tz rebuild the server starts in the background at start-up: when the runtime's tz release
// is newer than the one the stored local days follow (an upgrade), it moves what changed while the
// server serves. Another instance already on it holds the claim: this one tries again when that
// claim would expire, and takes over only if it was not renewed (the other was stopped).
import os from 'node:os';
import type { Db } from '@/db/client';
import type { Actor } from '@/server/auth/principal';
import { rebuildLocalDays, type TzRebuildResult } from './tz-rebuild';

const KEY = Symbol.for('vigie.tz-rebuild');
type Holder = { [KEY]?: Promise<void> };

const FIRST_RUN_DELAY_MS = 5_000;
const RETRY_AFTER_ERROR_MS = 5 * 60_000;
const LOG_EVERY_MS = 10_000;
const actor: Actor = { actorType: 'system', actorId: null, actorLabel: 'tz rebuild at start-up' };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

function report(result: TzRebuildResult): string | null {
  switch (result.status) {
    case 'current':
      return null;
    case 'newer':
      return `stored local days follow tz ${result.recorded}, newer than this server's ${result.target}: left as they are; records this server ingests use its older rules`;
    case 'busy':
      return `another instance is rebuilding (${result.holder ?? 'unknown'})`;
    default:
      return (
        `local days ${result.from ?? 'unknown rules'} → ${result.to}: ${result.movedCalls} call records and ${result.movedEvaluations} evaluations moved, ` +
        `${result.recomputedDays} site-days recomputed, ${result.checked} records checked in ${result.seconds.toFixed(1)} s`
      );
  }
}

/** Rebuilds until the stored days follow this runtime's release (or a newer one), retrying as needed. */
export async function runLocalDayRebuildJob(db: Db, driver: 'pglite' | 'postgres', delayMs = FIRST_RUN_DELAY_MS): Promise<void> {
  await sleep(delayMs);
  for (;;) {
    let lastLog = Date.now();
    try {
      const result = await rebuildLocalDays(db, {
        actor,
        owner: `server on ${os.hostname()} (pid ${process.pid})`,
        upgradeOnly: true,
        // This process holds the PGlite directory: a claim left in it is a dead process's.
        takeOverClaim: driver === 'pglite',
        onProgress: (p) => {
          if (Date.now() - lastLog < LOG_EVERY_MS) return;
          lastLog = Date.now();
          console.log(`[vigie] tz rebuild: ${p.daysDone}/${p.days} site-days, site ${p.site}, ${p.movedCalls + p.movedEvaluations} records moved`);
        },
      });
      const line = report(result);
      if (line) console.log(`[vigie] tz rebuild: ${line}`);
      if (result.status !== 'busy') return;
      // The holder renews its claim with every batch; past its expiry, it has stopped.
      await sleep(Math.max(1_000, (result.until?.getTime() ?? Date.now()) - Date.now() + 1_000));
    } catch (error) {
      console.error('[vigie] tz rebuild failed; it will try again in 5 minutes (or run `npm run vigie -- tz:rebuild`)', error);
      await sleep(RETRY_AFTER_ERROR_MS);
    }
  }
}

/** Starts the background rebuild once per process; answers when it has nothing left to do. */
export function startLocalDayRebuild(db: Db, driver: 'pglite' | 'postgres'): Promise<void> {
  const holder = globalThis as Holder;
  holder[KEY] ??= runLocalDayRebuildJob(db, driver);
  return holder[KEY];
}
