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

const hq = await login('hq@demo.vigie');
await hq.goto('/qa?site=CAS&review=rescored');
await settle(hq);
await hq.locator('main table tbody a').first().click();
await hq.waitForURL(/\/qa\/evaluations\//);
await shot(hq, 'flow-1-detail');
await hq.goto('/qa/calibration?site=CAS');
await settle(hq);
const draw = hq.locator('form').filter({ has: hq.getByRole('spinbutton') });
await draw.getByRole('combobox').selectOption('CAS');
await draw.getByRole('spinbutton').fill('5');
await draw.getByRole('button').click();
await hq.waitForURL(/worklists/);
await shot(hq, 'flow-2-worklist');
await hq.locator('main header, main').getByRole('link').filter({ hasText: /next|suivant/i }).first().click();
await hq.waitForURL(/rescore/);
await shot(hq, 'flow-3-rescore');
// score every criterion: pick the highest button per fieldset
for (const fs of await hq.locator('fieldset').all()) {
  const labels = fs.locator('label');
  const n = await labels.count();
  await labels.nth(n - 2).click();
}
await hq.getByRole('button', { name: /save|enregistrer/i }).click();
await hq.getByRole('status').first().waitFor();
await shot(hq, 'flow-4-saved');
await browser.close();
