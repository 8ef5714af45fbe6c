// Renders a real digest (a small demo network, the daily digest of Monday 30 Nov 2026 for HQ, in
// English) and screenshots its HTML part in Chromium: docs/screenshots/digest-en.png.
// Run: npx tsx e2e/digest-screenshot.ts [output.png]
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { openDatabase } from '@/db/client';
import { listActiveSubscriptions } from '@/db/queries/digests';
import { migrateDatabase } from '@/db/migrate';
import { seedDemo } from '@/server/seed/demo';
import { composeDigest } from '@/server/digests/compose';
import { latestDuePeriod } from '@/lib/digests/periods';

const NOW = new Date('2026-11-30T06:10:00Z');
const output = path.resolve(process.argv[2] ?? 'docs/screenshots/digest-en.png');

async function renderDigestHtml(): Promise<{ subject: string; html: string }> {
  const handle = await openDatabase({ driver: 'pglite' });
  try {
    await migrateDatabase(handle);
    await seedDemo(handle.db, { now: new Date('2026-11-30T00:00:00Z'), days: 21 });
    const subscription = (await listActiveSubscriptions(handle.db)).find((s) => s.cadence === 'daily');
    if (!subscription) throw new Error('The demo seed has no daily digest subscription');
    const { email } = await composeDigest(handle.db, {
      subscription: { ...subscription, locale: 'en' },
      period: latestDuePeriod(subscription, NOW),
      now: NOW,
      publicUrl: 'http://localhost:3000',
    });
    return email;
  } finally {
    await handle.close();
  }
}

async function main() {
  const { subject, html } = await renderDigestHtml();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 760, height: 900 }, deviceScaleFactor: 1 });
    await page.setContent(html, { waitUntil: 'load' });
    fs.mkdirSync(path.dirname(output), { recursive: true });
    await page.screenshot({ path: output, fullPage: true });
  } finally {
    await browser.close();
  }
  console.log(`${subject}\n→ ${path.relative(process.cwd(), output)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
