// The alerts procedures through createCaller on a real database: rules written by headquarters
// (secrets kept and never answered, unknown sites refused with their path, nothing written on a
// refusal, open alerts closed when a rule is switched off or deleted), the history and the bell
// within each caller's scope, and the built-in rules seeded once.
import { TRPCError } from '@trpc/server';
import { and, count, eq, gt, like } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { alertReads, alertRules, alerts, alertStates, auditLog, type AlertRow } from '@/db/schema';
import { cliActor, type UserPrincipal } from '@/server/auth/principal';
import { pushQueueStatus } from '@/server/queue-status/service';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';
import { failureOf, makePrincipal, makeSite, trpcCode } from '@/test/fixtures';
import type { AlertRuleInput } from '@/lib/alerts/rule-input';
import { BUILT_IN_ALERT_RULES, ensureBuiltInAlertRules } from './built-in';

let h: DbHandle;
let tun: { id: number };
let dkr: { id: number };
let admin: UserPrincipal;
let hq: UserPrincipal;
let leadTun: UserPrincipal;
const now = new Date('2026-11-02T10:00:00Z');

const caller = (principal: UserPrincipal) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal, now: () => now }));

const SECRET = 'a-webhook-secret-of-some-length';

const slRule = (extra: Partial<AlertRuleInput> = {}): AlertRuleInput => ({
  name: 'Service level red, Tunis',
  metric: 'serviceLevel',
  scope: { sites: ['TUN'] },
  window: { trailingMinutes: 60 },
  comparison: 'below',
  threshold: 'target-red',
  minVolume: 10,
  holdMinutes: 15,
  severity: 'critical',
  channels: [
    { kind: 'email', to: ['ops@vigie.test'] },
    { kind: 'webhook', url: 'https://hooks.vigie.test/a', secret: SECRET, format: 'json' },
  ],
  ...extra,
});

async function rowCounts() {
  const [rules] = await h.db.select({ n: count() }).from(alertRules);
  const [audits] = await h.db.select({ n: count() }).from(auditLog);
  return { rules: rules!.n, audits: audits!.n };
}

/** The paths of a refusal's issues, which are zod's as the schema's own would be. */
function issuesOf(error: TRPCError) {
  expect(error.cause).toBeInstanceOf(ZodError);
  return (error.cause as unknown as ZodError).issues;
}

let fired = 0;
async function insertAlert(values: Partial<typeof alerts.$inferInsert> & { firedAt: Date }): Promise<AlertRow> {
  const [row] = await h.db
    .insert(alerts)
    .values({
      ruleName: 'A rule',
      scopeKey: `scope-${++fired}`,
      metric: 'serviceLevel',
      severity: 'warning',
      threshold: 0.7,
      comparison: 'below',
      value: 0.5,
      figures: { numerator: 5, denominator: 10, formula: 'inbound handled within the SLA ÷ offered' },
      ...values,
    })
    .returning();
  return row!;
}

beforeAll(async () => {
  h = await createTestDb();
  tun = await makeSite(h.db, { code: 'TUN', name: 'Tunis Lac', timezone: 'Africa/Tunis' });
  dkr = await makeSite(h.db, { code: 'DKR', name: 'Dakar Plateau', country: 'SN', timezone: 'Africa/Dakar' });
  await makeSite(h.db, { code: 'OLD', name: 'Closed site', active: false });
  admin = await makePrincipal(h.db, 'admin');
  hq = await makePrincipal(h.db, 'hq_manager');
  leadTun = await makePrincipal(h.db, 'site_lead', tun.id);
});
afterAll(() => h.close());

