// `vigie bench pages`: how long the dashboard's pages take in a real browser until every section
// is drawn, on the demo network, on PGlite and on PostgreSQL. The production server is started as
// a user starts it (on a fresh data directory or database, so the demo is seeded), Chromium signs
// in as HQ and loads each page N times in one tab. A section is drawn when nothing in it is still loading
// (the shared loading placeholders carry aria-busy="true") and each of its charts has its SVG; the
// page is drawn when every section is, <main> having been parsed to its end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { withDatabase } from '@/db/testing-url';
import type { BenchDriver } from './databases';
import { startVigie, type ServedVigie } from './server-process';
import { fmt, percentile, table } from './stats';

export type PagesOptions = {
  runs: number;
  drivers: BenchDriver[];
  serverUrl: string;
  /** The site whose page is loaded. */
  site: string;
  chromiumPath?: string;
};

const DEMO_PASSWORD = process.env.VIGIE_DEMO_PASSWORD || 'vigie-demo';

/** The pages measured, by name. */
function pagesFor(site: string) {
  return [
    { name: 'overview', path: '/' },
    { name: 'overview today', path: '/?range=today' },
    { name: `site ${site}`, path: `/sites/${site}` },
    { name: `site ${site} today`, path: `/sites/${site}?range=today` },
  ];
}

type Load = { drawnMs: number; htmlMs: number; fcpMs: number; htmlKb: number; trpcRequests: number; errors: number };

/**
 * Evaluated in the page each animation frame: the time since the navigation started once every
 * section of <main> is drawn, else false. Errors (role="alert") count as drawn and are reported.
 */
const DRAWN = `(() => {
  const main = document.querySelector('main');
  if (!main) return false;
  const sections = main.querySelectorAll('section');
  if (sections.length === 0) return false;
  if (main.querySelector('[aria-busy="true"]')) return false;
  // The parser may pause inside <main> (to run a script or draw a frame): the sections still to
  // come are not in the document yet. <main> is whole once something follows it.
  let whole = false;
  for (let node = main; node && node !== document.body; node = node.parentElement) if (node.nextElementSibling) { whole = true; break; }
  if (!whole) return false;
  for (const chart of main.querySelectorAll('.recharts-responsive-container')) if (!chart.querySelector('svg')) return false;
  const nav = performance.getEntriesByType('navigation')[0];
  const trpc = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/trpc/')).length;
  const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
  return {
    drawnMs: performance.now(),
    htmlMs: nav ? nav.responseEnd : 0,
    fcpMs: fcp ? fcp.startTime : NaN,
    htmlKb: nav ? nav.encodedBodySize / 1024 : 0,
    trpcRequests: trpc,
    errors: main.querySelectorAll('section [role="alert"]').length,
  };
})()`;

async function signIn(browser: Browser, origin: string): Promise<BrowserContext> {
  // The pages' CSP forbids evaluating strings; the probe below is one (a function would carry the
  // bench's own transpiled helpers into the page).
  const context = await browser.newContext({ baseURL: origin, locale: 'en-GB', bypassCSP: true });
  const page = await context.newPage();
  // The first page a fresh server renders can take long on a busy machine.
  await page.goto('/login', { timeout: 180_000 });
  await page.getByLabel(/e-?mail/i).fill('hq@demo.vigie');
  await page.getByLabel(/password|mot de passe/i).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /sign in|se connecter/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 180_000 });
  await page.close();
  return context;
}

/**
 * One load of the page in a tab already open, as a reader moving between pages or reloading one.
 * A new tab is not used per load: headless Chromium opens each new tab with its own browser UI
 * (the omnibox's pages and scripts), which on 2 cores held the page's request back 250–450 ms
 * after the navigation started, time that is the browser's, not the page's. The tab goes to
 * about:blank first, so that every load is a whole new document.
 */
