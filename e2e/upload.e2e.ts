// A site lead uploads a CSV export by hand: preview with the rejected row, then commit.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('CSV upload', () => {
  it('previews the file, shows the bad row with its reasons, and commits the good ones', async () => {
    const page = await signIn(browser, 'lead.tun@demo.vigie');
    await page.getByRole('link', { name: 'Upload data' }).click();
    await page.waitForURL('**/upload');
    await page.getByLabel('CSV file', { exact: true }).setInputFiles(path.resolve('samples/calls.csv'));
    await expect.poll(() => page.locator('main').innerText()).toMatch(/8 rows: 7 valid, 1 rejected/);
    const main = await page.locator('main').innerText();
    expect(main).toContain('TUN-20261125-0008');
    expect(main).toMatch(/startedAt/);
    await page.getByRole('button', { name: /Commit 7 rows/ }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/Done: 8 received, 7 inserted, 0 updated, 1 rejected/);
    await page.context().close();
  });

  it('is not offered to HQ', async () => {
    const page = await signIn(browser, 'hq@demo.vigie');
    expect((await page.goto('/upload'))?.status()).toBe(404);
    await page.context().close();
  });
});