describe('alerts.rules', () => {
  it('creates a rule, answers it without its webhook secret, keeps the secret to sign with and audits it without the secret', async () => {
    const rule = await caller(hq).alerts.rules.create(slRule());
    expect(rule).toEqual({
      id: expect.any(Number),
      name: 'Service level red, Tunis',
      metric: 'serviceLevel',
      scope: { sites: ['TUN'], queues: [], network: false },
      window: { trailingMinutes: 60 },
      comparison: 'below',
      threshold: 'target-red',
      minVolume: 10,
      holdMinutes: 15,
      renotifyMinutes: null,
      severity: 'critical',
      channels: [
        { kind: 'email', to: ['ops@vigie.test'] },
        { kind: 'webhook', url: 'https://hooks.vigie.test/a', format: 'json', secretSet: true },
      ],
      quietWhenClosed: true,
      enabled: true,
      builtIn: null,
    });
    const [row] = await h.db.select().from(alertRules).where(eq(alertRules.id, rule.id));
    expect(row).toMatchObject({ siteIds: [tun.id], threshold: null, thresholdTarget: 'red', createdBy: hq.userId });
    expect(row!.channels[1]).toMatchObject({ secret: SECRET });
    const [entry] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'alert_rule.create'), eq(auditLog.entityId, String(rule.id))));
    expect(entry).toMatchObject({ actorType: 'user', actorId: hq.userId, entity: 'alert_rule', details: { name: 'Service level red, Tunis' } });
    expect(JSON.stringify(entry!.details)).not.toContain(SECRET);
    // A webhook's address may carry a credential (Slack, Teams): the log keeps its host only.
    expect(entry!.details.channels).toEqual([
      { kind: 'email', to: ['ops@vigie.test'] },
      { kind: 'webhook', url: 'https://hooks.vigie.test/…', format: 'json', secretSet: true },
    ]);
    expect(JSON.stringify(await caller(admin).alerts.rules.list())).not.toContain(SECRET);
  });

  it('refuses a site code no active site has, with its path, and writes nothing', async () => {
    const before = await rowCounts();
    const error = await failureOf(() => caller(hq).alerts.rules.create(slRule({ scope: { sites: ['TUN', 'XYZ', 'OLD'] } })), TRPCError);
    expect(error.code).toBe('BAD_REQUEST');
    expect(issuesOf(error).map((i) => [i.path.join('.'), i.message])).toEqual([
      ['scope.sites.1', 'No active site has the code XYZ.'],
      ['scope.sites.2', 'No active site has the code OLD.'],
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it('is for headquarters: a site lead is refused and nothing is written', async () => {
    const before = await rowCounts();
    expect(await trpcCode(() => caller(leadTun).alerts.rules.create(slRule()))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(leadTun).alerts.rules.list())).toBe('FORBIDDEN');
    expect(await rowCounts()).toEqual(before);
  });

  it('edits a rule: a webhook left without its secret keeps the stored one, a new webhook needs its own', async () => {
    const { id } = await caller(hq).alerts.rules.create(slRule({ name: 'To edit' }));
    const edited = await caller(hq).alerts.rules.update({
      id,
      rule: {
        ...slRule({ name: 'Edited', threshold: 0.75, scope: { sites: ['TUN', 'DKR'], queues: ['billing'] } }),
        channels: [{ kind: 'webhook', url: 'https://hooks.vigie.test/a', secret: '', format: 'slack' }],
      },
    });
    expect(edited).toMatchObject({ id, name: 'Edited', threshold: 0.75, scope: { sites: ['DKR', 'TUN'], queues: ['billing'], network: false } });
    expect(edited.channels).toEqual([{ kind: 'webhook', url: 'https://hooks.vigie.test/a', format: 'slack', secretSet: true }]);
    const [row] = await h.db.select().from(alertRules).where(eq(alertRules.id, id));
    expect(row!.channels).toEqual([{ kind: 'webhook', url: 'https://hooks.vigie.test/a', secret: SECRET, format: 'slack' }]);
    expect(row).toMatchObject({ threshold: 0.75, thresholdTarget: null });
    const [entry] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'alert_rule.update'), eq(auditLog.entityId, String(id))));
    expect(Object.keys((entry!.details as { changes: object }).changes).sort()).toEqual(['channels', 'name', 'scope', 'threshold']);
    expect(JSON.stringify(entry!.details)).not.toContain(SECRET);

    const before = await rowCounts();
    const error = await failureOf(
      () =>
        caller(hq).alerts.rules.update({
          id,
          rule: { ...slRule(), channels: [{ kind: 'webhook', url: 'https://hooks.vigie.test/new', format: 'json' }] },
        }),
      TRPCError,
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(issuesOf(error).map((i) => i.path.join('.'))).toEqual(['rule.channels.0.secret']);
    // The whole rule is validated again: a ratio as a percentage is refused under its path.
    const ratio = await failureOf(() => caller(hq).alerts.rules.update({ id, rule: slRule({ threshold: 80 }) }), TRPCError);
    expect(issuesOf(ratio).map((i) => i.path.join('.'))).toEqual(['rule.threshold']);
    expect(await rowCounts()).toEqual(before);
    expect(await trpcCode(() => caller(hq).alerts.rules.update({ id: 999_999, rule: slRule() }))).toBe('NOT_FOUND');
  });

  it('switching a rule off closes its open alerts and puts its scopes back to ok; deleting it keeps its history', async () => {
    const { id } = await caller(hq).alerts.rules.create(slRule({ name: 'Switched off' }));
    const open = await insertAlert({ ruleId: id, ruleName: 'Switched off', siteId: tun.id, scopeKey: 'TUN', firedAt: new Date('2026-11-02T09:00:00Z') });
    await h.db.insert(alertStates).values({ ruleId: id, scopeKey: 'TUN', siteId: tun.id, state: 'firing', alertId: open.id, breachSince: open.firedAt, version: 3 });

    expect(await caller(hq).alerts.rules.setEnabled({ id, enabled: false })).toMatchObject({ id, enabled: false });
    const [closed] = await h.db.select().from(alerts).where(eq(alerts.id, open.id));
    expect(closed).toMatchObject({ status: 'resolved', resolvedAt: now });
    const [state] = await h.db.select().from(alertStates).where(eq(alertStates.ruleId, id));
    expect(state).toMatchObject({ state: 'ok', alertId: null, breachSince: null, version: 4 });
    const [entry] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'alert_rule.disable'), eq(auditLog.entityId, String(id))));
    expect(entry!.details).toMatchObject({ closedAlerts: [open.id] });
    // Switching it off again changes and audits nothing.
    const before = await rowCounts();
    await caller(hq).alerts.rules.setEnabled({ id, enabled: false });
    expect(await rowCounts()).toEqual(before);

    const again = await insertAlert({ ruleId: id, ruleName: 'Switched off', siteId: tun.id, scopeKey: 'TUN', firedAt: new Date('2026-11-02T09:30:00Z') });
    expect(await caller(hq).alerts.rules.remove({ id })).toEqual({ id });
    expect(await h.db.select().from(alertRules).where(eq(alertRules.id, id))).toEqual([]);
    const kept = await h.db.select().from(alerts).where(eq(alerts.ruleName, 'Switched off'));
    expect(kept.map((a) => [a.id, a.ruleId, a.status])).toEqual([
      [open.id, null, 'resolved'],
      [again.id, null, 'resolved'],
    ]);
    expect(await trpcCode(() => caller(hq).alerts.rules.remove({ id }))).toBe('NOT_FOUND');
  });
});

