// Coaching end to end in Chromium: a site lead opens the agents page of a site where one agent
// stands out (their calls pushed through the REST API with the site's key), goes to that agent,
// opens a coaching session from the AHT flag, a follow-up evaluation arrives through the REST API,
// and the lead closes the session with it and sees it done; then coaches the agent again from that
// evaluation's page.
//
// This file runs its own server on a fresh PostgreSQL database filled by the CLI and the APIs, so
// that the site holds exactly the agents the test pushed (the shared demo server has its own).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callsWithSlowAgent } from '@/server/coaching/testing';
import { freePort, type ServedVigie } from '../cli/bench/server-process';
import { freshDatabase, SHARED_PG } from '../test/drills/harness';
import { launchBrowser, signIn } from './browser';
import { startOwnVigie, vigieCli } from './own-server';

const PASSWORD = 'a coaching passphrase for the browser test';
const HQ = 'hq@coaching.e2e.test';
const LEAD = 'lead.coa@coaching.e2e.test';
const SITE = 'COA';
const DAY_MS = 86_400_000;

let database: Awaited<ReturnType<typeof freshDatabase>>;
let served: ServedVigie | null = null;
let origin: string;
let siteKey: string;
let browser: Browser;

/** `npm run vigie -- …` against the test's database; its last line of output. */
function vigie(args: string[], input?: string): string {
  return vigieCli(database.url, args, input);
}

/** A push with the site's key, as its telephony or QA tool makes it. */
async function push(route: '/api/v1/calls' | '/api/v1/evaluations', body: unknown): Promise<{ inserted: number; rejected: unknown[] }> {
  const res = await fetch(`${origin}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${siteKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${route}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as { inserted: number; rejected: unknown[] };
}

/** A tRPC mutation from a signed-in page, as the app's client sends it. */
async function mutate(page: Page, procedure: string, input: unknown): Promise<unknown> {
  const res = await page.request.post(`/api/trpc/${procedure}`, { data: { json: input } });
  const body = (await res.json()) as { result?: { data?: { json?: unknown } } };
  if (!res.ok()) throw new Error(`${procedure}: HTTP ${res.status()} ${JSON.stringify(body)}`);
  return body.result?.data?.json;
}

async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 30_000 });
}

/** Six agents near 200 s a call and SLOW at 900 s, 30 answered calls each, two days ago. */
function callsOfTheWeek() {
  const start = Math.floor((Date.now() - 2 * DAY_MS) / DAY_MS) * DAY_MS + 8 * 3_600_000;
  return callsWithSlowAgent(new Date(start), 'coa-').map((call) => ({ ...call, resolved: true }));
}

const SCORES = { clarity: 4, resolution: 8 };

beforeAll(async () => {
  database = await freshDatabase(SHARED_PG, 'coaching_e2e');
  vigie(['sites:add', '--code', SITE, '--name', 'Coaching Tunis', '--country', 'TN', '--timezone', 'Africa/Tunis']);
  vigie(['users:add', '--email', HQ, '--name', 'HQ manager', '--role', 'hq_manager', '--password-stdin'], PASSWORD);
  vigie(['users:add', '--email', LEAD, '--name', 'Coaching lead', '--role', 'site_lead', '--site', SITE, '--password-stdin'], PASSWORD);
  siteKey = vigie(['keys:create', '--site', SITE, '--name', 'e2e']);
  expect(siteKey).toMatch(/^vk_/);
  const port = await freePort();
  origin = `http://localhost:${port}`;
  served = await startOwnVigie(database.url, { port });
  browser = await launchBrowser();

  // HQ publishes the QA form the site's evaluations are scored on.
  const hq = await signIn(browser, HQ, PASSWORD, origin);
  const draft = (await mutate(hq, 'qa.forms.createDraft', {
    code: 'STD',
    name: 'Standard',
    criteria: [
      { key: 'clarity', label: 'Clear spoken language', category: 'language', weight: 1, maxScore: 5, critical: false },
      { key: 'resolution', label: 'Resolution', category: 'resolution', weight: 2, maxScore: 10, critical: false },
    ],
  })) as { id: number };
  await mutate(hq, 'qa.forms.publish', { id: draft.id });
  await hq.context().close();

  expect(await push('/api/v1/calls', { records: callsOfTheWeek() })).toMatchObject({ inserted: 210, rejected: [] });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop(5_000);
  await database?.drop();
});

