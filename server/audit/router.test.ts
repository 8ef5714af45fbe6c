// The audit log router on a real database: admins only, each filter, and keyset paging that
// neither repeats nor skips an entry while new ones arrive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { createTestDb } from '@/db/testing';
import type { Principal } from '@/server/auth/principal';
import { createCaller } from '@/server/trpc/root';
import { createInnerContext } from '@/server/trpc/init';
import { createTestAccounts, type TestAccounts } from '@/server/users/test-accounts';
import { trpcCode as codeOf } from '@/test/fixtures';

let h: DbHandle;
let a: TestAccounts;
const as = (principal?: Principal) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal })).audit;

beforeAll(async () => {
  h = await createTestDb();
  // Two sites and three users, each created through the services: five entries by the CLI.
  a = await createTestAccounts(h.db);
  // Writes through the app itself, by HQ and by a site lead.
  const app = (principal: Principal) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal }));
  await app(a.principals.hq).kpi.setTarget({ metric: 'aht', site: 'DKR', green: 400, amber: 480 });
  await app(a.principals.admin).users.setMyLocale({ locale: 'fr' });
  // Entries dated in the past, to filter by time; one whose label holds LIKE's wildcards.
  await insertAudit(h.db, { at: new Date('2020-03-01T10:00:00Z'), actorType: 'system', actorLabel: 'scheduler', action: 'digest.queue', entity: 'digest_subscription', entityId: '7' });
  await insertAudit(h.db, { at: new Date('2020-03-02T10:00:00Z'), actorType: 'site_key', actorId: 1, actorLabel: 'site key 100%_sure', action: 'calls.ingest', entity: 'call_records', siteId: a.sites.tun.id, details: { inserted: 3 } });
});
afterAll(async () => {
  await h.close();
});

describe('audit.list access', () => {
  it('refuses anyone who is not signed in', async () => {
    expect(await codeOf(() => as().list({}))).toBe('UNAUTHORIZED');
    expect(await codeOf(() => as().filters())).toBe('UNAUTHORIZED');
  });

  it('refuses HQ managers, site leads and site keys', async () => {
    for (const principal of [a.principals.hq, a.principals.lead, a.principals.siteKey]) {
      expect(await codeOf(() => as(principal).list({}))).toBe('FORBIDDEN');
      expect(await codeOf(() => as(principal).filters())).toBe('FORBIDDEN');
    }
  });
});

describe('audit.list', () => {
  it('answers {} with the newest entries first, who, what and which site', async () => {
    const { rows, nextCursor } = await as(a.principals.admin).list({});
    expect(nextCursor).toBeNull();
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((x, y) => y - x));
    expect(rows[0]).toMatchObject({ action: 'calls.ingest', actorType: 'site_key', site: { code: 'TUN', name: 'Tunis' }, details: { inserted: 3 } });
    const target = rows.find((r) => r.action === 'kpi_target.set');
    expect(target).toMatchObject({ actorType: 'user', actorLabel: 'hq@x.test', site: { code: 'DKR' } });
    expect(target!.at).toBeInstanceOf(Date);
    const created = rows.filter((r) => r.actorType === 'cli').map((r) => r.action);
    expect(created.sort()).toEqual(['site.create', 'site.create', 'user.create', 'user.create', 'user.create']);
  });

  it('filters by actor, literally and in any case', async () => {
    const admin = as(a.principals.admin);
    expect((await admin.list({ actor: 'HQ@X' })).rows.map((r) => r.action)).toEqual(['kpi_target.set']);
    // % and _ are not wildcards: only the label that holds them matches.
    expect((await admin.list({ actor: '100%_' })).rows.map((r) => r.actorLabel)).toEqual(['site key 100%_sure']);
    expect((await admin.list({ actor: '%' })).rows).toHaveLength(1);
    expect((await admin.list({ actorType: 'system' })).rows.map((r) => r.action)).toEqual(['digest.queue']);
    // An empty text field in the form is no filter.
    expect((await admin.list({ actor: '  ' })).rows.length).toBe((await admin.list({})).rows.length);
  });

  it('filters by action (exactly, or a family ending in a dot) and by entity', async () => {
    const admin = as(a.principals.admin);
    expect((await admin.list({ action: 'user.create' })).rows).toHaveLength(3);
    expect((await admin.list({ action: 'user' })).rows).toHaveLength(0);
    expect((await admin.list({ action: 'user.' })).rows.map((r) => r.action).sort()).toEqual(['user.create', 'user.create', 'user.create', 'user.set_locale']);
    expect((await admin.list({ entity: 'site' })).rows.map((r) => r.action)).toEqual(['site.create', 'site.create']);
  });

  it('filters by site code, an unknown one naming nothing', async () => {
    const admin = as(a.principals.admin);
    const tun = await admin.list({ site: 'tun' });
    expect(tun.rows.length).toBeGreaterThan(0);
    expect(tun.rows.every((r) => r.site?.code === 'TUN')).toBe(true);
    expect((await admin.list({ site: 'ZZZ' })).rows).toEqual([]);
  });

  it('filters by a time range, start included and end excluded', async () => {
    const admin = as(a.principals.admin);
    const march = await admin.list({ from: new Date('2020-03-01T10:00:00Z'), to: new Date('2020-03-02T10:00:00Z') });
    expect(march.rows.map((r) => r.action)).toEqual(['digest.queue']);
    const since = await admin.list({ from: new Date('2020-03-02T00:00:00Z'), to: new Date('2020-03-03T00:00:00Z') });
    expect(since.rows.map((r) => r.action)).toEqual(['calls.ingest']);
    expect((await admin.list({ to: new Date('2020-01-01T00:00:00Z') })).rows).toEqual([]);
  });

  it('pages newest first by cursor, without repeating or skipping while entries arrive', async () => {
    const admin = as(a.principals.admin);
    const all = (await admin.list({})).rows.map((r) => r.id);
    const seen: number[] = [];
    let cursor: number | null | undefined;
    let pages = 0;
    do {
      const page = await admin.list({ limit: 3, cursor });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
      pages += 1;
      // A write between two pages lands before the first page, not in the ones still to come.
      if (pages === 1) await insertAudit(h.db, { actorType: 'system', actorLabel: 'test', action: 'test.between_pages', entity: 'test' });
    } while (cursor !== null);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 3));
    expect((await admin.list({ limit: 1 })).rows[0]!.action).toBe('test.between_pages');
  });

  it('refuses a range that ends before it starts, and pages too large', async () => {
    const admin = as(a.principals.admin);
    expect(await codeOf(() => admin.list({ from: new Date('2020-03-02T00:00:00Z'), to: new Date('2020-03-01T00:00:00Z') }))).toBe('BAD_REQUEST');
    expect(await codeOf(() => admin.list({ limit: 1000 }))).toBe('BAD_REQUEST');
    expect(await codeOf(() => admin.list({ site: 'not a code' }))).toBe('BAD_REQUEST');
  });
});

describe('audit.filters', () => {
  it('offers the actions and entities that occur, and every site', async () => {
    const options = await as(a.principals.admin).filters();
    expect(options.actions).toEqual(expect.arrayContaining(['calls.ingest', 'kpi_target.set', 'site.create', 'user.create', 'user.set_locale']));
    expect(options.actions).toEqual([...options.actions].sort());
    expect(options.entities).toEqual(expect.arrayContaining(['site', 'user', 'kpi_target']));
    expect(options.sites.map((s) => s.code)).toEqual(['DKR', 'TUN']);
  });
});