describe('alerts.list, alerts.unread, alerts.markSeen', () => {
  let ids: Record<'tunOld' | 'tunFiring' | 'dkr' | 'network', number>;

  beforeEach(async () => {
    // Each case starts from these four alerts and no mark: the ones before are cleared.
    await h.db.delete(alerts).where(gt(alerts.id, 0));
    await h.db.delete(alertReads).where(gt(alertReads.userId, 0));
    ids = {
      tunOld: (await insertAlert({ siteId: tun.id, firedAt: new Date('2026-10-30T08:00:00Z'), status: 'resolved', resolvedAt: new Date('2026-10-30T09:00:00Z'), resolvedValue: 0.82 })).id,
      tunFiring: (await insertAlert({ siteId: tun.id, queue: 'billing', firedAt: new Date('2026-11-02T09:00:00Z') })).id,
      dkr: (await insertAlert({ siteId: dkr.id, firedAt: new Date('2026-11-01T12:00:00Z') })).id,
      network: (await insertAlert({ siteId: null, firedAt: new Date('2026-11-02T07:00:00Z') })).id,
    };
  });

  it('answers headquarters every alert, newest first, with its figures; filters by state, site and time', async () => {
    const all = await caller(hq).alerts.list({});
    expect(all.alerts.map((a) => a.id)).toEqual([ids.tunFiring, ids.network, ids.dkr, ids.tunOld]);
    expect(all.alerts[0]).toEqual({
      id: ids.tunFiring,
      rule: { id: null, name: 'A rule' },
      site: 'TUN',
      siteName: 'Tunis Lac',
      queue: 'billing',
      metric: 'serviceLevel',
      severity: 'warning',
      state: 'firing',
      firedAt: '2026-11-02T09:00:00.000Z',
      resolvedAt: null,
      value: 0.5,
      resolvedValue: null,
      threshold: 0.7,
      comparison: 'below',
      window: null,
      figures: { numerator: 5, denominator: 10, formula: 'inbound handled within the SLA ÷ offered' },
    });
    expect((await caller(hq).alerts.list({ state: 'resolved' })).alerts.map((a) => a.id)).toEqual([ids.tunOld]);
    expect((await caller(hq).alerts.list({ state: 'firing', site: 'TUN' })).alerts.map((a) => a.id)).toEqual([ids.tunFiring]);
    expect((await caller(hq).alerts.list({ from: '2026-11-01', to: '2026-11-01' })).alerts.map((a) => a.id)).toEqual([ids.dkr]);
    expect((await caller(hq).alerts.list({ from: '2026-11-02T08:00:00+01:00' })).alerts.map((a) => a.id)).toEqual([ids.tunFiring, ids.network]);
    expect((await caller(hq).alerts.list({ limit: 1 })).alerts).toHaveLength(1);
    expect(await trpcCode(() => caller(hq).alerts.list({ site: 'XYZ' }))).toBe('BAD_REQUEST');
    expect(await trpcCode(() => caller(hq).alerts.list({ from: '2026-11-02', to: '2026-11-01' }))).toBe('BAD_REQUEST');
  });

  it("answers a site lead their own site's alerts only, never a network one, and refuses another site", async () => {
    expect((await caller(leadTun).alerts.list({})).alerts.map((a) => a.id)).toEqual([ids.tunFiring, ids.tunOld]);
    expect((await caller(leadTun).alerts.list({ site: 'TUN', state: 'firing' })).alerts.map((a) => a.id)).toEqual([ids.tunFiring]);
    expect(await trpcCode(() => caller(leadTun).alerts.list({ site: 'DKR' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(leadTun).alerts.list({ site: 'XYZ' }))).toBe('FORBIDDEN');
  });

  it('counts the unread alerts each caller may read, and marks them seen forward only, never past the newest', async () => {
    expect(await caller(hq).alerts.unread()).toEqual({ count: 4, latestId: ids.network });
    expect(await caller(leadTun).alerts.unread()).toEqual({ count: 2, latestId: ids.tunFiring });

    expect(await caller(hq).alerts.markSeen({ upToId: ids.dkr })).toEqual({ seenAlertId: ids.dkr });
    expect(await caller(hq).alerts.unread()).toEqual({ count: 1, latestId: ids.network });
    // Backwards changes nothing, and writes nothing to the audit log.
    const before = await rowCounts();
    expect(await caller(hq).alerts.markSeen({ upToId: ids.tunOld })).toEqual({ seenAlertId: ids.dkr });
    expect(await rowCounts()).toEqual(before);
    // A mark beyond the newest alert stops at it, so the next alert still rings.
    expect(await caller(hq).alerts.markSeen({ upToId: 1_000_000 })).toEqual({ seenAlertId: ids.network });
    expect(await caller(hq).alerts.unread()).toEqual({ count: 0, latestId: ids.network });
    const next = await insertAlert({ siteId: dkr.id, firedAt: new Date('2026-11-02T09:59:00Z') });
    expect(await caller(hq).alerts.unread()).toEqual({ count: 1, latestId: next.id });
    // Another user's mark is their own; the lead still has theirs to read.
    expect(await caller(leadTun).alerts.unread()).toEqual({ count: 2, latestId: ids.tunFiring });
    const [entry] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'alert.mark_seen'), eq(auditLog.entityId, String(hq.userId))));
    expect(entry!.details).toEqual({ from: 0, to: ids.dkr });
  });
});

