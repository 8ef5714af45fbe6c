// Contracts and statements as an administrator, HQ and a site lead meet them: an administrator
// adds a contract version in Settings → Contracts (a field's error shown before anything is sent)
// and removes it; opens Port Louis's statement of the last full month (the demo's two understaffed
// weeks miss its weekly service level), reads its figures and downloads it as CSV and PDF; HQ
// closes that month; a site lead opening another site's statement gets the 404 page. The pages
// pass axe's WCAG 2.1 A and AA checks.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserForFile, signIn, WAIT } from './browser';

const browser = browserForFile();

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"], .animate-pulse'), undefined, WAIT);
}

async function seriousViolations(page: Page): Promise<string[]> {
  await settle(page);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${page.url()}: ${v.impact} ${v.id} — ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
}

/** The last full month in the browser's calendar, as the statement pages open on by default. */
function lastFullMonth(now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

const monthWords = (month: string) => new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));

describe('contracts and statements', () => {
  it('lets an administrator add a contract version (its errors said first) and remove it', { timeout: 240_000 }, async () => {
    const page = await signIn(browser(), 'admin@demo.vigie');
    const contracts = page.getByRole('navigation').getByRole('link', { name: 'Contracts' });
    expect(await contracts.getAttribute('href')).toBe('/settings/contracts');
    await contracts.click();
    // The first page the server renders after its start may take a while on a busy machine.
    await page.waitForURL('**/settings/contracts', { timeout: 60_000, waitUntil: 'commit' });
    const tunis = page.getByRole('region', { name: /^TUN · / });
    await tunis.getByRole('table').waitFor(WAIT);
    expect(await tunis.innerText()).toContain('Teleperf Tunisie');
    expect(await tunis.innerText()).toContain('Service level ≥ 70.0% each week, 1 miss allowed');
    expect(await seriousViolations(page)).toEqual([]);

    await tunis.getByRole('button', { name: 'Add a version for TUN' }).click();
    const dialog = page.getByRole('dialog', { name: 'New contract version for TUN' });
    await dialog.waitFor(WAIT);
    // It starts from the version in force.
    expect(await dialog.getByLabel('Provider').inputValue()).toBe('Teleperf Tunisie');
    await dialog.getByLabel('In force from (site’s day)').fill('2030-01-01');
    await dialog.getByLabel('Rate (EUR)').fill('cheap');
    await dialog.getByRole('button', { name: 'Save the version' }).click();
    await expect.poll(() => dialog.innerText(), WAIT).toContain('Type a rate of 0 or more.');
    expect(await tunis.getByRole('row', { name: /2030/ }).count()).toBe(0);

    await dialog.getByLabel('Rate (EUR)').fill('2.25');
    await dialog.getByRole('button', { name: 'Add a term' }).click();
    const term = dialog.getByRole('group', { name: 'Term 4' });
    await term.getByLabel('Metric').selectOption('ahtSeconds');
    await term.getByLabel('Threshold (seconds)').fill('360');
    await term.getByLabel('Measured').selectOption('month');
    await term.getByLabel('Penalty per missed period').fill('750');
    await term.getByLabel('Penalty', { exact: true }).selectOption('fixed');
    await expect.poll(() => term.innerText(), WAIT).toContain('Average handle time ≤ 6:00 over the month, no miss allowed, penalty €750.00 per missed month');
    await dialog.getByRole('button', { name: 'Save the version' }).click();
    await dialog.waitFor({ state: 'hidden', ...WAIT });
    const row = tunis.getByRole('row', { name: /Jan 1, 2030/ });
    await row.waitFor(WAIT);
    expect(await row.innerText()).toContain('€2.25 per handled call');
    expect(await row.innerText()).toContain('Average handle time ≤ 6:00 over the month');

    await tunis.getByRole('button', { name: 'Remove the version of TUN from Jan 1, 2030' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove the version of TUN from Jan 1, 2030?' });
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await confirm.waitFor({ state: 'hidden', ...WAIT });
    await expect.poll(() => tunis.getByRole('row', { name: /Jan 1, 2030/ }).count(), WAIT).toBe(0);
    await page.context().close();
  });

  it('shows a site’s statement with its figures, as CSV and PDF too, and HQ closes the month', { timeout: 240_000 }, async () => {
    const month = lastFullMonth();
    const admin = await signIn(browser(), 'admin@demo.vigie');
    await admin.getByRole('navigation').getByRole('link', { name: 'Statements' }).click();
    await admin.waitForURL('**/statements', { timeout: 60_000, waitUntil: 'commit' });
    const table = admin.getByRole('table', { name: `Statements for ${monthWords(month)}` });
    await table.waitFor(WAIT);
    const mru = table.getByRole('row', { name: /MRU/ });
    expect(await mru.innerText()).toContain('Draft');
    expect(await seriousViolations(admin)).toEqual([]);
    await mru.getByRole('link', { name: 'Open the statement of MRU' }).click();
    await admin.waitForURL(`**/sites/MRU/statement?month=${month}`);
    await admin.getByRole('heading', { level: 1, name: `Statement MRU, ${monthWords(month)}` }).waitFor(WAIT);
    const terms = admin.getByRole('region', { name: 'Terms', exact: true });
    await terms.getByRole('table').first().waitFor(WAIT);
    const termsText = await terms.innerText();
    expect(termsText).toMatch(/Service level ≥ [\d.]+% each week/);
    expect(termsText).toContain('Missed');
    expect(termsText).toMatch(/[\d,]+ \/ [\d,]+/);
    expect(termsText).toContain('Formula: calls answered within the SLA ÷ calls offered');
    const invoice = await admin.getByRole('region', { name: 'Invoice', exact: true }).innerText();
    expect(invoice).toMatch(/Volume: [\d,.]+ productive hours × €14\.00/);
    expect(invoice).toMatch(/Penalty: 1\. Service level\s+− €[\d,.]+/);
    expect(invoice).toMatch(/Invoice estimate\s+€[\d,.]+/);
    expect(await admin.getByRole('region', { name: 'Cost per call', exact: true }).innerText()).toMatch(/Per handled call\s+€[\d.]+/i);
    expect(await seriousViolations(admin)).toEqual([]);

    // The same statement, downloaded.
    const csvHref = await admin.getByRole('link', { name: 'Download the statement as CSV' }).getAttribute('href');
    const csv = await admin.request.get(csvHref!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    // Idle connections are kept 65 s (VIGIE_KEEP_ALIVE_SECONDS), not Node's 5 s: the sign-in's locale call
    // left a connection idle while the pages above were read, and reusing it just as the server closed
    // it would have been answered with a reset.
    expect(csv.headers()['keep-alive']).toBe('timeout=65');
    expect(await csv.text()).toContain(`statement,MRU,`);
    const pdfHref = await admin.getByRole('link', { name: 'Download the statement as PDF' }).getAttribute('href');
    const pdf = await admin.request.get(pdfHref!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const refused = await admin.request.get(`/api/v1/statements.csv?site=MRU&month=last`);
    expect(refused.status()).toBe(400);
    await admin.context().close();

    // HQ closes the month, after a confirmation; then it is closed, by them.
    const hq = await signIn(browser(), 'hq@demo.vigie');
    await hq.goto(`/sites/MRU/statement?month=${month}`);
    await hq.getByRole('button', { name: 'Close month' }).click();
    const confirm = hq.getByRole('dialog', { name: `Close MRU for ${monthWords(month)}?` });
    await confirm.getByRole('button', { name: 'Close month' }).click();
    await confirm.waitFor({ state: 'hidden', ...WAIT });
    await expect.poll(() => hq.getByRole('main').innerText(), WAIT).toMatch(/Closed on .+ by Claire Dubois/);
    expect(await hq.getByRole('button', { name: 'Close month' }).count()).toBe(0);
    await hq.goto(`/statements?month=${month}`);
    await expect.poll(() => hq.getByRole('row', { name: /MRU/ }).innerText(), WAIT).toContain('Closed');
    await hq.context().close();
  });

  it('gives a site lead their own statement and the 404 page for another site’s', { timeout: 120_000 }, async () => {
    const page = await signIn(browser(), 'lead.cas@demo.vigie');
    expect(await page.locator('nav a[href="/settings/contracts"]').count()).toBe(0);
    expect((await page.goto('/sites/TUN/statement'))?.status()).toBe(404);
    expect((await page.goto('/settings/contracts'))?.status()).toBe(404);
    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: 'Statement', exact: true }).click();
    await page.waitForURL('**/sites/CAS/statement**');
    await page.getByRole('region', { name: 'Invoice', exact: true }).waitFor(WAIT);
    // HQ's action is not theirs.
    expect(await page.getByRole('button', { name: 'Close month' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
