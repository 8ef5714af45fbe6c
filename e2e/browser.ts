// Debian's Chromium through playwright-core, with the flags this closed network needs.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const DEMO_PASSWORD = process.env.VIGIE_DEMO_PASSWORD || 'vigie-demo';

export function baseUrl(): string {
  return inject('baseUrl');
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The machine running these may be busy: give each page up to 30 seconds to settle. */
export const WAIT = { timeout: 30_000 };

/** Chromium for the test file calling this: launched before its tests, closed after them. */
export function browserForFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not launched yet: call the browser inside a test or a hook');
    return browser;
  };
}

/** Signs in through the login form and waits for the signed-in shell (on the shared server, or on `origin`). */
export async function signIn(browser: Browser, email: string, password = DEMO_PASSWORD, origin = baseUrl()): Promise<Page> {
  const context = await browser.newContext({ baseURL: origin, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel(/e-?mail/i).fill(email);
  await page.getByLabel(/password|mot de passe/i).fill(password);
  await page.getByRole('button', { name: /sign in|se connecter/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  // Every test starts in English, whatever language an earlier test left this account in.
  const res = await page.request.post('/api/trpc/users.setMyLocale', { data: { json: { locale: 'en' } } });
  if (!res.ok()) throw new Error(`Could not reset the language of ${email}: HTTP ${res.status()}`);
  await context.addCookies([{ name: 'VIGIE_LOCALE', value: 'en', url: origin }]);
  await page.reload();
  return page;
}
