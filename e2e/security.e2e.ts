// Security as a browser meets it, on the production server: every main page runs under its
// Content-Security-Policy without a single violation (a page whose path has a dot too), every
// answer carries the security headers, a site lead's report text stays text, the session cookie's
// attributes, no redirect off the site after signing in, the limit on failed sign-ins per address
// (which X-Forwarded-For entries a caller adds cannot dodge), and the admins' audit log.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, browserForFile, DEMO_PASSWORD, signIn } from './browser';

const browser = browserForFile();

const PAGES = [
  '/',
  '/sites/PAR',
  '/missions',
  '/reports',
  '/qa',
  '/settings/targets',
  '/settings/sites',
  '/settings/users',
  '/settings/keys',
  '/settings/outbox',
  '/settings/audit',
  '/settings/tokens',
  '/settings/digests',
];

/**
 * Collects what the browser refuses under the policy: every securitypolicyviolation event (from an
 * init script, so it listens before the page's own scripts run) and every console error about
 * the Content Security Policy.
 */
async function watchPolicy(context: BrowserContext, page: Page): Promise<string[]> {
  const problems: string[] = [];
  await context.exposeBinding('__reportViolation', (_source, text: string) => {
    problems.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportViolation: (text: string) => void }).__reportViolation;
      void report(`${location.pathname}: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /content.security.policy|refused to (execute|load|apply)/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return problems;
}

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('no-referrer');
  expect(headers['permissions-policy'], what).toMatch(/camera=\(\)/);
  expect(headers['x-powered-by'], what).toBeUndefined();
  expect(headers['content-security-policy'], what).toMatch(/frame-ancestors 'none'/);
}

/** Today in a time zone, as YYYY-MM-DD. */
function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

describe('the Content-Security-Policy', () => {
  it('lets every main page run, as admin, without a single violation', async () => {
    const page = await signIn(browser(), 'admin@demo.vigie');
    const problems = await watchPolicy(page.context(), page);
    const nonces = new Set<string>();
    for (const path of PAGES) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      const headers = response!.headers();
      expectSecurityHeaders(headers, path);
      const policy = headers['content-security-policy']!;
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce, path).toBeTruthy();
      nonces.add(nonce!);
      expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      // Next.js's client runtime started: its bootstrap scripts ran under the nonce.
      await expect.poll(() => page.evaluate(() => typeof (window as unknown as { next?: { version?: string } }).next?.version), { timeout: 20_000 }).toBe('string');
      await page.waitForLoadState('networkidle');
    }
    expect(problems).toEqual([]);
    // A fresh nonce for every page.
    expect(nonces.size).toBe(PAGES.length);
    await page.context().close();
  });

  it('lets the login page run, with its headers, before anyone signs in', async () => {
    const context = await browser().newContext({ baseURL: baseUrl() });
    const page = await context.newPage();
    const problems = await watchPolicy(context, page);
    const response = await page.goto('/login');
    expect(response?.status()).toBe(200);
    expectSecurityHeaders(response!.headers(), '/login');
    expect(response!.headers()['content-security-policy']).toMatch(/'nonce-/);
    // The form works only if its script runs: a wrong password is explained without a reload.
    await page.getByLabel(/e-?mail/i).fill('nobody@demo.vigie');
    await page.getByLabel(/password/i).fill('not the password');
    await page.getByRole('button', { name: /sign in/i }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: /\S/ }).first().textContent(), { timeout: 20_000 }).toMatch(/wrong/i);
    expect(problems).toEqual([]);

    // And markup someone manages to inject does not run its handler, and this watch sees the refusal.
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.innerHTML = '<img src="x" onerror="window.__injected = true">';
      document.body.append(box);
    });
    await expect.poll(() => problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(/script-src/);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    await context.close();
  });

  it('gives a page whose path has a dot its policy too', async () => {
    const page = await signIn(browser(), 'admin@demo.vigie');
    const response = await page.goto('/qa/evaluations/TUN/12.0');
    expect(response!.status()).toBeLessThan(500);
    expectSecurityHeaders(response!.headers(), '/qa/evaluations/TUN/12.0');
    expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    await page.context().close();
  });

  it('puts the headers on the APIs and static files too', async () => {
    const page = await signIn(browser(), 'admin@demo.vigie');
    const script = await page.evaluate(() => [...document.scripts].map((s) => s.src).find((src) => src.includes('/_next/static/')));
    expect(script).toBeTruthy();
    for (const path of ['/api/health', '/api/v1/openapi.json', '/api/trpc/users.me', '/api/v1/kpis.csv?from=2026-01-01&to=2026-01-02', '/api/auth/session', new URL(script!).pathname]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBeLessThan(500);
      const headers = response.headers();
      expect(headers['x-frame-options'], path).toBe('DENY');
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['referrer-policy'], path).toBe('no-referrer');
      expect(headers['x-powered-by'], path).toBeUndefined();
      if (path.startsWith('/api/')) expect(headers['content-security-policy'], path).toBe("default-src 'none'; frame-ancestors 'none'");
    }
    await page.context().close();
  });
});

describe('a site lead’s report text', () => {
  it('is shown to HQ as text: no markup, no script runs', async () => {
    const SCRIPT = '<script>window.__xss = "script"</script>';
    const IMAGE = `<img src=x onerror="window.__xss = 'img'">`;
    const lead = await signIn(browser(), 'lead.cas@demo.vigie');
    const filed = await lead.request.post('/api/trpc/reports.submit', {
      data: {
        json: {
          date: todayIn('Africa/Casablanca'),
          scheduledAgents: 20,
          presentAgents: 18,
          incidents: [{ category: 'other', description: `<svg onload="window.__xss = 'svg'"></svg>` }],
          highlights: SCRIPT,
          blockers: IMAGE,
        },
      },
    });
    expect(filed.status(), await filed.text()).toBe(200);
    await lead.context().close();

    const page = await signIn(browser(), 'admin@demo.vigie');
    const problems = await watchPolicy(page.context(), page);
    await page.goto('/reports');
    const row = page.getByRole('region', { name: /today at each site/i }).getByRole('row').filter({ hasText: 'CAS' });
    await row.getByRole('button', { name: /open/i }).click({ timeout: 20_000 });
    await page.getByText(SCRIPT).waitFor({ timeout: 20_000 });
    await page.getByText(IMAGE).waitFor();
    expect(await page.locator('main img[src="x"], main svg[onload]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('the session cookie', () => {
  it('is httpOnly and SameSite=Lax (not Secure over plain http), and Secure behind an https proxy', async () => {
    const page = await signIn(browser(), 'hq@demo.vigie');
    const session = (await page.context().cookies()).find((c) => c.name === 'next-auth.session-token');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
    await page.context().close();

    const csrf = await fetch(`${baseUrl()}/api/auth/csrf`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(csrf.headers.getSetCookie().every((c) => /; Secure/i.test(c) && /; HttpOnly/i.test(c) && /; SameSite=Lax/i.test(c))).toBe(true);
  });
});

describe('after signing in', () => {
  it('goes to a path of this site only, whatever the callbackUrl of the login page says', async () => {
    const page = await signIn(browser(), 'hq@demo.vigie');
    const origin = new URL(baseUrl()).origin;
    // Were the browser sent there, it would land here rather than wait on a name that does not resolve.
    await page.context().route((url) => url.hostname === 'evil.example', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>evil</h1>' }));
    for (const callbackUrl of ['%2F%09%2Fevil.example', '%2F%0A%2Fevil.example', '%2F%5Cevil.example', '%5C%5Cevil.example', '%2F.%2F%2Fevil.example', 'https%3A%2F%2Fevil.example%2F']) {
      await page.goto(`/login?callbackUrl=${callbackUrl}`);
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      expect(new URL(page.url()).origin, callbackUrl).toBe(origin);
      expect(new URL(page.url()).pathname, callbackUrl).toBe('/');
    }
    // A path of the site is kept.
    await page.goto('/login?callbackUrl=%2Freports%3Fx%3D1');
    await page.waitForURL((url) => url.pathname === '/reports');
    expect(new URL(page.url()).search).toBe('?x=1');
    await page.context().close();
  });

  it('through the form, too', async () => {
    const context = await browser().newContext({ baseURL: baseUrl(), locale: 'en-GB' });
    await context.route((url) => url.hostname === 'evil.example', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>evil</h1>' }));
    const page = await context.newPage();
    await page.goto('/login?callbackUrl=%2F%09%2Fevil.example');
    await page.getByLabel(/e-?mail/i).fill('hq@demo.vigie');
    await page.getByLabel(/password/i).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    expect(new URL(page.url()).origin).toBe(new URL(baseUrl()).origin);
    expect(new URL(page.url()).pathname).toBe('/');
    await context.close();
  });
});

describe('failed sign-ins from one address', () => {
  it('are refused with 429 past the limit, across accounts, whatever else X-Forwarded-For says, and the form says so', async () => {
    // An address of its own, so that the other tests' sign-ins are not limited: the entry the
    // proxy in front (these tests, VIGIE_TRUSTED_PROXIES=1) appends.
    const context = await browser().newContext({ baseURL: baseUrl(), locale: 'en-GB', extraHTTPHeaders: { 'x-forwarded-for': '198.51.100.77' } });
    let status = 0;
    let attempts = 0;
    for (; attempts < 30 && status !== 429; attempts++) {
      const { csrfToken } = (await (await context.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
      // The caller writes a new address of its own each time, and posts past /credentials: neither
      // gets it a new allowance.
      const response = await context.request.post(attempts % 2 ? '/api/auth/callback/credentials' : '/api/auth/callback/credentials/x', {
        headers: { 'x-forwarded-for': `10.${attempts}.0.1, 198.51.100.77` },
        form: { email: `guess-${attempts}@demo.vigie`, password: 'guess', csrfToken, json: 'true' },
      });
      status = response.status();
      if (status === 429) expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
      else expect(status).toBe(401);
    }
    expect(status).toBe(429);
    expect(attempts).toBeGreaterThan(3);

    // Even the right password, from that address, waits.
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel(/e-?mail/i).fill('hq@demo.vigie');
    await page.getByLabel(/password/i).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /sign in/i }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: /\S/ }).first().textContent(), { timeout: 20_000 }).toMatch(/too many failed sign-ins/i);
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();

    // The address in the audit log is the one the proxy vouched for, not one the caller wrote.
    const admin = await signIn(browser(), 'admin@demo.vigie');
    const input = encodeURIComponent(JSON.stringify({ json: { action: 'auth.login_failed', limit: 5 } }));
    const audit = await admin.request.get(`/api/trpc/audit.list?input=${input}`);
    expect(audit.status()).toBe(200);
    const rows = ((await audit.json()) as { result: { data: { json: { rows: { details: { ip?: string; email?: string } }[] } } } }).result.data.json.rows;
    const guess = rows.find((row) => row.details.email?.startsWith('guess-'));
    expect(guess?.details.ip).toBe('198.51.100.77');
    await admin.context().close();
  });
});

describe('the audit log', () => {
  it('shows admins who changed what, filtered and expanded from the keyboard', async () => {
    const page = await signIn(browser(), 'admin@demo.vigie');
    await page.goto('/settings/audit');
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const table = page.getByRole('table', { name: /audit log entries/i });
    await table.waitFor({ timeout: 20_000 });
    // signIn set the admin's language: the newest entries are theirs.
    await expect.poll(() => table.innerText()).toContain('admin@demo.vigie');

    const action = page.getByLabel('What');
    await action.focus();
    await action.selectOption('user.set_locale');
    await page.getByRole('button', { name: 'Apply' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await table.getByRole('rowheader').allInnerTexts()).every((t) => t === 'user.set_locale')).toBe(true);

    // The button's name changes once open ("Hide the details…"): hold it by what it controls.
    const controls = await table.getByRole('button', { name: /show the details of entry/i }).first().getAttribute('aria-controls');
    const toggle = page.locator(`button[aria-controls="${controls}"]`);
    const details = page.locator(`[id="${controls}"]`);
    expect(await details.isHidden()).toBe(true);
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => details.innerText()).toMatch(/"locale": "en"/);
    await page.keyboard.press('Space');
    await expect.poll(() => details.isHidden()).toBe(true);
    await page.context().close();
  });

  it('is not there for HQ managers or site leads', async () => {
    for (const email of ['hq@demo.vigie', 'lead.tun@demo.vigie']) {
      const page = await signIn(browser(), email);
      expect((await page.goto('/settings/audit'))?.status()).toBe(404);
      expect(await page.locator('nav a[href="/settings/audit"]').count()).toBe(0);
      const api = await page.request.get(`/api/trpc/audit.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);
      expect(api.status()).toBe(403);
      await page.context().close();
    }
  });
});
