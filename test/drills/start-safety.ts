// Drills: what `npm start` does with a real launcher, a real server and a database of its own.
// - launcher-death: the launcher killed by SIGKILL (the tsx process `npm start` runs, then the
//   node process running scripts/start.ts), and sent SIGHUP as a closing terminal does: each time
//   the Next.js server must be gone and the port free within seconds.
// - first-start-postgres: an empty PostgreSQL database gets no demo account; the console says how
//   to create the first administrator and prints a one-time setup link that works once, through
//   the real page (in Chromium: the form checks its fields first) and route; the server then
//   listens on every interface, with no banner.
import fs from 'node:fs';
import net from 'node:net';
import { chromium } from 'playwright-core';
import { listeningAddresses, processTree, startVigie, type ServedVigie } from '@/cli/bench/server-process';
import { check, freshDatabase, log, SHARED_PG, sleep } from './harness';

const DEADLINE_MS = 10_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

function portRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

type Scenario = { name: string; kill(served: ServedVigie, pids: { tsx: number; launcher: number; server: number }): void };

const scenarios: Scenario[] = [
  { name: 'SIGKILL of the tsx process `npm start` runs', kill: (_s, p) => process.kill(p.tsx, 'SIGKILL') },
  { name: 'SIGKILL of the node process running scripts/start.ts', kill: (_s, p) => process.kill(p.launcher, 'SIGKILL') },
  // A closing terminal sends SIGHUP to the launcher's process group; the server is in a session of its own.
  { name: 'SIGHUP to the launcher’s process group', kill: (s) => process.kill(-s.pid, 'SIGHUP') },
];

export async function launcherDeath(): Promise<string> {
  const database = await freshDatabase(SHARED_PG, 'launcher');
  const results: string[] = [];
  try {
    for (const scenario of scenarios) {
      const served = await startVigie({ env: { DATABASE_URL: database.url } });
      let pids: number[] = [];
      try {
        const tree = processTree(served.pid);
        const launcher = tree.find((p) => p.pid !== served.pid && commandOf(p.pid).includes('scripts/start.ts'));
        const server = tree.find((p) => commandOf(p.pid).startsWith('next-server') || commandOf(p.pid).includes('next start'));
        check(launcher && server, `${scenario.name}: launcher or server not found in ${tree.map((p) => `${p.pid} ${commandOf(p.pid)}`).join('; ')}`);
        check(!(await portRefused(served.port)), `${scenario.name}: the server does not answer on ${served.port}`);
        pids = tree.map((p) => p.pid);
        const started = Date.now();
        scenario.kill(served, { tsx: served.pid, launcher: launcher.pid, server: server.pid });
        let ms: number | null = null;
        while (Date.now() - started < DEADLINE_MS) {
          if (pids.every((pid) => !alive(pid)) && (await portRefused(served.port))) {
            ms = Date.now() - started;
            break;
          }
          await sleep(100);
        }
        const left = pids.filter(alive).map((pid) => `${pid} ${commandOf(pid)}`);
        check(ms !== null, `${scenario.name}: after ${DEADLINE_MS / 1000} s, still running: ${left.join('; ') || '(none)'}; port ${served.port} ${(await portRefused(served.port)) ? 'free' : 'still served'}`);
        log(`${scenario.name}: server and launcher gone, port free, in ${ms} ms`);
        results.push(`${ms} ms`);
      } finally {
        await served.kill('SIGKILL');
        // A server that outlived its launcher is no longer in the launcher's tree: ended by its pid.
        for (const pid of pids.filter(alive)) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // gone
          }
        }
      }
    }
  } finally {
    await database.drop();
  }
  return `the server stopped within ${results.join(', ')} (SIGKILL of tsx, SIGKILL of start.ts, SIGHUP)`;
}

/**
 * The setup page in Chromium: the form checks its fields before sending anything (the same zod
 * schema as the server), then creates the administrator.
 */