async function loadOnce(page: Page, pagePath: string, timeout = 60_000): Promise<Load> {
  await page.goto('about:blank');
  await page.goto(pagePath, { waitUntil: 'commit', timeout });
  const handle = await page.waitForFunction(DRAWN, undefined, { polling: 'raf', timeout });
  return (await handle.jsonValue()) as Load;
}

type Row = { driver: BenchDriver; page: string; loads: Load[] };

async function measure(served: ServedVigie, driver: BenchDriver, opts: PagesOptions): Promise<Row[]> {
  const origin = `http://localhost:${served.port}`;
  const browser = await chromium.launch({
    executablePath: opts.chromiumPath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await signIn(browser, origin);
    const rows: Row[] = [];
    const page = await context.newPage();
    for (const { name, path: pagePath } of pagesFor(opts.site)) {
      // One load first: the server's first render of a route compiles and caches what it needs.
      await loadOnce(page, pagePath, 180_000);
      const loads: Load[] = [];
      for (let i = 0; i < opts.runs; i++) loads.push(await loadOnce(page, pagePath));
      rows.push({ driver, page: name, loads });
    }
    return rows;
  } finally {
    await browser.close();
  }
}

async function withServer<T>(driver: BenchDriver, serverUrl: string, use: (served: ServedVigie) => Promise<T>): Promise<T> {
  // The demo's live simulator would push calls during the measure: off, so runs compare alike.
  const env: Record<string, string> = { VIGIE_DEMO_LIVE: '0', VIGIE_SEED_DEMO: '1' };
  let cleanup = async () => {};
  if (driver === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-pages-'));
    Object.assign(env, { DATABASE_URL: '', VIGIE_DATA_DIR: dir });
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const database = `vigie_bench_pages_${process.pid}`;
    const { default: postgres } = await import('postgres');
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${database}" with (force)`);
    await admin.unsafe(`create database "${database}"`);
    await admin.end();
    env.DATABASE_URL = withDatabase(serverUrl, database);
    cleanup = async () => {
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${database}" with (force)`);
      await dropper.end();
    };
  }
  try {
    // The first start seeds the demo network: minutes on a busy machine.
    const served = await startVigie({ env, readyTimeoutMs: 15 * 60_000 });
    try {
      return await use(served);
    } finally {
      await served.stop(5_000);
    }
  } finally {
    await cleanup();
  }
}

export async function benchPages(opts: PagesOptions): Promise<string> {
  const rows: Row[] = [];
  for (const driver of opts.drivers) rows.push(...(await withServer(driver, opts.serverUrl, (served) => measure(served, driver, opts))));
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const body = rows.map((r) => {
    const drawn = sorted(r.loads.map((l) => l.drawnMs));
    const html = sorted(r.loads.map((l) => l.htmlMs));
    const fcp = sorted(r.loads.map((l) => l.fcpMs).filter(Number.isFinite));
    const kb = sorted(r.loads.map((l) => l.htmlKb));
    const trpc = r.loads.reduce((s, l) => s + l.trpcRequests, 0) / r.loads.length;
    const errors = r.loads.reduce((s, l) => s + l.errors, 0);
    return [r.driver, r.page, r.loads.length, fmt(percentile(kb, 50), 0), fmt(percentile(html, 50), 0), fmt(percentile(fcp, 50), 0), fmt(percentile(drawn, 50), 0), fmt(percentile(drawn, 95), 0), fmt(trpc, 1), errors];
  });
  return [
    `Every section drawn, in Chromium, from the start of the navigation in an open tab (ms), ${opts.runs} loads per page after one warm-up; demo network, signed in as hq@demo.vigie.`,
    table(['driver', 'page', 'loads', 'HTML kB', 'HTML p50', 'first paint p50', 'drawn p50', 'drawn p95', 'tRPC req/load', 'errors'], body),
    'HTML: the document received (compressed size; time of its last byte). First paint: first contentful paint (— when the frame with every section came first). Drawn: the first frame with every section drawn.',
  ].join('\n');
}
