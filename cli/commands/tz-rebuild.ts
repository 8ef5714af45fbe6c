// tz:rebuild: after an upgrade of the runtime's time-zone data, move the stored site-local days
// that the new rules change and recompute their rollups (the server also starts this in the
// background). Safe to stop at any point: a rerun continues where it stopped.
import os from 'node:os';
import { SingleBar } from 'cli-progress';
import { cliActor } from '@/server/auth/principal';
import { DEFAULT_BATCH_DAYS, rebuildLocalDays, type TzRebuildProgress, type TzRebuildResult } from '@/server/time/tz-rebuild';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { withDatabase } from '../run-with-db';

function wholeNumber(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new UsageError(`--${name} is a whole number from 1 to 100000`);
  return n;
}

const count = (n: number) => n.toLocaleString('en');

/** The one line that says what a rebuild did. */
export function describeRebuild(result: Extract<TzRebuildResult, { status: 'done' | 'stopped' }>): string {
  const from = result.from ?? 'unknown rules';
  const rate = result.seconds > 0 ? Math.round(result.checkedThisRun / result.seconds) : 0;
  const what =
    `${count(result.checked)} records checked, ${count(result.movedCalls)} call records and ${count(result.movedEvaluations)} evaluations ` +
    `moved to their day, ${count(result.recomputedDays)} site-days of rollups recomputed`;
  const run = `${result.batches} batches in ${result.seconds.toFixed(1)} s, ${count(rate)} records/s`;
  if (result.status === 'stopped') {
    return `Local days ${from} → ${result.to}: stopped after ${run}; so far ${what}. Run tz:rebuild again to continue.`;
  }
  return `Local days ${from} → ${result.to}${result.resumed ? ' (continued)' : ''}: ${what} (${run}).`;
}

export const tzRebuildCommand: Command = {
  name: 'tz:rebuild',
  summary: 'move stored site-local days and recompute their rollups after a time-zone data upgrade',
  usage: `tz:rebuild [--batch-days ${DEFAULT_BATCH_DAYS}] [--max-batches N] [--force]`,
  options: { 'batch-days': { type: 'string' }, 'max-batches': { type: 'string' }, force: { type: 'boolean' } },
  async run(values) {
    const batchDays = wholeNumber(values['batch-days'], 'batch-days');
    const maxBatches = wholeNumber(values['max-batches'], 'max-batches');
    return withDatabase(async (handle) => {
      const tty = process.stderr.isTTY;
      const bar = tty
        ? new SingleBar({
            format: ' {bar} {percentage}% | {value}/{total} site-days | {site} | {moved} moved | {eta}s left',
            hideCursor: true,
            stream: process.stderr,
          })
        : null;
      let lastLine = 0;
      let lastSite = '';
      const onProgress = (p: TzRebuildProgress) => {
        const moved = p.movedCalls + p.movedEvaluations;
        if (bar) {
          if (lastSite === '') bar.start(p.days, 0, { site: p.site, moved });
          bar.update(p.daysDone, { site: p.site, moved });
        } else if (p.site !== lastSite || Date.now() - lastLine > 2_000) {
          console.error(`site ${p.site}: ${p.daysDone}/${p.days} site-days, ${count(p.checked)} records checked, ${count(moved)} moved`);
          lastLine = Date.now();
        }
        lastSite = p.site;
      };
      let result: TzRebuildResult;
      try {
        result = await rebuildLocalDays(handle.db, {
          actor: cliActor(),
          owner: `vigie tz:rebuild on ${os.hostname()} (pid ${process.pid})`,
          batchDays,
          maxBatches,
          // Even when the days follow the runtime's release: after a site's time zone was changed.
          force: values.force === true,
          // A PGlite directory belongs to this process now: a claim left in it is a dead process's.
          takeOverClaim: handle.driver === 'pglite',
          onProgress,
        });
      } finally {
        bar?.stop();
      }
      if (result.status === 'current') {
        console.log(`Stored local days already follow tz ${result.version}: nothing to rebuild.`);
        return 0;
      }
      if (result.status === 'busy') {
        const until = result.until ? ` (its claim runs until ${result.until.toISOString()} unless renewed)` : '';
        console.error(`vigie tz:rebuild: another rebuild is running: ${result.holder ?? 'unknown'}${until}. It will finish the work; run this again if it stops.`);
        return 1;
      }
      if (result.status === 'newer') return 0; // not asked for here (upgradeOnly is the server's)
      console.log(describeRebuild(result));
      return 0;
    });
  },
};
