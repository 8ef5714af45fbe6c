// Calibration end to end: HQ draws a sample of Casablanca's evaluations, re-scores one call blind,
// and the calibration report counts one more CAS pair.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserForFile, signIn } from './browser';

const browser = browserForFile();

async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 30_000 });
}

/** The CAS pairs count of the calibration report, whatever the reader's language. */
async function casPairs(page: Page): Promise<number> {
  await page.goto('/qa/calibration?site=CAS');
  await settled(page);
  const cell = page.locator('tr[data-site="CAS"] [data-testid="pairs"]');
  await cell.waitFor();
  return Number((await cell.innerText()).replace(/\D/g, ''));
}

describe('QA calibration', () => {
  it('lets HQ draw CAS evaluations, re-score one blind, and see the CAS calibration gap gain a pair', async () => {
    const page = await signIn(browser(), 'hq@demo.vigie');
    const before = await casPairs(page);
    expect(before).toBeGreaterThan(0);

    // Draw a worklist of CAS calls over the report's period.
    const draw = page.locator('section[aria-labelledby="draw-title"]');
    await draw.getByRole('combobox').selectOption('CAS');
    await draw.getByRole('spinbutton').fill('3');
    await draw.locator('button[type="submit"]').click();
    await page.waitForURL(/\/qa\/calibration\/worklists\/CAS\/\d+$/);
    await settled(page);
    await expect(page.locator('main tbody tr').count()).resolves.toBe(3);

    // The blind re-score screen: the call and the form, and nothing of the site's evaluation.
    await page.getByTestId('rescore-next').click();
    await page.waitForURL(/\/qa\/calibration\/rescore\/CAS\/\d+$/);
    await settled(page);
    const reference = await page.getByTestId('call-reference').innerText();
    expect(reference).toMatch(/^CAS-/);
    const screen = await page.locator('main').innerText();
    expect(screen).not.toMatch(/site score|score du site|site evaluator|évaluateur du site/i);
    const criteria = await page.locator('main fieldset').all();
    expect(criteria.length).toBeGreaterThan(0);
    for (const criterion of criteria) {
      // The highest score each criterion offers (the last button before "does not apply").
      const choices = criterion.locator('label');
      await choices.nth((await choices.count()) - 2).click();
    }
    await page.locator('main form button[type="submit"]').click();
    await page.locator('main h2[role="status"]').waitFor();

    expect(await casPairs(page)).toBe(before + 1);
  });

  it('keeps calibration to HQ: a site lead gets the 404 page', async () => {
    const page = await signIn(browser(), 'lead.cas@demo.vigie');
    const response = await page.goto('/qa/calibration');
    expect(response?.status()).toBe(404);
  });
});