async function createAdminInBrowser(link: string, admin: { email: string; name: string; password: string }): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({ locale: 'en-GB' });
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/setup')) posts.push(r.url());
    });
    await page.goto(link);
    await page.getByLabel('E-mail').fill('not an address');
    await page.getByLabel('Name').fill(admin.name);
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Password again').fill('other');
    await page.getByRole('button', { name: 'Create the administrator' }).click();
    await page.getByText('Enter a valid e-mail address.').waitFor({ timeout: 10_000 });
    check(await page.getByText('A password has 8 to 200 characters.').isVisible(), 'the form does not explain a short password');
    const posted = () => posts.length;
    check(posted() === 0, 'the form posted input it should have refused itself');
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.getByLabel('Password again').fill(admin.password);
    await page.getByRole('button', { name: 'Create the administrator' }).click();
    await page.getByText(`The administrator ${admin.email} is created.`).waitFor({ timeout: 20_000 });
    check(posted() === 1, `the form posted ${posted()} times`);
  } finally {
    await browser.close();
  }
}

export async function firstStartPostgres(): Promise<string> {
  const database = await freshDatabase(SHARED_PG, 'first_start');
  let served: ServedVigie | null = null;
  try {
    served = await startVigie({ env: { DATABASE_URL: database.url, VIGIE_SEED_DEMO: '', HOST: '' } });
    // The setup lines follow the "ready" line that startVigie waits for.
    for (let i = 0; i < 50 && !served.output().includes('setup?token='); i++) await sleep(100);
    const output = served.output();
    check(!output.includes('seeding the demo'), 'the demo network was seeded into an empty PostgreSQL database');
    check(!output.includes('@demo.vigie'), 'demo accounts were printed');
    check(output.includes('users:add --role admin'), 'the console does not say how to add the first administrator');
    const link = /https?:\/\/\S+\/setup\?token=([A-Za-z0-9_-]{43})/.exec(output);
    check(link, `no setup link on the console:\n${output.slice(-2000)}`);
    const token = link[1]!;
    const addresses = listeningAddresses(served.port);
    check(addresses.length > 0 && !addresses.every((a) => a === '127.0.0.1' || a === '::1'), `without public accounts the server should listen on every interface, not ${addresses.join(', ')}`);

    const signIn = await fetch(`${served.url}/login`);
    check(signIn.status === 200, `/login: HTTP ${signIn.status}`);
    check(!(await signIn.text()).includes('public-password-banner'), 'the public-password banner shows without any demo account');

    const wrong = await fetch(`${served.url}/setup?token=${'A'.repeat(43)}`);
    const wrongHtml = await wrong.text();
    check(wrong.status === 200 && !wrongHtml.includes('setup-email'), 'a wrong setup token shows the form');
    const page = await fetch(`${served.url}/setup?token=${token}`, { redirect: 'manual' });
    check(page.status === 200, `/setup with the printed token: HTTP ${page.status} (a redirect means the proxy sent it to sign in)`);
    check((await page.text()).includes('setup-email'), 'the setup page does not show the form for the printed token');

    const body = { token, email: 'first@example.org', name: 'First Admin', password: 'a long passphrase', confirm: 'a long passphrase', locale: 'en' };
    const post = (b: unknown) => fetch(`${served!.url}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
    const badToken = await post({ ...body, token: 'B'.repeat(43) });
    check(badToken.status === 403, `a wrong token: HTTP ${badToken.status}, not 403`);
    await createAdminInBrowser(`${served.url}/setup?token=${token}`, body);
    const again = await post({ ...body, email: 'second@example.org' });
    check(again.status === 409, `the link used a second time: HTTP ${again.status}, not 409`);
    const after = await fetch(`${served.url}/setup?token=${token}`);
    check(!(await after.text()).includes('setup-email'), 'the setup page still shows the form once an administrator exists');
    log(`no demo, setup link printed and used once in Chromium (then 409), listening on ${addresses.join(', ')}`);
    return 'an empty PostgreSQL database starts without accounts; the setup link creates one administrator, once';
  } finally {
    if (served) await served.kill('SIGKILL');
    await database.drop();
  }
}
