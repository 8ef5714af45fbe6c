import { chromium, type Page } from 'playwright-core';
const out = '/tmp/qa-shots';
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"], .animate-pulse'), undefined, { timeout: 60_000 }).catch(() => {});
  await page.waitForTimeout(400);
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
async function login(who: string) {
  const context = await browser.newContext({ baseURL: 'http://localhost:3103', viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.log(who, 'console error:', m.text(), page.url()); });
  await page.goto('/login');
  await page.getByLabel(/e-?mail/i).fill(who);
  await page.getByLabel(/password|mot de passe/i).fill('vigie-demo');
  await page.getByRole('button', { name: /sign in|se connecter/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}
const shot = async (page: Page, name: string) => { await settle(page); await page.screenshot({ path: `${out}/${name}.png`, fullPage: true }); console.log(name, page.url()); };
const lead = await login('lead.cas@demo.vigie');
await lead.goto('/qa');
await shot(lead, 'lead-1-qa');
await lead.goto('/qa?review=rescored');
await settle(lead);
await lead.locator('main table tbody a').first().click();
await lead.waitForURL(/\/qa\/evaluations\//);
await shot(lead, 'lead-2-detail');
const r1 = await lead.goto('/qa/evaluations/TUN/1'); console.log('other site', r1?.status());
const r2 = await lead.goto('/qa/calibration'); console.log('calibration', r2?.status());
const r3 = await lead.goto('/qa/forms'); console.log('forms', r3?.status());
await lead.goto('/sites/CAS');
await shot(lead, 'lead-3-site');
const hq = await login('hq@demo.vigie');
await hq.goto('/qa/forms/new');
await settle(hq);
await hq.getByRole('button', { name: /create|créer/i }).click();
await shot(hq, 'hq-forms-new-errors');
await hq.goto('/qa/forms/1');
await shot(hq, 'hq-forms-1');
await browser.close();
