// The HQ dashboard in a browser: the comparison of every demo site, sorting, the period, a KPI's
// explanation, the drill-down to a site, French; and what a site lead may and may not see.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForFile, signIn } from './browser';

const DEMO_SITES = ['ALG', 'CAS', 'DKR', 'MRU', 'PAR', 'TNR', 'TUN'];
const OTHER_THAN_TUN = [
  ...DEMO_SITES.filter((c) => c !== 'TUN'),
  'Paris',
  'Casablanca',
  'Algiers',
  'Alger',
  'Dakar',
  'Port Louis',
  'Antananarivo',
];

const browser = browserForFile();

async function locale(page: Page): Promise<'en' | 'fr'> {
  return (await page.locator('html').getAttribute('lang')) === 'fr' ? 'fr' : 'en';
}

/** Switches the language with the switch in the user menu, as a person would. */
async function switchLocale(page: Page, to: 'en' | 'fr') {
  if ((await locale(page)) === to) return;
  await page.locator('header button[aria-controls]').click();
  await page.getByRole('group', { name: /language|langue/i }).getByRole('button', { name: to.toUpperCase(), exact: true }).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, to);
  await page.keyboard.press('Escape');
}

async function siteCodesInTable(page: Page): Promise<string[]> {
  await page.locator('tbody tr[data-site]').first().waitFor();
  return page.locator('tbody tr[data-site]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-site') ?? ''));
}

/** "6:03" or "48 s" as seconds. */
function seconds(text: string): number {
  const clean = text.trim();
  if (clean.endsWith('s')) return Number(clean.replace(/\D/g, ''));
  const [m, s] = clean.split(':').map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
}

async function ahtColumn(page: Page): Promise<number[]> {
  // Cells: offered, handled, AHT, … (the site is the row header).
  const texts = await page.locator('tbody tr[data-site]').evaluateAll((rows) =>
    rows.map((r) => (r.querySelectorAll('td')[2]?.querySelector('span span')?.textContent ?? '').trim()),
  );
  return texts.map(seconds);
}

