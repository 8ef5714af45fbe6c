// The fault drills against the production build, each with a PASS or FAIL line and its duration;
// exits non-zero when one fails. `npm run test:drills [-- name…]` (names as listed below).
// They need `npm run build` (VIGIE_DIST_DIR honoured) and the PostgreSQL server of the tests
// (DRILLS_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres).
import { requireBuild } from '@/cli/bench/server-process';
import { databaseRestart } from './db-restart';
import { pgliteSurvivesKill } from './pglite-kill';
import { sigkillDuringPush } from './sigkill-push';
import { firstStartPostgres, launcherDeath } from './start-safety';

type Drill = { name: string; title: string; run: () => Promise<string>; timeoutMs: number };

const drills: Drill[] = [
  { name: 'sigkill-push-postgres', title: 'SIGKILL during a push, then a retry (PostgreSQL)', run: () => sigkillDuringPush('postgres'), timeoutMs: 6 * 60_000 },
  { name: 'sigkill-push-pglite', title: 'SIGKILL during a push, then a retry (PGlite, stale lock)', run: () => sigkillDuringPush('pglite'), timeoutMs: 6 * 60_000 },
  { name: 'db-restart', title: 'PostgreSQL stopped and started under a running server', run: databaseRestart, timeoutMs: 6 * 60_000 },
  { name: 'pglite-kill', title: 'a PGlite data directory survives a killed server', run: pgliteSurvivesKill, timeoutMs: 6 * 60_000 },
  { name: 'launcher-death', title: 'the server stops when its launcher is killed (SIGKILL) or hung up (SIGHUP)', run: launcherDeath, timeoutMs: 6 * 60_000 },
  { name: 'first-start-postgres', title: 'an empty PostgreSQL database: no demo accounts, a one-time setup link', run: firstStartPostgres, timeoutMs: 4 * 60_000 },
];

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !drills.some((d) => d.name === w));
  if (unknown.length) {
    console.error(`Unknown drill(s): ${unknown.join(', ')}. Drills: ${drills.map((d) => d.name).join(', ')}`);
    return 2;
  }
  requireBuild();
  const chosen = wanted.length ? drills.filter((d) => wanted.includes(d.name)) : drills;
  let failed = 0;
  for (const drill of chosen) {
    console.log(`\n▶ ${drill.name}: ${drill.title}`);
    const started = performance.now();
    try {
      const summary = await withTimeout(drill.run(), drill.timeoutMs);
      console.log(`PASS ${drill.name} (${((performance.now() - started) / 1000).toFixed(1)} s): ${summary}`);
    } catch (error) {
      failed++;
      const e = error as Error;
      console.log(`FAIL ${drill.name} (${((performance.now() - started) / 1000).toFixed(1)} s): ${e.name === 'DrillFailure' ? e.message : (e.stack ?? e.message)}`);
    }
  }
  console.log(`\n${chosen.length - failed} of ${chosen.length} drills passed.`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
