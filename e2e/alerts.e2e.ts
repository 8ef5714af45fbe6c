// Alerts as an administrator and a site lead meet them: a rule written in Settings → Alert rules
// (a field's error shown before anything is sent), one that the demo surely breaches (calls
// offered yesterday at Casablanca above 0, quiet when closed off); "Check rules now" runs one
// tick; the bell in the top bar counts the new alert; /alerts shows it with its figures and
// formula; and having opened /alerts, the bell's count drops. A site lead has no rules to write
// and reads only their own site's alerts.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserForFile, signIn, WAIT } from './browser';

const browser = browserForFile();

const bell = (page: Page) => page.getByRole('banner').getByRole('link', { name: /unread alert/ });

/** The bell's count, as its badge and accessible name say it. */
async function unreadCount(page: Page): Promise<number> {
  return Number(await bell(page).getAttribute('data-unread'));
}

describe('alerts', () => {
  it('fires a rule written in the settings: the bell counts it, /alerts shows its figures, and opening /alerts empties the bell', { timeout: 240_000 }, async () => {
    const page = await signIn(browser(), 'admin@demo.vigie');
    await page.getByRole('navigation').getByRole('link', { name: 'Alert rules' }).click();
    await page.waitForURL('**/settings/alerts');
    // The demo's built-in rules are listed, marked as such.
    const table = page.getByRole('table', { name: 'Alert rules' });
    await expect.poll(() => table.getByText('Built in').count(), WAIT).toBeGreaterThanOrEqual(4);

    const name = `Offered yesterday at CAS ${Date.now()}`;
    await page.getByRole('button', { name: 'New rule' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New alert rule' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Metric').selectOption('offered');
    await dialog.getByRole('group', { name: 'Sites' }).getByRole('checkbox', { name: /CAS/ }).check();
    await dialog.getByLabel('Window').selectOption('yesterday');
    await dialog.getByLabel('Fires when the value is').selectOption('above');
    await expect.poll(() => dialog.getByLabel('Threshold', { exact: true }).inputValue(), WAIT).toBe('number');
    await dialog.getByLabel('Minimum volume').fill('0');
    await dialog.getByLabel('Quiet when the site is closed (its calendar)').uncheck();

    // Not a number: said beside the field, and nothing is created.
    await dialog.getByLabel('Threshold (count)').fill('lots');
    await dialog.getByRole('button', { name: 'Create rule' }).click();
    await expect.poll(() => dialog.innerText(), WAIT).toContain('Type a number.');
    expect(await page.getByRole('row', { name: new RegExp(name) }).count()).toBe(0);

    await dialog.getByLabel('Threshold (count)').fill('0');
    await dialog.getByRole('button', { name: 'Create rule' }).click();
    await dialog.waitFor({ state: 'hidden', ...WAIT });
    const row = page.getByRole('row', { name: new RegExp(name) });
    await row.waitFor(WAIT);
    expect(await row.innerText()).toContain('Calls offered');
    expect(await row.innerText()).toContain('CAS');

    // One tick now, as the scheduler runs each minute.
    await page.getByRole('button', { name: 'Check rules now' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Rules checked' }).count(), WAIT).toBe(1);
    await expect.poll(() => unreadCount(page), WAIT).toBeGreaterThanOrEqual(1);
    const before = await unreadCount(page);
    expect(await bell(page).getAttribute('aria-label')).toMatch(new RegExp(`^${before} unread alerts?$`));

    // The alert, firing, with the value against its threshold, its window and its figures.
    await bell(page).click();
    await page.waitForURL('**/alerts');
    const firing = page.getByRole('region', { name: /Firing now/ });
    const alert = firing.getByRole('article', { name: new RegExp(name) });
    await alert.waitFor(WAIT);
    const text = await alert.innerText();
    expect(text).toContain('Firing');
    expect(text).toContain('CAS');
    expect(text).toMatch(/Calls offered [\d,]+ above 0/);
    expect(text).toContain('Window: yesterday');
    await alert.getByText('Figures and formula').click();
    const figures = alert.locator('dl');
    await expect.poll(() => figures.innerText(), WAIT).toContain('Formula');
    expect(await figures.innerText()).toContain('inbound calls, short abandons (< 5 s) excluded');

    // Having opened /alerts, the bell counts fewer (none, unless another rule fired meanwhile).
    await expect.poll(() => unreadCount(page), WAIT).toBeLessThan(before);

    // The rule goes, after a confirmation; the alert stays in the history.
    await page.goto('/settings/alerts');
    await page.getByRole('button', { name: `Delete ${name}` }).click();
    const confirm = page.getByRole('dialog', { name: `Delete “${name}”?` });
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await confirm.waitFor({ state: 'hidden', ...WAIT });
    await expect.poll(() => page.getByRole('row', { name: new RegExp(name) }).count(), WAIT).toBe(0);
    await page.context().close();
  });

  it('keeps the rules to HQ and admins, and shows a site lead their own site’s alerts only', { timeout: 120_000 }, async () => {
    const page = await signIn(browser(), 'lead.cas@demo.vigie');
    expect(await page.locator('nav a[href="/settings/alerts"]').count()).toBe(0);
    expect((await page.goto('/settings/alerts'))?.status()).toBe(404);
    await page.goto('/');
    await bell(page).click();
    await page.waitForURL('**/alerts');
    await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor(WAIT);
    // The alert the first test raised at Casablanca is theirs; nothing of another site or the network.
    const items = page.locator('[data-alert-id]');
    await expect.poll(() => items.count(), WAIT).toBeGreaterThanOrEqual(1);
    for (const text of await items.allInnerTexts()) {
      expect(text).toContain('CAS');
      expect(text).not.toContain('Network');
    }
    // No site to choose: their own is the only one.
    expect(await page.getByRole('group', { name: 'Filters' }).getByText('Site', { exact: true }).count()).toBe(0);
    await page.context().close();
  });
});