describe('the HQ overview', () => {
  let page: Page;
  let originalLocale: 'en' | 'fr';

  beforeAll(async () => {
    page = await signIn(browser(), 'hq@demo.vigie');
    originalLocale = await locale(page);
    await switchLocale(page, 'en');
  });
  afterAll(async () => {
    // Leave the demo account in the language it had.
    await switchLocale(page, originalLocale);
    await page.context().close();
  });

  it('compares all seven demo sites and the network', async () => {
    await page.goto('/');
    expect(await siteCodesInTable(page)).toEqual(DEMO_SITES);
    const network = page.locator('tfoot tr[data-site="network"]');
    expect(await network.locator('th').innerText()).toContain('Network');
    // Every site shows a handle time, and a status as a word (not colour alone).
    expect((await ahtColumn(page)).every((s) => s > 0)).toBe(true);
    expect(await page.locator('tbody [data-rag] .sr-only').first().innerText()).toMatch(/On target|Watch|Off target/);
  });

  it('sorts by a column, both ways, and keeps the sort in the URL', async () => {
    await page.getByRole('button', { name: /^AHT/ }).click();
    await page.waitForURL(/sort=aht/);
    await page.locator('th[aria-sort="ascending"]', { hasText: 'AHT' }).waitFor();
    const ascending = await ahtColumn(page);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

    await page.getByRole('button', { name: /^AHT/ }).click();
    await page.waitForURL(/dir=desc/);
    await page.locator('th[aria-sort="descending"]', { hasText: 'AHT' }).waitFor();
    const descending = await ahtColumn(page);
    expect(descending).toEqual([...ascending].sort((a, b) => b - a));
    expect(new Set(await siteCodesInTable(page))).toEqual(new Set(DEMO_SITES));
  });

  it('changes the period with a preset', async () => {
    const before = await page.locator('form[aria-busy] p').innerText();
    await page.getByLabel('Period').selectOption('yesterday');
    await page.waitForURL(/range=yesterday/);
    await page.waitForFunction((text) => document.querySelector('form[aria-busy] p')?.textContent !== text, before);
    expect(await page.locator('form[aria-busy] p').innerText()).toContain('(1 day)');
    expect(await siteCodesInTable(page)).toHaveLength(DEMO_SITES.length);
    await page.getByLabel('Period').selectOption('last_30_days');
    await page.waitForURL(/range=last_30_days/);
  });

  it('explains a KPI with its formula and the counts behind it', async () => {
    const info = page.getByRole('button', { name: 'How Service level is computed' });
    await info.click();
    const panel = page.getByRole('dialog', { name: 'Service level' });
    await panel.waitFor();
    const text = await panel.innerText();
    expect(text).toContain('Inbound calls answered within');
    expect(text).toMatch(/TUN\s+[\d.]+%\s+= [\d,]+ answered within 20 s \/ [\d,]+ offered/);
    expect(text).toMatch(/Network/);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
  });

  it('drills down to a site over the same days', async () => {
    const search = new URL(page.url()).searchParams;
    expect(search.get('range')).toBe('last_30_days');
    await page.getByRole('link', { name: /^TUN/ }).first().click();
    await page.waitForURL(/\/sites\/TUN\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('TUN');
    await page.getByRole('heading', { name: 'Key figures' }).waitFor();
    await page.getByRole('heading', { name: 'Quality by category' }).waitFor();
    await page.getByRole('table', { name: 'Figures per queue' }).waitFor();
    // The drill-down keeps the period: the picker shows the 30 days it came from.
    expect(await page.getByLabel('Period').inputValue()).toBe('last_30_days');
  });

  it('speaks French after the switch in the user menu', async () => {
    await switchLocale(page, 'fr');
    await page.getByRole('heading', { name: 'Chiffres clés' }).waitFor();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Comparaison des sites' }).waitFor();
    expect(await page.locator('tfoot tr[data-site="network"] th').innerText()).toContain('Réseau');
    expect(await page.getByRole('button', { name: 'Mode de calcul : Niveau de service' }).count()).toBe(1);
    expect(await page.getByLabel('Période').count()).toBe(1);
  });
});

describe('the missions behind pace on the overview', () => {
  it('lists the running missions behind pace, each linking to its progress', async () => {
    const page = await signIn(browser(), 'hq@demo.vigie');
    await page.goto('/');
    const panel = page.getByRole('region', { name: 'Missions behind pace' });
    await panel.waitFor();
    await panel.locator('li, [role="status"]').first().waitFor();
    const links = panel.locator('a[href^="/missions/"]');
    if ((await links.count()) === 0) {
      expect(await panel.getByRole('status').innerText()).toBe('Every running mission is on pace.');
    } else {
      const first = links.first();
      const href = await first.getAttribute('href');
      await first.click();
      await page.waitForURL((u) => u.pathname === href);
    }
    await page.context().close();
  });
});

describe('a site lead', () => {
  let page: Page;

  beforeAll(async () => {
    page = await signIn(browser(), 'lead.tun@demo.vigie');
  });
  afterAll(async () => {
    await page.context().close();
  });

  it('sees their own site and the network, and no other site anywhere on the overview', async () => {
    await page.goto('/');
    expect(await siteCodesInTable(page)).toEqual(['TUN']);
    await page.locator('tfoot tr[data-site="network"]').waitFor();
    await page.locator('figure').first().waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/\bTUN\b/);
    expect(text).toMatch(/Network|Réseau/);
    for (const other of OTHER_THAN_TUN) expect(text, other).not.toMatch(new RegExp(`\\b${other}\\b`));
    // No site filter for a lead.
    expect(await page.getByRole('button', { name: /^Sites/ }).count()).toBe(0);
  });

  it('gets a 404 for another site’s page and for the targets settings', async () => {
    expect((await page.goto('/sites/CAS'))?.status()).toBe(404);
    expect((await page.goto('/settings/targets'))?.status()).toBe(404);
    expect((await page.goto('/sites/TUN'))?.status()).toBe(200);
  });
});
