// A wall screen from pairing to revocation, in two browsers: an admin creates a display under
// Settings → Displays; the screen (a context of its own, never signed in) types the code on
// /display and lands on its wallboard with no secret in its address; it reaches nothing else (the
// app redirects it to sign in, the APIs answer 401); once revoked, it is refused and sent back to
// pairing.
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, browserForFile, signIn } from './browser';

const browser = browserForFile();

const snapshotUrl = (input: unknown) => `/api/trpc/live.snapshot?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

async function displayCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === 'vigie_display');
}

describe('a wall display', () => {
  it('is paired with a typed code, shows only its wallboard, keeps no secret in its address, and is refused once revoked', async () => {
    const admin = await signIn(browser(), 'admin@demo.vigie');
    await admin.goto('/settings/displays');
    const name = `Tunis floor ${Date.now()}`;
    await admin.getByLabel('Name').fill(name);
    await admin.getByLabel('Some sites').check();
    await admin.getByRole('group', { name: 'Sites shown' }).getByRole('checkbox', { name: /TUN/ }).check();
    await admin.getByRole('button', { name: 'Create and get a pairing code' }).click();
    const dialog = admin.getByRole('dialog', { name: `Pairing code for “${name}”` });
    const shown = (await dialog.locator('[data-pairing-code]').textContent())!.trim();
    expect(shown).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await dialog.textContent()).toContain(`${baseUrl()}/display`);
    await dialog.getByRole('button', { name: 'Done' }).click();
    const row = admin.getByRole('row', { name: new RegExp(name) });
    await expect.poll(() => row.textContent()).toContain('Waiting for pairing');

    // The screen: a browser that never signed in.
    const screen = await browser().newContext({ baseURL: baseUrl(), locale: 'en-GB' });
    const page = await screen.newPage();
    await page.goto('/display');
    await page.getByLabel('Pairing code').fill(shown.toLowerCase());
    await page.getByRole('button', { name: 'Pair' }).click();
    await page.waitForURL((url) => url.pathname === '/live/TUN', { timeout: 30_000 });
    await page.locator('[data-site="TUN"]').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-site]:not([data-site="TUN"])').count()).toBe(0);
    const cookie = await displayCookie(screen);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(399 * 86_400_000);
    expect(page.url()).not.toContain(cookie!.value);
    expect(page.url()).not.toContain(shown.replace('-', ''));
    expect(await page.evaluate(() => document.cookie)).not.toContain('vigie_display');
    // Its wallboard's snapshot only: another site asked for still answers its own scope.
    const own = await page.request.get(snapshotUrl({ site: ['DKR'] }));
    expect(own.status()).toBe(200);
    expect(await own.text()).not.toContain('"DKR"');
    // The admin's list follows a waiting code by itself (read again every 3 s), no reload.
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Paired');

    // Nothing else: the app sends it to sign in, every other procedure and the REST API answer 401.
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/login');
    for (const path of ['/api/trpc/users.me', '/api/trpc/sites.list', '/api/trpc/displays.list', '/api/trpc/health.check', '/api/v1/sites']) {
      expect((await page.request.get(path)).status(), path).toBe(401);
    }
    expect((await page.request.post('/api/trpc/displays.create', { data: { json: { name: 'Minted', sites: null, locale: 'en' } } })).status()).toBe(401);
    // The same code does not pair a second screen.
    const second = await browser().newContext({ baseURL: baseUrl() });
    const again = await second.request.post('/api/display/pair', { data: { code: shown } });
    expect(again.status()).toBe(400);
    expect(await displayCookie(second)).toBeUndefined();
    await second.close();

    // Revoked from the settings: refused at the next request, and the screen goes back to pairing.
    await row.getByRole('button', { name: `Revoke display ${name}` }).click();
    const confirm = admin.getByRole('dialog', { name: `Revoke “${name}”?` });
    await confirm.getByRole('button', { name: 'Revoke', exact: true }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expect.poll(() => row.textContent()).toContain('Revoked');
    expect((await page.request.get(snapshotUrl({}))).status()).toBe(401);
    await page.goto('/live/TUN');
    expect(new URL(page.url()).pathname).toBe('/display');
    await page.getByRole('alert').filter({ hasText: 'revoked or paired again' }).waitFor();

    await screen.close();
    await admin.context().close();
  }, 180_000);

  it('pairs a screen without script too: the bare form posts and is redirected, with the reason when refused', async () => {
    const screen = await browser().newContext({ baseURL: baseUrl(), javaScriptEnabled: false });
    const page = await screen.newPage();
    await page.goto('/display');
    await page.getByLabel('Pairing code').fill('ZZZZ-ZZZZ');
    await page.getByRole('button', { name: 'Pair' }).click();
    await page.waitForURL((url) => url.pathname === '/display' && url.searchParams.get('error') === 'refused');
    expect(await page.getByRole('alert').textContent()).toContain('unknown, already used or expired');
    expect(await displayCookie(screen)).toBeUndefined();
    await screen.close();
  }, 60_000);
});
