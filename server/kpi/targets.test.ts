// Setting and clearing KPI targets through the router: who may, what is refused, what is audited.
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import type { Principal, UserPrincipal } from '@/server/auth/principal';
import { createCallerFactory, createInnerContext, createTRPCRouter } from '@/server/trpc/init';
import { kpiRouter } from './router';
import { hqUser, insertNetwork, leadOf, RANGE, siteKeyOf, type FixtureSites } from './test-fixtures';
import { failureOf } from '@/test/fixtures';

const router = createTRPCRouter({ kpi: kpiRouter });
const createCaller = createCallerFactory(router);
const admin: UserPrincipal = { ...hqUser, userId: 3, email: 'admin@vigie.test', role: 'admin' };

let h: DbHandle;
let id: FixtureSites;
const caller = (principal?: Principal) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal }));

beforeAll(async () => {
  h = await createTestDb();
  id = await insertNetwork(h.db);
});
afterAll(async () => {
  await h.close();
});

const trpcError = (run: () => Promise<unknown>) => failureOf(run, TRPCError);

const auditOf = (action: string) => h.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(auditLog.id);

describe('kpi.setTarget', () => {
  it('lets HQ change a network default, audited with the previous bounds, and the grades follow', async () => {
    const before = await caller(hqUser).kpi.comparison(RANGE);
    expect(before.sites.find((s) => s.code === 'TUN')!.rag.service_level).toBe('green'); // 0.8 ≥ 0.8

    const saved = await caller(hqUser).kpi.setTarget({ metric: 'service_level', site: null, green: 0.85, amber: 0.75 });
    expect(saved).toMatchObject({ metric: 'service_level', site: null, green: 0.85, amber: 0.75 });

    const after = await caller(hqUser).kpi.comparison(RANGE);
    expect(after.sites.find((s) => s.code === 'TUN')!.rag.service_level).toBe('amber');
    const [entry] = await auditOf('kpi_target.set');
    expect(entry).toMatchObject({
      actorType: 'user',
      actorId: hqUser.userId,
      actorLabel: hqUser.email,
      entity: 'kpi_target',
      siteId: null,
      details: { metric: 'service_level', site: null, green: 0.85, amber: 0.75, previous: { green: 0.8, amber: 0.7 } },
    });
  });

  it('creates a site override (admins too), which then grades that site only', async () => {
    await caller(admin).kpi.setTarget({ metric: 'aht', site: 'cas', green: 420, amber: 480 });
    const targets = await caller(hqUser).kpi.targets();
    expect(targets.find((t) => t.metric === 'aht' && t.site === 'CAS')).toMatchObject({ green: 420, amber: 480 });
    const c = await caller(hqUser).kpi.comparison(RANGE);
    expect(c.sites.find((s) => s.code === 'CAS')!.rag.aht).toBe('green'); // 400 ≤ 420 (red under the default)
    expect(c.sites.find((s) => s.code === 'TUN')!.rag.aht).toBe('green'); // still the default 300/360
    const entries = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'kpi_target.set'), eq(auditLog.siteId, id.CAS)));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorLabel: admin.email, details: { metric: 'aht', site: 'CAS', previous: null } });
  });

  it('refuses bounds in the wrong order or out of their unit’s range, and writes nothing', async () => {
    const countBefore = (await auditOf('kpi_target.set')).length;
    const order = await trpcError(() => caller(hqUser).kpi.setTarget({ metric: 'fcr', site: null, green: 0.6, amber: 0.7 }));
    expect(order.code).toBe('BAD_REQUEST');
    expect(order.message).toContain('higher is better');
    const lower = await trpcError(() => caller(hqUser).kpi.setTarget({ metric: 'asa', site: null, green: 40, amber: 30 }));
    expect(lower.code).toBe('BAD_REQUEST');
    // 80 typed as a percentage but sent unconverted: a fraction is expected.
    const percent = await trpcError(() => caller(hqUser).kpi.setTarget({ metric: 'csat', site: null, green: 80, amber: 70 }));
    expect(percent.code).toBe('BAD_REQUEST');
    const negative = await trpcError(() => caller(hqUser).kpi.setTarget({ metric: 'qa_score', site: null, green: 80, amber: -5 }));
    expect(negative.code).toBe('BAD_REQUEST');
    const metric = await trpcError(() => caller(hqUser).kpi.setTarget({ metric: 'speed' as 'aht', site: null, green: 1, amber: 2 }));
    expect(metric.code).toBe('BAD_REQUEST');
    expect(await auditOf('kpi_target.set')).toHaveLength(countBefore);
    expect((await caller(hqUser).kpi.targets()).some((t) => t.metric === 'fcr' || t.metric === 'csat')).toBe(false);
  });

  it('answers NOT_FOUND for an unknown site', async () => {
    const e = await trpcError(() => caller(hqUser).kpi.setTarget({ metric: 'aht', site: 'XYZ', green: 300, amber: 360 }));
    expect(e.code).toBe('NOT_FOUND');
  });

  it('is for HQ only: site leads and site keys are refused, anonymous callers asked to sign in', async () => {
    const input = { metric: 'aht' as const, site: null, green: 600, amber: 700 };
    expect((await trpcError(() => caller(leadOf(id.TUN)).kpi.setTarget(input))).code).toBe('FORBIDDEN');
    expect((await trpcError(() => caller(leadOf(id.TUN)).kpi.setTarget({ ...input, site: 'TUN' }))).code).toBe('FORBIDDEN');
    expect((await trpcError(() => caller(siteKeyOf(id.TUN)).kpi.setTarget(input))).code).toBe('FORBIDDEN');
    expect((await trpcError(() => caller().kpi.setTarget(input))).code).toBe('UNAUTHORIZED');
    expect((await caller(hqUser).kpi.targets()).find((t) => t.metric === 'aht' && t.site === null)).toMatchObject({ green: 300, amber: 360 });
  });
});

describe('kpi.clearTarget', () => {
  it('removes an override so the network default applies again, audited', async () => {
    await caller(hqUser).kpi.clearTarget({ metric: 'aht', site: 'CAS' });
    const c = await caller(hqUser).kpi.comparison(RANGE);
    expect(c.sites.find((s) => s.code === 'CAS')!.rag.aht).toBe('red');
    const [entry] = await auditOf('kpi_target.clear');
    expect(entry).toMatchObject({ siteId: id.CAS, details: { metric: 'aht', site: 'CAS', green: 420, amber: 480 } });
  });

  it('removes a network default too, after which the metric is not graded', async () => {
    await caller(hqUser).kpi.clearTarget({ metric: 'aht', site: null });
    const c = await caller(hqUser).kpi.comparison(RANGE);
    expect(c.network.rag.aht).toBeNull();
  });

  it('answers NOT_FOUND when there is nothing to clear, and refuses site leads', async () => {
    expect((await trpcError(() => caller(hqUser).kpi.clearTarget({ metric: 'fcr', site: 'TUN' }))).code).toBe('NOT_FOUND');
    expect((await trpcError(() => caller(leadOf(id.CAS)).kpi.clearTarget({ metric: 'service_level', site: 'CAS' }))).code).toBe('FORBIDDEN');
    expect((await trpcError(() => caller().kpi.clearTarget({ metric: 'service_level', site: 'CAS' }))).code).toBe('UNAUTHORIZED');
    expect((await caller(hqUser).kpi.targets()).find((t) => t.site === 'CAS')).toMatchObject({ metric: 'service_level' });
  });
});
