// A personal token from creation to revocation in the browser: shown once, listed, then revoked
// after a confirmation that Cancel leaves without effect; the revoked token no longer reads the API.
import { describe, expect, it } from 'vitest';
import { baseUrl, browserForFile, signIn } from './browser';

const browser = browserForFile();

describe('a personal token', () => {
  it('is shown once, works, and stops working once revoked', async () => {
    const page = await signIn(browser(), 'hq@demo.vigie');
    await page.goto('/settings/tokens');
    const name = `bi-${Date.now()}`;
    await page.getByLabel('Name').fill(name);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const created = page.getByRole('dialog', { name: `Token “${name}” created` });
    const secret = await created.locator('input[data-secret]').inputValue();
    expect(secret).toMatch(/^vt_/);
    await created.getByRole('button', { name: 'I have stored it' }).click();

    const api = () => page.request.get(`${baseUrl()}/api/v1/sites`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await api()).status()).toBe(200);

    const row = page.getByRole('row', { name: new RegExp(name) });
    await row.getByRole('button', { name: `Revoke token ${name}` }).click();
    const confirm = page.getByRole('dialog', { name: `Revoke token “${name}”?` });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect((await api()).status()).toBe(200);

    await row.getByRole('button', { name: `Revoke token ${name}` }).click();
    await confirm.getByRole('button', { name: 'Revoke', exact: true }).click();
    await confirm.waitFor({ state: 'hidden' });
    await row.waitFor({ state: 'detached' });
    expect((await api()).status()).toBe(401);
    await page.context().close();
  });
});
