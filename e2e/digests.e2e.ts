// E-mail digests as people meet them: HQ sees its demo digests, previews one, sends itself a test
// and adds another; the administrator reads the test in the outbox as the recipient would; a site
// lead's digest is their own site's, and the outbox is not theirs to open.
import { describe, expect, it } from 'vitest';
import { baseUrl, browserForFile, signIn, WAIT } from './browser';

const browser = browserForFile();

describe('e-mail digests', () => {
  it('shows HQ its daily and weekly digests with a rendered preview, and sends a test into the outbox', async () => {
    const page = await signIn(browser(), 'hq@demo.vigie');
    await page.getByRole('navigation').getByRole('link', { name: /digests|synthèses/i }).click();
    await page.waitForURL('**/settings/digests');
    const table = page.getByRole('table');
    await expect.poll(() => table.getByRole('row').count(), WAIT).toBe(3);
    const text = await table.innerText();
    expect(text).toMatch(/Daily|Quotidienne/);
    expect(text).toMatch(/Weekly|Hebdomadaire/);
    expect(text).toContain('07:00');
    expect(text).toContain('Europe/Paris');

    // The preview of the first digest, rendered in a sandboxed frame.
    const frame = page.locator('iframe[sandbox=""]');
    await frame.waitFor({ timeout: 30_000 });
    const inner = page.frameLocator('iframe[sandbox=""]');
    await expect.poll(() => inner.locator('h1').textContent(), WAIT).toMatch(/Synthèse quotidienne|Daily digest/);
    await page.getByRole('tab', { name: /plain text|texte brut/i }).click();
    expect(await page.locator('pre').innerText()).toContain('VIGIE —');

    await page.getByRole('button', { name: /send me a test|m’envoyer un test/i }).first().click();
    await expect.poll(() => page.getByRole('status').textContent(), WAIT).toMatch(/outbox|boîte d’envoi/i);
    expect((await page.goto('/settings/outbox'))?.status()).toBe(404);
    await page.context().close();
  });

  it('lets HQ add a digest for chosen sites, and refuses an unknown time zone', async () => {
    const page = await signIn(browser(), 'hq@demo.vigie');
    await page.goto('/settings/digests');
    await page.getByRole('button', { name: /new digest|nouvelle synthèse/i }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/cadence|fréquence/i).selectOption('weekly');
    await dialog.getByLabel(/send time|heure d’envoi/i).fill('08:30');
    await dialog.getByLabel(/time zone|fuseau horaire/i).fill('Mars/Olympus');
    await dialog.getByLabel(/chosen sites|sites choisis/i).check();
    await dialog.getByRole('checkbox', { name: /TUN/ }).check();
    await dialog.getByRole('checkbox', { name: /CAS/ }).check();
    await dialog.getByRole('button', { name: /create digest|créer la synthèse/i }).click();
    await expect.poll(() => dialog.innerText(), WAIT).toMatch(/time zone is unknown|fuseau horaire est inconnu/i);
    await dialog.getByLabel(/time zone|fuseau horaire/i).fill('Africa/Casablanca');
    await dialog.getByRole('button', { name: /create digest|créer la synthèse/i }).click();
    await expect.poll(() => page.getByRole('table').getByRole('row').count(), WAIT).toBe(4);
    const row = page.getByRole('row', { name: /08:30/ });
    expect(await row.innerText()).toContain('CAS, TUN');
    expect(await row.innerText()).toContain('Africa/Casablanca');
    await page.context().close();
  });

  it('lets the administrator read the outbox, each e-mail as its recipient sees it', async () => {
    const page = await signIn(browser(), 'admin@demo.vigie');
    await page.getByRole('navigation').getByRole('link', { name: /outbox|boîte d’envoi/i }).click();
    await page.waitForURL('**/settings/outbox');
    expect(await page.getByRole('note').innerText()).toMatch(/SMTP_URL/);
    const row = page.getByRole('row', { name: /\[Test\]/ }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain('hq@demo.vigie');
    await row.getByRole('button').click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.innerText(), WAIT).toContain('List-Unsubscribe');
    await expect.poll(() => dialog.frameLocator('iframe').locator('h1').textContent(), WAIT).toMatch(/^(Synthèse|Daily|Weekly)/);

    // The one-click link of that e-mail works without a session, in the recipient's language.
    const link = /List-Unsubscribe: <([^>]+)>/.exec(await dialog.innerText())?.[1];
    expect(link).toMatch(/\/api\/digests\/unsubscribe\?token=/);
    const res = await fetch(link!);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/Vous êtes désabonné|You are unsubscribed/);
    await page.context().close();
  });

  it('keeps a site lead’s digest to their own site, and the outbox closed', async () => {
    const page = await signIn(browser(), 'lead.tun@demo.vigie');
    expect((await page.goto('/settings/outbox'))?.status()).toBe(404);
    await page.goto('/settings/digests');
    await page.getByRole('button', { name: /new digest|nouvelle synthèse/i }).first().click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.innerText()).toMatch(/TUN/);
    expect(await dialog.getByRole('checkbox').count()).toBe(0);
    await dialog.getByRole('button', { name: /create digest|créer la synthèse/i }).click();
    await expect.poll(() => page.getByRole('table').getByRole('row').count(), WAIT).toBe(2);
    await page.getByRole('button', { name: /^preview$|^aperçu$/i }).click();
    const inner = page.frameLocator('iframe[sandbox=""]');
    await expect.poll(() => inner.locator('body').innerText(), WAIT).toContain('TUN');
    const body = await inner.locator('body').innerText();
    for (const other of ['CAS', 'DKR', 'ALG', 'MRU', 'TNR']) expect(body).not.toContain(`${other}\n`);
    await page.context().close();
  });

  it('refuses an unsubscribe link it did not sign', async () => {
    const res = await fetch(`${baseUrl()}/api/digests/unsubscribe?token=1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/This link does not work|Ce lien ne fonctionne pas/);
  });
});
