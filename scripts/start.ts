// `npm start`: migrate, seed the demo network when the database is empty, build when no build
// exists, then serve. The PGlite directory is released before the server opens it: one process
// at a time holds it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { like } from 'drizzle-orm';
import { openDatabase, optionsFromEnv } from '@/db/client';
import { DataDirLockedError } from '@/db/lock';
import { migrateDatabase } from '@/db/migrate';
import { users } from '@/db/schema';
import { isDatabaseEmpty, seedDemo } from '@/db/seed/demo';
import { ensureSessionSecret } from '@/server/auth/session-secret';
import { OutdatedTzDataError, assertCurrentTzData } from '@/server/time/tz-data';

const root = process.cwd();
const port = Number(process.env.PORT || 3000);
const nextBin = path.join(root, 'node_modules', '.bin', 'next');
const started = Date.now();

function log(message: string) {
  console.log(`[vigie] ${message}`);
}

async function prepareDatabase(): Promise<{ secret: string; demoAccounts: string[]; where: string }> {
  const handle = await openDatabase(optionsFromEnv('vigie start (preparing)'));
  try {
    await migrateDatabase(handle);
    log(`database ready (${handle.driver}: ${handle.location})`);
    if (await isDatabaseEmpty(handle.db)) {
      log('empty database: seeding the demo network…');
      const { counts, ms } = await seedDemo(handle.db);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      log(`demo network seeded: ${total} rows in ${(ms / 1000).toFixed(1)} s`);
    }
    const secret = await ensureSessionSecret(handle.db);
    const demo = await handle.db.select({ email: users.email }).from(users).where(like(users.email, '%@demo.vigie'));
    return { secret, demoAccounts: demo.map((u) => u.email).sort(), where: `${handle.driver}: ${handle.location}` };
  } finally {
    await handle.close();
  }
}

function buildIfNeeded() {
  if (fs.existsSync(path.join(root, process.env.VIGIE_DIST_DIR || '.next', 'BUILD_ID'))) return;
  log('no build found: building (a few minutes on a small machine)…');
  const result = spawnSync(nextBin, ['build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) {
    console.error('[vigie] the build failed; see the output above.');
    process.exit(result.status ?? 1);
  }
}

async function waitForHealth(url: string, child: ReturnType<typeof spawn>): Promise<boolean> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

async function main() {
  try {
    log(`time-zone data ${assertCurrentTzData()} (Node ${process.version})`);
  } catch (error) {
    if (!(error instanceof OutdatedTzDataError)) throw error;
    console.error(`[vigie] ${error.message}`);
    process.exit(1);
  }
  let prepared: Awaited<ReturnType<typeof prepareDatabase>>;
  try {
    prepared = await prepareDatabase();
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(`[vigie] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  buildIfNeeded();

  const url = `http://localhost:${port}`;
  const child = spawn(nextBin, ['start', '-p', String(port)], {
    stdio: 'inherit',
    detached: true, // its own process group, so that stopping Vigie stops every worker
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      NEXTAUTH_SECRET: prepared.secret,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL || url,
      VIGIE_PUBLIC_URL: process.env.VIGIE_PUBLIC_URL || url,
    },
  });
  const stop = (signal: NodeJS.Signals) => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    }
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

  if (await waitForHealth(url, child)) {
    const password = process.env.VIGIE_DEMO_PASSWORD || 'vigie-demo';
    log(`Vigie is ready at ${url} (${prepared.where}) after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (prepared.demoAccounts.length) {
      log(`demo accounts (password: ${process.env.VIGIE_DEMO_PASSWORD ? 'VIGIE_DEMO_PASSWORD' : password}):`);
      for (const email of prepared.demoAccounts) log(`  ${email}`);
    }
  } else if (child.exitCode === null) {
    log(`the server did not answer ${url}/api/health within 2 minutes; see its output above.`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