describe('built-in rules', () => {
  it('adds the four built-in rules once, switched on, with no channel but the app', async () => {
    expect(await ensureBuiltInAlertRules(h.db)).toEqual({ created: ['feed-silent', 'report-missing', 'service-level-red', 'mission-projection'] });
    const before = await rowCounts();
    expect(await ensureBuiltInAlertRules(h.db)).toEqual({ created: [] });
    expect(await rowCounts()).toEqual(before);

    const builtIn = (await caller(admin).alerts.rules.list()).filter((r) => r.builtIn !== null);
    expect(builtIn.map((r) => [r.builtIn, r.metric, r.comparison, r.threshold, r.window, r.holdMinutes, r.minVolume, r.enabled, r.channels])).toEqual([
      ['feed-silent', 'feedSilentMinutes', 'above', 30, null, 0, 0, true, []],
      ['report-missing', 'reportMissing', 'above', 0.5, null, 0, 0, true, []],
      ['service-level-red', 'serviceLevel', 'below', 'target-red', { trailingMinutes: 60 }, 0, 10, true, []],
      ['mission-projection', 'missionProjection', 'below', 0.9, null, 0, 0, true, []],
    ]);
    expect(builtIn.every((r) => r.quietWhenClosed && r.scope.sites.length === 0 && !r.scope.network)).toBe(true);
    expect(BUILT_IN_ALERT_RULES).toHaveLength(4);
    const [audits] = await h.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'alert_rule.create'), like(auditLog.actorLabel, 'built-in%')));
    expect(audits!.n).toBe(4);
  });

  it('is switched off rather than deleted, so that no later seed brings it back', async () => {
    const [feed] = await h.db.select().from(alertRules).where(eq(alertRules.builtIn, 'feed-silent'));
    expect(await trpcCode(() => caller(hq).alerts.rules.remove({ id: feed!.id }))).toBe('CONFLICT');
    expect(await caller(hq).alerts.rules.setEnabled({ id: feed!.id, enabled: false })).toMatchObject({ builtIn: 'feed-silent', enabled: false });
    await ensureBuiltInAlertRules(h.db);
    const [still] = await h.db.select().from(alertRules).where(eq(alertRules.builtIn, 'feed-silent'));
    expect(still).toMatchObject({ id: feed!.id, enabled: false });
  });
});

