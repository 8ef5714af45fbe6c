// The embedded quick start keeps the demo accounts and their public password, and says so: a
// banner on every page (the sign-in page and the signed-in pages, in English and in French), and
// the server listens on the loopback interface only.
import { describe, expect, it } from 'vitest';
import { listeningAddresses } from '../cli/bench/server-process';
import { baseUrl, browserForFile, signIn } from './browser';

const browser = browserForFile();

describe('demo accounts with the public password', () => {
  it('are announced on the sign-in page, in English and in French', async () => {
    const context = await browser().newContext({ baseURL: baseUrl(), locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await page.goto('/login');
      const banner = page.getByTestId('public-password-banner');
      await expect(banner.textContent()).resolves.toMatch(/Demo accounts with the public password exist/);
      await expect(banner.textContent()).resolves.toMatch(/127\.0\.0\.1/);
      await context.addCookies([{ name: 'VIGIE_LOCALE', value: 'fr', url: baseUrl() }]);
      await page.reload();
      await expect(page.getByTestId('public-password-banner').textContent()).resolves.toMatch(/comptes de démonstration ont le mot de passe public/);
    } finally {
      await context.close();
    }
  });

  it('are announced on every signed-in page', async () => {
    const page = await signIn(browser(), 'admin@demo.vigie');
    try {
      for (const path of ['/', '/sites/PAR', '/settings/users']) {
        await page.goto(path);
        expect(await page.getByTestId('public-password-banner').count(), path).toBe(1);
      }
    } finally {
      await page.context().close();
    }
  });

  it('keep the server on the loopback interface', () => {
    const port = Number(new URL(baseUrl()).port);
    expect(listeningAddresses(port)).toEqual(['127.0.0.1']);
  });
});
