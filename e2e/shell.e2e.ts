// Sign-in and roles as a person meets them: each demo account lands in the shell with its rights.
import { describe, expect, it } from 'vitest';
import { baseUrl, browserForFile, signIn } from './browser';

const browser = browserForFile();

const ALL_SITES = ['PAR', 'TUN', 'CAS', 'ALG', 'DKR', 'MRU', 'TNR'];

describe('the signed-in shell', () => {
  it('answers its health check on the embedded database', async () => {
    const res = await fetch(`${baseUrl()}/api/health`);
    expect(await res.json()).toEqual({ status: 'ok', database: 'pglite', tz: process.versions.tz });
    expect(process.versions.tz! >= '2026c').toBe(true);
  });

  it('sends a visitor who is not signed in to the login page', async () => {
    const page = await (await browser().newContext({ baseURL: baseUrl() })).newPage();
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
  });

  it('refuses a wrong password with a message', async () => {
    const page = await (await browser().newContext({ baseURL: baseUrl() })).newPage();
    await page.goto('/login');
    await page.getByLabel(/e-?mail/i).fill('hq@demo.vigie');
    await page.getByLabel(/password/i).fill('not the password');
    await page.getByRole('button', { name: /sign in/i }).click();
    // Next.js keeps an empty route announcer with the alert role: read the one that speaks.
    await expect.poll(() => page.getByRole('alert').filter({ hasText: /\S/ }).first().textContent()).toMatch(/wrong|incorrect/i);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
  });

  it('shows HQ every site, without the administration pages', async () => {
    const page = await signIn(browser(), 'hq@demo.vigie');
    // The comparison loads after the page: wait for the last site, whatever the user's language.
    await expect.poll(() => page.locator('main').innerText(), { timeout: 20_000 }).toContain('TNR');
    const text = await page.locator('main').innerText();
    for (const code of ALL_SITES) expect(text).toContain(code);
    expect(await page.locator('nav a[href="/settings/users"]').count()).toBe(0);
    expect((await page.goto('/settings/users'))?.status()).toBe(404);
    await page.context().close();
  });

  it('shows a site lead their own site only, and hides the others’ pages', async () => {
    const page = await signIn(browser(), 'lead.tun@demo.vigie');
    await expect.poll(() => page.locator('main').innerText(), { timeout: 20_000 }).toContain('TUN');
    const text = await page.locator('main').innerText();
    expect(text).toContain('TUN');
    for (const code of ALL_SITES.filter((c) => c !== 'TUN')) expect(text).not.toContain(code);
    expect((await page.goto('/settings/sites'))?.status()).toBe(404);
    await page.context().close();
  });

  it('hydrates the overview as the server drew it, whatever the browser’s clock, so a nav link clicked at once navigates', { timeout: 120_000 }, async () => {
    const page = await signIn(browser(), 'lead.tun@demo.vigie');
    // The browser's clock 61 minutes off the server's, on the same day in Tunis (the lead's zone, so
    // the same date range): a feed's "11m ago" drawn from each side's own clock would differ, React
    // would discard the server's HTML and render the page again, and a link clicked meanwhile could
    // be lost (the router never navigated, even a minute later).
    const offset = 61 * 60_000;
    const day = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Tunis' }).format(at);
    const now = Date.now();
    await page.clock.setSystemTime(day(now + offset) === day(now) ? now + offset : now - offset);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: 'Upload data' }).click();
    await page.waitForURL('**/upload', { timeout: 30_000, waitUntil: 'commit' });
    // React's hydration errors (#418 text, #425…) end up here; none may remain.
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('lets the administrator manage sites and users', async () => {
    const page = await signIn(browser(), 'admin@demo.vigie');
    await page.goto('/settings/sites');
    await expect.poll(() => page.locator('main').innerText(), { timeout: 20_000 }).toContain('TNR');
    const sites = await page.locator('main').innerText();
    for (const code of ALL_SITES) expect(sites).toContain(code);
    await page.goto('/settings/users');
    await expect.poll(() => page.locator('main').innerText(), { timeout: 20_000 }).toContain('lead.dkr@demo.vigie');
    await page.context().close();
  });
});
