// A site's calendar in a real browser against the demo network: HQ opens Tunis's calendar from the
// sites settings, drops a public holiday and sees its day turn into a working day, then edits the
// weekly hours and gets a field's error before anything is sent; a closure entered for Algiers's
// today makes the overview say it is closed, and deleting it takes that back. Labels are matched in English and
// French (demo users keep their own language).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserForFile, signIn } from './browser';

const browser = browserForFile();

// A Thursday in Tunisia's 2027 holidays, outside Ramadan: dropped, it is an ordinary working day.
const HOLIDAY = 'Fête de la Révolution et de la Jeunesse';
const HOLIDAY_DATE = '2027-01-14';
const YEAR = '2027';

const cell = (page: Page, date: string) => page.locator(`td[data-date="${date}"]`);

async function kindOf(page: Page, date: string): Promise<string | null> {
  await cell(page, date).waitFor({ timeout: 20_000 });
  return cell(page, date).getAttribute('data-kind');
}

describe('site calendar settings', () => {
  // A loaded machine takes seconds per page: each step waits up to 20 s, the whole test up to 3 minutes.
  it('opens from the sites settings; dropping a holiday turns its day into a working day', { timeout: 180_000 }, async () => {
    const page = await signIn(browser(), 'admin@demo.vigie');
    await page.goto('/settings/sites');
    await page.getByRole('link', { name: /calendar of site TUN|calendrier du site TUN/i }).click();
    await page.waitForURL(/\/settings\/sites\/TUN\/calendar/);
    await page.getByRole('link', { name: /next year|année suivante/i }).first().waitFor({ timeout: 20_000 });
    await page.goto(`/settings/sites/TUN/calendar?year=${YEAR}`);

    const holidays = page.getByRole('region', { name: /public holidays|jours fériés/i });
    await holidays.getByRole('row').filter({ hasText: HOLIDAY }).waitFor({ timeout: 20_000 });
    // A run before this one may have dropped it already: restored first, the test starts from a holiday.
    const restore = holidays.getByRole('button', { name: new RegExp(`^(restore|rétablir) ${HOLIDAY}$`, 'i') });
    if ((await restore.count()) > 0) {
      await restore.click();
      await holidays.getByRole('button', { name: new RegExp(`^(drop|retirer) ${HOLIDAY}$`, 'i') }).waitFor({ timeout: 20_000 });
    }
    await expect.poll(() => kindOf(page, HOLIDAY_DATE), { timeout: 20_000 }).toBe('holiday');

    await holidays.getByRole('button', { name: new RegExp(`^(drop|retirer) ${HOLIDAY}$`, 'i') }).click();
    await expect.poll(() => kindOf(page, HOLIDAY_DATE), { timeout: 20_000 }).toBe('working');
    await holidays.getByRole('button', { name: new RegExp(`^(restore|rétablir) ${HOLIDAY}$`, 'i') }).waitFor({ timeout: 20_000 });

    // The change is stored: a new visit sees the same day.
    await page.reload();
    expect(await kindOf(page, HOLIDAY_DATE)).toBe('working');
    await page.context().close();
  });

  it('shows a weekly-hours field error before anything is sent, then saves the corrected hours', { timeout: 180_000 }, async () => {
    const page = await signIn(browser(), 'hq@demo.vigie');
    const saves: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('calendar.setWeeklyHours')) saves.push(req.url());
    });
    await page.goto(`/settings/sites/TUN/calendar?year=${YEAR}`);
    const hours = page.getByRole('region', { name: /weekly hours|horaires hebdomadaires/i });
    const closes = hours.getByLabel(/^(monday, period 1: closes at|lundi, plage 1 : ferme à)$/i);
    await closes.waitFor({ timeout: 20_000 });
    const original = await closes.inputValue();
    expect(original).toMatch(/^\d\d:\d\d$/);

    await closes.fill('00:15');
    await closes.blur();
    const error = hours.getByText(/the closing time must be after the opening time|l'heure de fermeture doit suivre l'heure d'ouverture/i);
    await error.waitFor({ timeout: 10_000 });
    await hours.getByRole('button', { name: /save weekly hours|enregistrer les horaires/i }).click();
    await error.waitFor({ timeout: 10_000 });
    expect(saves).toEqual([]);
    expect(await closes.getAttribute('aria-invalid')).toBe('true');

    await closes.fill(original);
    await closes.blur();
    await error.waitFor({ state: 'detached', timeout: 10_000 });
    await hours.getByRole('button', { name: /save weekly hours|enregistrer les horaires/i }).click();
    await hours.getByText(/weekly hours saved|horaires enregistrés/i).waitFor({ timeout: 20_000 });
    expect(saves).toHaveLength(1);
    await page.context().close();
  });

  it('closes Algiers today with a closure and the overview says so, until the closure is deleted', { timeout: 180_000 }, async () => {
    const page = await signIn(browser(), 'hq@demo.vigie');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Algiers' }).format(new Date());
    const name = `Inventory ${Date.now()}`;
    // An HQ manager reaches a site's calendar from the site's page.
    await page.goto('/sites/ALG');
    await page.getByRole('link', { name: 'Calendar of site ALG' }).click();
    await page.waitForURL(/\/settings\/sites\/ALG\/calendar/);
    await page.goto(`/settings/sites/ALG/calendar?year=${today.slice(0, 4)}`);
    const periods = page.getByRole('region', { name: /closures and special periods/i });
    await periods.getByRole('button', { name: 'Add a period' }).click();
    const dialog = page.getByRole('dialog', { name: 'New closure or special period' });
    await dialog.getByLabel('Kind').selectOption('closed');
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('First day').fill(today);
    await dialog.getByLabel('Last day').fill(today);
    await dialog.getByRole('button', { name: 'Add a period' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 20_000 });
    await expect.poll(() => kindOf(page, today), { timeout: 20_000 }).toBe('closed');

    const algRow = async () => {
      await page.goto('/?range=today');
      const row = page.locator('tr[data-site="ALG"]').first();
      await row.waitFor({ timeout: 20_000 });
      return row.textContent();
    };
    try {
      expect(await algRow()).toContain(`Closed today: ${name}`);
      await page.goto('/sites/ALG');
      await page.getByText(`Closed today: ${name}`).first().waitFor({ timeout: 20_000 });
    } finally {
      await page.goto(`/settings/sites/ALG/calendar?year=${today.slice(0, 4)}`);
      await periods.getByRole('button', { name: `Delete ${name}` }).click();
      await page.getByRole('dialog', { name: `Delete ${name}?` }).getByRole('button', { name: 'Delete' }).click();
      await periods.getByRole('button', { name: `Delete ${name}` }).waitFor({ state: 'detached', timeout: 20_000 });
    }
    expect(await algRow()).not.toContain(name);
    await page.context().close();
  });
});
