// What the server process does once at start-up: take the database (and so the PGlite lock, so a
// CLI beside it refuses plainly) and start the background jobs: the digest scheduler, and on PGlite
// the statistics refresh. Started by `npm start`, it also stops when its launcher is gone.
import { startAlertScheduler } from './alerts/scheduler';
import { getDatabase } from './db';
import { startDemoSimulator } from './demo/simulator';
import { startDigestScheduler } from './digests/scheduler';
import { exitWithLauncher } from './launcher-watch';
import { startLiveBus } from './live/server-hub';
import { startStatisticsRefresh } from './statistics';
import { assertCurrentTzData } from './time/tz-data';
import { startLocalDayRebuild } from './time/tz-rebuild-job';

export async function boot(): Promise<void> {
  // First, before the database: a server whose launcher died while it was starting stops too.
  exitWithLauncher();
  // A server on older rules would file records on the wrong local day: it refuses to serve.
  assertCurrentTzData();
  const handle = await getDatabase();
  console.log(`[vigie] server using ${handle.driver} (${handle.location})`);
  startDigestScheduler(async () => (await getDatabase()).db);
  startAlertScheduler(async () => (await getDatabase()).db);
  // Joined at start, so that pushes this instance receives reach wallboards open on the others.
  await startLiveBus(handle);
  if (handle.driver === 'pglite') startStatisticsRefresh(handle.db);
  // After a tz data upgrade, the stored local days that changed move while the server serves.
  void startLocalDayRebuild(handle.db, handle.driver);
  // On the demo network, the sites push live through the REST API (VIGIE_DEMO_LIVE=0: not).
  startDemoSimulator(handle.db).catch((error: unknown) => console.error('[vigie] live demo: could not start', error));
}
