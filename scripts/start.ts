// `npm start`: migrate, seed the demo network into an empty embedded database (PostgreSQL only
// with VIGIE_SEED_DEMO=1), build when no build exists, then serve. The PGlite directory is released
// before the server opens it: one process at a time holds it.
//
// The server never outlives this launcher: Ctrl-C, SIGTERM and SIGHUP (the terminal closing) are
// passed on to the server's process group; the server watches this process and stops if it dies
// without doing so (SIGKILL); and this process stops the server if its own parent (`npm`, `tsx`)
// dies.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DataDirLockedError } from '@/db/lock';
import { KeepAliveSettingError, keepAliveTimeoutMs } from '@/server/setup/keep-alive';
import { demoPassword } from '@/server/seed/demo';
import { LAUNCHER_PID_ENV, watchParent } from '@/server/launcher-watch';
import { setupLink } from '@/server/setup/first-admin';
import { prepareDatabase, type PreparedDatabase } from '@/server/setup/prepare-database';
import { LOOPBACK_HOST, listenHost } from '@/server/setup/public-password';
import { OutdatedTzDataError, assertCurrentTzData } from '@/server/time/tz-data';

const root = process.cwd();
const port = Number(process.env.PORT || 3000);
const nextBin = path.join(root, 'node_modules', '.bin', 'next');
const started = Date.now();

function log(message: string) {
  console.log(`[vigie] ${message}`);
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

async function waitForHealth(url: string, child: ChildProcess): Promise<boolean> {
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

function printAccess(prepared: PreparedDatabase, url: string, host: string | undefined) {
  if (prepared.publicAccounts.length) {
    const password = demoPassword();
    log(`demo accounts with the public password "${password}" (anyone who knows it can sign in):`);
    for (const email of prepared.publicAccounts) log(`  ${email}`);
    if (host === LOOPBACK_HOST && !process.env.HOST?.trim()) {
      log(`listening on ${LOOPBACK_HOST} only while they keep that password; set HOST (e.g. HOST=0.0.0.0) to serve other machines anyway.`);
    }
  }
  if (prepared.setupToken) {
    const publicUrl = (process.env.VIGIE_PUBLIC_URL || url).replace(/\/+$/, '');
    log('no administrator yet. Create the first one with');
    log(`  npm run vigie -- users:add --role admin --email you@example.com --name "Your Name" --password-stdin`);
    log('or open this one-time setup link (valid until an administrator exists; a restart makes a new one):');
    log(`  ${setupLink(publicUrl, prepared.setupToken)}`);
  }
  if (prepared.driver === 'postgres' && prepared.secretSource === 'database') {
    log('NEXTAUTH_SECRET is not set: sessions are signed with a secret kept in the database. Set NEXTAUTH_SECRET (e.g. `openssl rand -base64 32`) to keep it out of the database.');
  }
}

async function main() {
  // Older tz rules would file records on the wrong local day: refuse before touching the database.
  try {
    log(`time-zone data ${assertCurrentTzData()} (Node ${process.version})`);
  } catch (error) {
    if (!(error instanceof OutdatedTzDataError)) throw error;
    console.error(`[vigie] ${error.message}`);
    process.exit(1);
  }
  let keepAliveMs: number;
  try {
    keepAliveMs = keepAliveTimeoutMs(process.env);
  } catch (error) {
    if (!(error instanceof KeepAliveSettingError)) throw error;
    console.error(`[vigie] ${error.message}`);
    process.exit(1);
  }
  // Until the server runs, a launcher whose parent died just stops.
  let stopServer: (signal: NodeJS.Signals) => void = () => process.exit(1);
  watchParent(() => {
    log('the process that started Vigie is gone: stopping');
    stopServer('SIGTERM');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stopServer(signal === 'SIGHUP' ? 'SIGTERM' : signal));

  let prepared: PreparedDatabase;
  try {
    prepared = await prepareDatabase(process.env, log);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(`[vigie] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  buildIfNeeded();

  const url = `http://localhost:${port}`;
  const host = listenHost(process.env, prepared.publicAccounts.length > 0);
  const child = spawn(nextBin, ['start', '-p', String(port), '--keepAliveTimeout', String(keepAliveMs), ...(host ? ['-H', host] : [])], {
    stdio: 'inherit',
    detached: true, // its own process group, so that stopping Vigie stops every worker
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      NEXTAUTH_SECRET: prepared.secret,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL || url,
      VIGIE_PUBLIC_URL: process.env.VIGIE_PUBLIC_URL || url,
      [LAUNCHER_PID_ENV]: String(process.pid),
    },
  });
  stopServer = (signal) => {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
      // A server that does not stop in time is killed: the launcher never exits before it.
      setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }, 10_000).unref();
    } else {
      process.exit(1);
    }
  };
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

  if (await waitForHealth(url, child)) {
    log(`Vigie is ready at ${url} (${prepared.where}) after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    printAccess(prepared, url, host);
  } else if (child.exitCode === null) {
    log(`the server did not answer ${url}/api/health within 2 minutes; see its output above.`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