describe('coaching', () => {
  it('takes a flagged agent from the agents page to a session closed by a follow-up evaluation', async () => {
    const page = await signIn(browser, LEAD, PASSWORD, origin);

    // The agents page flags SLOW's AHT against the site's other agents.
    expect((await page.goto(`/sites/${SITE}/agents`))?.status()).toBe(200);
    await settled(page);
    const slowRow = page.locator('tr', { has: page.locator(`a[href*="/agents/SLOW?"]`) });
    await slowRow.waitFor();
    expect(await slowRow.innerText()).toMatch(/AHT high/);
    await slowRow.locator(`a[href*="/agents/SLOW?"]`).first().click();
    await page.waitForURL(new RegExp(`/sites/${SITE}/agents/SLOW`));
    await settled(page);

    // Open a session from the flag: the objective is prefilled, the lead owns it.
    const coaching = page.locator('section[aria-labelledby="coaching-title"]');
    await coaching.getByRole('button', { name: /Coach on AHT/ }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('Objective').inputValue()).toMatch(/AHT/);
    await dialog.getByLabel('Objective').fill('Shorter holds: check the knowledge base before putting a caller on hold.');
    await dialog.getByRole('button', { name: 'Open the session' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const session = coaching.locator('tbody tr').first();
    await expect.poll(() => session.innerText()).toMatch(/Open[\s\S]*Shorter holds[\s\S]*Coaching lead/);

    // Nothing to close it with yet.
    await session.getByRole('button', { name: 'Close with follow-up' }).click();
    await expect.poll(() => page.getByRole('dialog').innerText()).toMatch(/No evaluation of this agent since the session was opened/);
    await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).click();

    // The site's QA tool pushes a follow-up evaluation of SLOW, after the session was opened.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const followUp = { externalId: 'coa-follow-up', evaluatedAt: new Date().toISOString(), formCode: 'STD', agentRef: 'SLOW', evaluator: 'Site QA', scores: SCORES };
    expect(await push('/api/v1/evaluations', { evaluations: [followUp] })).toMatchObject({ inserted: 1, rejected: [] });

    // The lead closes the session with it in one pick.
    await page.reload();
    await settled(page);
    await session.getByRole('button', { name: 'Close with follow-up' }).click();
    const close = page.getByRole('dialog');
    const pick = close.getByLabel('Follow-up evaluation');
    await expect.poll(() => pick.locator('option').count()).toBe(1);
    await close.getByRole('button', { name: 'Close the session' }).click();
    await close.waitFor({ state: 'hidden' });
    await expect.poll(() => session.innerText()).toMatch(/Done[\s\S]*Closed with evaluation #\d+/);
    expect(await session.getByRole('button', { name: 'Close with follow-up' }).count()).toBe(0);

    // From the follow-up evaluation's own page, the lead coaches the agent again, on that evaluation.
    const evaluationId = /Closed with evaluation #(\d+)/.exec(await session.innerText())![1]!;
    expect((await page.goto(`/qa/evaluations/${SITE}/${evaluationId}`))?.status()).toBe(200);
    await page.getByRole('button', { name: 'Coach this agent' }).click();
    const fromEvaluation = page.getByRole('dialog');
    await expect.poll(() => fromEvaluation.getByLabel('Objective').inputValue()).toBe(`Work on the points evaluation #${evaluationId} raised.`);
    await fromEvaluation.getByRole('button', { name: 'Open the session' }).click();
    await page.getByRole('status').filter({ hasText: 'Session opened for SLOW.' }).waitFor();
    await page.getByRole('link', { name: "See the agent's sessions" }).click();
    await page.waitForURL(new RegExp(`/sites/${SITE}/agents/SLOW`));
    await settled(page);
    await expect.poll(() => coaching.locator('tbody tr').first().innerText()).toMatch(new RegExp(`Open[\\s\\S]*From evaluation #${evaluationId}`));
    expect(await coaching.locator('tbody tr').count()).toBe(2);
    await page.context().close();
  }, 180_000);
});