describe('alerts.evaluateNow', () => {
  it('runs one tick at once for an admin: a breach fires, the alert is in the history and rings the bell', async () => {
    await pushQueueStatus(h.db, {
      siteId: dkr.id,
      actor: cliActor(),
      now,
      body: { at: '2026-11-02T09:59:30Z', queues: [{ queue: 'support', waiting: 9, longestWaitSeconds: 300, agentsAvailable: 0, agentsBusy: 4, agentsWrapUp: 0, agentsAway: 1 }] },
    });
    const { id } = await caller(hq).alerts.rules.create({
      name: 'Queue backing up',
      metric: 'callsWaiting',
      scope: { sites: ['DKR'] },
      comparison: 'above',
      threshold: 5,
      severity: 'warning',
      quietWhenClosed: false,
    });
    const unreadBefore = (await caller(hq).alerts.unread()).count;

    expect(await trpcCode(() => caller(hq).alerts.evaluateNow())).toBe('FORBIDDEN');
    const tick = await caller(admin).alerts.evaluateNow();
    expect(tick).toMatchObject({ at: now.toISOString(), fired: expect.any(Number), errors: [] });
    expect(tick.fired).toBeGreaterThanOrEqual(1);

    const firing = (await caller(hq).alerts.list({ state: 'firing', site: 'DKR' })).alerts.filter((a) => a.rule.id === id);
    expect(firing).toMatchObject([{ site: 'DKR', metric: 'callsWaiting', state: 'firing', value: 9, threshold: 5, comparison: 'above', firedAt: now.toISOString() }]);
    expect((await caller(hq).alerts.unread()).count).toBe(unreadBefore + tick.fired);
    const [entry] = await h.db.select().from(auditLog).where(eq(auditLog.action, 'alert.check_now'));
    expect(entry).toMatchObject({ actorId: admin.userId, details: { fired: tick.fired } });
  });
});
