// Daily reports and missions in a real browser against the demo network: a site lead files the
// day's report, HQ acknowledges it with a comment, the lead reads the comment; HQ defines a
// mission and lands on its progress page. Demo users keep their own language, so labels are
// matched in English and French.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserForFile, signIn } from './browser';

const browser = browserForFile();

const COMMENT = `Noted: please send the trunk ticket number (${Date.now()})`;

async function visible(page: Page, selector: Parameters<Page['getByText']>[0]) {
  await page.getByText(selector).first().waitFor({ state: 'visible', timeout: 20_000 });
}

describe('daily reports', () => {
  it('lets the Tunis lead file today’s report', async () => {
    const page = await signIn(browser(), 'lead.tun@demo.vigie');
    await page.goto('/reports');
    const form = page.getByRole('form', { name: /daily report for|rapport quotidien du/i });
    await form.waitFor({ timeout: 20_000 });
    await form.getByLabel(/agents scheduled|conseillers planifiés/i).fill('42');
    await form.getByLabel(/agents present|conseillers présents/i).fill('39');
    await form.getByLabel(/^leavers$|^départs$/i).fill('1');
    await form.getByRole('button', { name: /add an incident|ajouter un incident/i }).click();
    await form.getByLabel(/what happened|ce qui s’est passé/i).fill('Trunk 2 down after a storm');
    await form.getByLabel(/minutes lost|minutes perdues/i).fill('25');
    await form.getByLabel(/highlights|faits marquants/i).fill('New team leader started');
    await form.getByRole('button', { name: /send report|save changes|envoyer le rapport|enregistrer les modifications/i }).click();
    await visible(page, /report saved|rapport enregistré/i);
    await page.context().close();
  });

  it('lets HQ acknowledge it with a comment, which the lead then reads', async () => {
    const hq = await signIn(browser(), 'hq@demo.vigie');
    await hq.goto('/reports');
    const inbox = hq.getByRole('region', { name: /today at each site|aujourd’hui sur chaque site/i });
    await inbox.waitFor({ timeout: 20_000 });
    const row = inbox.getByRole('row').filter({ hasText: 'TUN' });
    // The report the lead just filed is in: on time or late, depending on the hour the test runs.
    await row.getByText(/^(on time|late|à l’heure|en retard)$/i).first().waitFor({ timeout: 20_000 });
    await row.getByRole('button', { name: /open|ouvrir/i }).click();
    const ack = hq.getByRole('form', { name: /acknowledge the report of TUN|prendre en compte le rapport de TUN/i });
    await ack.getByLabel(/comment for the site|commentaire pour le site/i).fill(COMMENT);
    await ack.getByRole('button', { name: /^acknowledge$|^prendre en compte$/i }).click();
    await visible(hq, /^acknowledged\.$|^pris en compte\.$/i);
    await hq.context().close();

    const lead = await signIn(browser(), 'lead.tun@demo.vigie');
    await lead.goto('/reports');
    await visible(lead, COMMENT);
    await visible(lead, /can no longer be changed|ne peut plus être modifié/i);
    expect(await lead.getByRole('form', { name: /daily report for|rapport quotidien du/i }).count()).toBe(0);
    await lead.context().close();
  });
});

describe('missions', () => {
  it('lets HQ create a mission and open its progress page', async () => {
    const page = await signIn(browser(), 'hq@demo.vigie');
    await page.goto('/missions');
    await page.getByRole('button', { name: /new mission|nouvelle mission/i }).first().click();
    const dialog = page.getByRole('dialog');
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByLabel(/^code$/i).fill('E2E-SAVE');
    await dialog.getByLabel(/^name$|^nom$/i).fill('Save desk push');
    await dialog.getByLabel(/first day|premier jour/i).fill(day(-10));
    await dialog.getByLabel(/last day|dernier jour/i).fill(day(20));
    await dialog.getByLabel(/success outcomes|résultats de succès/i).fill('retained, saved');
    await dialog.getByLabel(/target for tunis|objectif pour tunis/i).fill('500');
    await dialog.getByLabel(/target for dakar|objectif pour dakar/i).fill('300');
    await dialog.getByRole('button', { name: /create mission|créer la mission/i }).click();

    await page.waitForURL('**/missions/E2E-SAVE', { timeout: 20_000 });
    await page.getByRole('heading', { level: 1, name: 'Save desk push' }).waitFor();
    const sites = page.getByRole('table', { name: /progress of save desk push per site|avancement de save desk push par site/i });
    await sites.waitFor({ timeout: 20_000 });
    expect(await sites.getByRole('row').filter({ hasText: 'TUN' }).count()).toBe(1);
    expect(await sites.getByRole('row').filter({ hasText: 'DKR' }).count()).toBe(1);
    await visible(page, /cumulative successes|succès cumulés/i);
    expect(await page.locator('.recharts-surface').count()).toBeGreaterThan(0);
    await page.context().close();
  });
});
