// The alert engine against a real database, ticks run as of chosen instants (as
// `vigie alerts:evaluate --now` does): hold-for, one firing and one recovery, racing ticks and
// instances, closed sites, targets with a site's override, the network as a ratio of sums, and a
// minimum volume. Webhooks go to a real HTTP receiver on this machine that checks the signature
// as a receiver would.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '@/db/client';
import { alertDeliveries, alertRules, alerts, alertStates, auditLog, emailOutbox, kpiTargets, queueStatusLatest, siteCalendarPeriods, type AlertRuleRow } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { cliActor } from '@/server/auth/principal';
import { ingestCalls } from '@/server/ingest/calls';
import { makeSite } from '@/test/fixtures';
import { evaluateAlerts } from './engine';
import { deliverDueAlertMessages } from './notify';

const PUBLIC_URL = 'https://vigie.example';
const SECRET = 'a-receiver-secret-of-some-length';

type Received = { body: string; signature: string | undefined; valid: boolean };
let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signature = req.headers['x-vigie-signature'] as string | undefined;
      const expected = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
      received.push({ body, signature, valid: signature === expected });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

let h: DbHandle;
let tun: { id: number };
let cas: { id: number };

beforeEach(async () => {
  h = await createTestDb();
  received.splice(0);
  // Open around the clock (no weekly hours); 30 Nov 2026 is no public holiday in either country.
  tun = await makeSite(h.db, { code: 'TUN', name: 'Tunis', country: 'TN', timezone: 'Africa/Tunis' });
  cas = await makeSite(h.db, { code: 'CAS', name: 'Casablanca', country: 'MA', timezone: 'Africa/Casablanca' });
});
afterEach(() => h.close());

const at = (hhmm: string) => new Date(`2026-11-30T${hhmm}:00Z`);
const tick = (hhmm: string, db = h.db) => evaluateAlerts(db, { now: at(hhmm), publicUrl: PUBLIC_URL });

let serial = 0;
/** `count` inbound calls from `from` (UTC HH:MM), 5 s apart, each waiting `waitSeconds`. */
async function calls(siteId: number, from: string, count: number, waitSeconds: number) {
  const start = at(from).getTime();
  await ingestCalls(h.db, {
    siteId,
    actor: cliActor(),
    receivedAt: new Date(start + count * 5_000),
    records: Array.from({ length: count }, (_, i) => ({
      externalId: `c${++serial}`,
      startedAt: new Date(start + i * 5_000).toISOString(),
      direction: 'inbound',
      queue: i % 2 ? 'sales' : 'support',
      waitSeconds,
      talkSeconds: 120,
      holdSeconds: 0,
      wrapSeconds: 10,
      abandoned: false,
    })),
  });
}

async function rule(over: Partial<typeof alertRules.$inferInsert> = {}): Promise<AlertRuleRow> {
  const [row] = await h.db
    .insert(alertRules)
    .values({
      name: 'Service level low',
      metric: 'serviceLevel',
      window: { trailingMinutes: 15 },
      comparison: 'below',
      threshold: 0.8,
      severity: 'critical',
      channels: [
        { kind: 'webhook', url: receiverUrl, secret: SECRET, format: 'json' },
        { kind: 'email', to: ['duty@vigie.example'] },
      ],
      ...over,
    })
    .returning();
  return row!;
}

const alertRows = () => h.db.select().from(alerts).orderBy(alerts.id);
const deliveries = () => h.db.select().from(alertDeliveries).orderBy(alertDeliveries.id);

describe('hold-for, firing and recovery', () => {
  it('fires nothing for a breach held for less than hold-for', async () => {
    await rule({ holdMinutes: 10, siteIds: [tun.id] });
    await calls(tun.id, '09:00', 20, 60);
    const first = await tick('09:05');
    expect(first).toMatchObject({ rules: 1, scopes: 1, pending: 1, fired: [], errors: [] });
    expect((await tick('09:10')).pending).toBe(0);
    // By 09:20 the slow calls have left the 15-minute window: no value, the breach is over.
    const over = await tick('09:20');
    expect(over).toMatchObject({ cancelled: 1, fired: [] });
    expect(await alertRows()).toEqual([]);
    expect(await deliveries()).toEqual([]);
    const [state] = await h.db.select().from(alertStates);
    expect(state).toMatchObject({ state: 'ok', scopeKey: 'TUN', lastValue: null, version: 2 });
  });

  it('fires once when held for hold-for and recovers once, each with one message per channel', async () => {
    const r = await rule({ holdMinutes: 5, siteIds: [tun.id] });
    await calls(tun.id, '09:00', 20, 60);
    expect((await tick('09:04')).pending).toBe(1);
    expect((await tick('09:08')).fired).toEqual([]);
    const fired = await tick('09:09');
    expect(fired.fired).toEqual([expect.objectContaining({ ruleId: r.id, scopeKey: 'TUN', value: 0, threshold: 0.8 })]);
    expect(fired.messages).toEqual({ emails: 1, webhooks: 1 });
    expect((await tick('09:10')).fired).toEqual([]);

    // Quick answers from 09:12, one every 5 s, while the slow ones (09:00:00–09:01:35) leave the
    // window: at 09:14, 25 of 45 within the SLA; at 09:15, 37 of 56; at 09:16, 49 of 56: over.
    // The recovery is held like the breach: calm from 09:16, resolved five minutes later.
    await calls(tun.id, '09:12', 100, 5);
    expect((await tick('09:14')).resolved).toEqual([]);
    expect((await tick('09:15')).resolved).toEqual([]);
    expect(await tick('09:16')).toMatchObject({ clearing: 1, resolved: [], messages: { emails: 0, webhooks: 0 } });
    expect((await tick('09:20')).resolved).toEqual([]);
    const recovered = await tick('09:21');
    expect(recovered.resolved).toHaveLength(1);
    expect((await tick('09:22')).resolved).toEqual([]);

    const [alert] = await alertRows();
    expect(await alertRows()).toHaveLength(1);
    expect(alert).toMatchObject({
      ruleId: r.id,
      ruleName: 'Service level low',
      scopeKey: 'TUN',
      siteId: tun.id,
      status: 'resolved',
      firedAt: at('09:09'),
      resolvedAt: at('09:21'),
      value: 0,
      threshold: 0.8,
      comparison: 'below',
      window: { trailingMinutes: 15 },
    });
    // 09:06–09:21: only the quick answers are left in the window.
    expect(alert!.resolvedValue).toBe(1);
    expect(alert!.figures).toMatchObject({ numerator: 0, denominator: 20, volume: 20, from: '2026-11-30T08:54:00.000Z', to: '2026-11-30T09:09:00.000Z' });
    expect(alert!.figures.formula).toContain('÷ offered');

    expect((await deliveries()).map((d) => [d.transition, d.kind])).toEqual([
      ['firing', 'webhook'],
      ['firing', 'email'],
      ['resolved', 'webhook'],
      ['resolved', 'email'],
    ]);
    const mails = await h.db.select().from(emailOutbox);
    expect(mails.map((m) => m.toAddress)).toEqual(['duty@vigie.example', 'duty@vigie.example']);
    const audit = await h.db.select().from(auditLog).where(eq(auditLog.entity, 'alert')).orderBy(auditLog.id);
    expect(audit.map((a) => [a.action, a.actorLabel, a.entityId])).toEqual([
      ['alert.fire', 'alert scheduler', String(alert!.id)],
      ['alert.resolve', 'alert scheduler', String(alert!.id)],
    ]);

    // The webhooks as a receiver gets them: two, each signed with the channel's secret.
    const sent = await deliverDueAlertMessages(h.db, { now: at('09:22') });
    expect(sent).toMatchObject({ sent: 2, failed: 0 });
    expect(received.map((m) => [m.valid, (JSON.parse(m.body) as { state: string }).state])).toEqual([
      [true, 'firing'],
      [true, 'resolved'],
    ]);
  });

  it('fires once and resolves once for a value flapping across its threshold every minute (hold 10)', async () => {
    await rule({ metric: 'callsWaiting', window: null, comparison: 'above', threshold: 5, holdMinutes: 10, siteIds: [tun.id] });
    const T0 = at('09:00').getTime();
    const outcomes: string[] = [];
    const totals = { clearing: 0, relapsed: 0 };
    // 8 waiting (a breach) from 09:00 to 09:10; then 3 and 8 in turn until 09:30; then 3 from 09:31.
    for (let minute = 0; minute <= 42; minute++) {
      const now = new Date(T0 + minute * 60_000);
      const waiting = minute <= 10 || (minute <= 30 && minute % 2 === 0) ? 8 : 3;
      const status = { siteId: tun.id, queue: 'support', at: now, receivedAt: now, waiting, longestWaitSeconds: 30, agentsAvailable: 1, agentsBusy: 4, agentsWrapUp: 0, agentsAway: 0 };
      await h.db.insert(queueStatusLatest).values(status).onConflictDoUpdate({ target: [queueStatusLatest.siteId, queueStatusLatest.queue], set: status });
      const result = await evaluateAlerts(h.db, { now, publicUrl: PUBLIC_URL });
      expect(result.errors).toEqual([]);
      totals.clearing += result.clearing;
      totals.relapsed += result.relapsed;
      for (const f of result.fired) outcomes.push(`${minute}: fired at ${f.value}`);
      for (const r of result.resolved) outcomes.push(`${minute}: resolved at ${r.value}`);
    }
    expect(outcomes).toEqual(['10: fired at 8', '41: resolved at 3']);
    // Each calm minute of the flapping started a recovery, each breach after it ended one.
    expect(totals).toEqual({ clearing: 11, relapsed: 10 });
    expect((await alertRows()).map((a) => [a.status, a.firedAt, a.resolvedAt])).toEqual([['resolved', at('09:10'), at('09:41')]]);
    expect((await deliveries()).map((d) => `${d.transition} ${d.kind}`)).toEqual(['firing webhook', 'firing email', 'resolved webhook', 'resolved email']);
  });

  it('reminds every re-notify interval while the breach lasts', async () => {
    await rule({ siteIds: [tun.id], renotifyMinutes: 5, window: { trailingMinutes: 60 }, channels: [{ kind: 'email', to: ['duty@vigie.example'] }] });
    await calls(tun.id, '09:00', 20, 60);
    for (const hhmm of ['09:02', '09:03', '09:06', '09:07', '09:12']) await tick(hhmm);
    expect((await deliveries()).map((d) => [d.transition, d.sequence])).toEqual([
      ['firing', 0],
      ['renotify', 1],
      ['renotify', 2],
    ]);
  });
});

describe('exactly once', () => {
  it('makes one alert and one message per channel when ticks race', async () => {
    await rule({ siteIds: [tun.id] });
    await calls(tun.id, '09:00', 20, 60);
    const firing = await Promise.all([tick('09:05'), tick('09:05'), tick('09:05')]);
    expect(firing.reduce((n, r) => n + r.fired.length, 0)).toBe(1);
    expect(firing.reduce((n, r) => n + r.alreadyClaimed, 0)).toBe(2);
    expect(firing.flatMap((r) => r.errors)).toEqual([]);
    await calls(tun.id, '09:10', 200, 5);
    const resolving = await Promise.all([tick('09:20'), tick('09:20')]);
    expect(resolving.reduce((n, r) => n + r.resolved.length, 0)).toBe(1);
    expect(await alertRows()).toHaveLength(1);
    expect((await deliveries()).map((d) => `${d.transition} ${d.kind}`)).toEqual(['firing webhook', 'firing email', 'resolved webhook', 'resolved email']);
  });

  it('claims a storm of transitions in batches, and a rule that fails there fails alone, writing nothing', async () => {
    const good = await rule({ name: 'Good' });
    // Channels stored broken (no addresses): queueing its messages throws inside the transaction.
    const broken = await rule({ name: 'Broken', channels: [{ kind: 'email', to: null }] as never });
    const inApp = await rule({ name: 'In-app', channels: [] });
    await calls(tun.id, '09:00', 20, 60);
    await calls(cas.id, '09:00', 20, 60);
    const result = await tick('09:05');
    expect(result.fired.map((f) => [f.rule, f.scopeKey])).toEqual([
      ['Good', 'CAS'],
      ['Good', 'TUN'],
      ['In-app', 'CAS'],
      ['In-app', 'TUN'],
    ]);
    expect(result.errors.map((e) => [e.ruleId, e.scopeKey])).toEqual([
      [broken.id, 'CAS'],
      [broken.id, 'TUN'],
    ]);
    expect((await alertRows()).map((a) => [a.ruleId, a.scopeKey, a.status])).toEqual([
      [good.id, 'CAS', 'firing'],
      [good.id, 'TUN', 'firing'],
      [inApp.id, 'CAS', 'firing'],
      [inApp.id, 'TUN', 'firing'],
    ]);
    const states = await h.db.select().from(alertStates).orderBy(alertStates.ruleId, alertStates.scopeKey);
    expect(states.map((s) => [s.ruleId, s.scopeKey, s.state, s.alertId !== null, s.version])).toEqual([
      [good.id, 'CAS', 'firing', true, 1],
      [good.id, 'TUN', 'firing', true, 1],
      [broken.id, 'CAS', 'ok', false, 0],
      [broken.id, 'TUN', 'ok', false, 0],
      [inApp.id, 'CAS', 'firing', true, 1],
      [inApp.id, 'TUN', 'firing', true, 1],
    ]);
    const audit = await h.db.select().from(auditLog).where(eq(auditLog.entity, 'alert'));
    expect(audit).toHaveLength(4);
    expect(await deliveries()).toHaveLength(4);
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('makes one alert and one message per channel with two instances on their own connections', async () => {
    await rule({ siteIds: [tun.id] });
    await calls(tun.id, '09:00', 20, 60);
    const other = await openDatabase({ driver: 'postgres', url: h.url!, max: 3 });
    try {
      const firing = await Promise.all([tick('09:05'), tick('09:05', other.db), tick('09:05', other.db), tick('09:05')]);
      expect(firing.reduce((n, r) => n + r.fired.length, 0)).toBe(1);
      expect(firing.flatMap((r) => r.errors)).toEqual([]);
      await calls(tun.id, '09:10', 200, 5);
      const resolving = await Promise.all([tick('09:20', other.db), tick('09:20')]);
      expect(resolving.reduce((n, r) => n + r.resolved.length, 0)).toBe(1);
      expect(await alertRows()).toHaveLength(1);
      expect(await deliveries()).toHaveLength(4);
      // Both instances deliver at once: each webhook goes out once.
      await Promise.all([deliverDueAlertMessages(h.db, { now: at('09:21') }), deliverDueAlertMessages(other.db, { now: at('09:21') })]);
      expect(received).toHaveLength(2);
    } finally {
      await other.close();
    }
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('claims a storm once with two instances racing, without deadlock', async () => {
    for (const name of ['A', 'B', 'C', 'D']) await rule({ name, queues: ['sales', 'support'], channels: [] });
    await calls(tun.id, '09:00', 20, 60);
    await calls(cas.id, '09:00', 20, 60);
    const other = await openDatabase({ driver: 'postgres', url: h.url!, max: 4 });
    try {
      const ticks = await Promise.all([tick('09:05'), tick('09:05', other.db), tick('09:05'), tick('09:05', other.db), tick('09:05', other.db)]);
      expect(ticks.flatMap((r) => r.errors)).toEqual([]);
      expect(ticks.reduce((n, r) => n + r.fired.length, 0)).toBe(16);
      const rows = await alertRows();
      expect(rows).toHaveLength(16);
      expect(new Set(rows.map((a) => `${a.ruleId} ${a.scopeKey}`)).size).toBe(16);
      const states = await h.db.select().from(alertStates);
      expect(states.every((s) => s.state === 'firing' && s.alertId !== null && s.version === 1)).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe('what counts as a breach', () => {
  it('keeps a site closed by its calendar quiet, and speaks once it opens', async () => {
    await rule({ siteIds: [tun.id], window: { period: 'today' } });
    await h.db.insert(siteCalendarPeriods).values({ siteId: tun.id, kind: 'closed', name: 'Inventory', startsOn: '2026-11-30', endsOn: '2026-11-30' });
    await calls(tun.id, '09:00', 20, 60);
    const quiet = await tick('09:10');
    expect(quiet).toMatchObject({ scopes: 1, pending: 0, fired: [] });
    expect(await alertRows()).toEqual([]);
    // The next local day (Tunis is UTC+1) the site is open: today's figures are its own, none yet.
    await calls(tun.id, '23:30', 20, 60);
    expect((await tick('23:40')).fired).toHaveLength(1);
  });

  it('uses a site’s own target over the network’s for "target-red"', async () => {
    await h.db.insert(kpiTargets).values([
      { siteId: null, metric: 'service_level', green: 0.8, amber: 0.7 },
      { siteId: cas.id, metric: 'service_level', green: 0.6, amber: 0.5 },
    ]);
    await rule({ threshold: null, thresholdTarget: 'red' });
    // Both at 65/100 and 55/100: Tunis is red by the network's target, Casablanca amber by its own.
    await calls(tun.id, '09:00', 65, 5);
    await calls(tun.id, '09:06', 35, 60);
    await calls(cas.id, '09:00', 55, 5);
    await calls(cas.id, '09:05', 45, 60);
    const result = await tick('09:10');
    expect(result.fired.map((f) => [f.scopeKey, f.value, f.threshold])).toEqual([['TUN', 0.65, 0.7]]);
    const states = await h.db.select().from(alertStates).orderBy(alertStates.scopeKey);
    expect(states.map((s) => [s.scopeKey, s.state, s.lastValue])).toEqual([
      ['CAS', 'ok', 0.55],
      ['TUN', 'firing', 0.65],
    ]);
  });

  it('gives the network the ratio of the summed parts, not a mean of the sites’ ratios', async () => {
    await rule({ network: true, threshold: 0.6 });
    await calls(tun.id, '09:00', 10, 5);
    await calls(cas.id, '09:00', 45, 5);
    await calls(cas.id, '09:04', 45, 60);
    const result = await tick('09:12');
    // (10 + 45) ÷ (10 + 90) = 0.55; the mean of 1.0 and 0.5 would be 0.75, no breach.
    expect(result.fired).toEqual([expect.objectContaining({ scopeKey: 'network', value: 0.55, threshold: 0.6 })]);
    const [alert] = await alertRows();
    expect(alert).toMatchObject({ siteId: null, scopeKey: 'network', figures: expect.objectContaining({ numerator: 55, denominator: 100, volume: 100 }) });
  });

  it('raises nothing on fewer calls than the minimum volume', async () => {
    await rule({ siteIds: [tun.id], minVolume: 10 });
    await calls(tun.id, '09:00', 3, 60);
    expect(await tick('09:05')).toMatchObject({ pending: 0, fired: [] });
    await calls(tun.id, '09:06', 7, 60);
    expect((await tick('09:08')).fired).toHaveLength(1);
  });

  it('resolves the alert of a site taken out of its rule, instead of leaving it firing', async () => {
    const r = await rule();
    await calls(tun.id, '09:00', 20, 60);
    await calls(cas.id, '09:00', 20, 60);
    expect((await tick('09:05')).fired.map((f) => f.scopeKey)).toEqual(['CAS', 'TUN']);
    await h.db.update(alertRules).set({ siteIds: [cas.id] }).where(eq(alertRules.id, r.id));
    const after = await tick('09:06');
    expect(after.resolved.map((f) => f.scopeKey)).toEqual(['TUN']);
    expect((await alertRows()).map((a) => [a.scopeKey, a.status])).toEqual([
      ['CAS', 'firing'],
      ['TUN', 'resolved'],
    ]);
    expect((await tick('09:07')).resolved).toEqual([]);
  });

  it('measures each queue on its own when the rule names queues', async () => {
    await rule({ siteIds: [tun.id], queues: ['sales', 'billing'] });
    await calls(tun.id, '09:00', 20, 60);
    const result = await tick('09:05');
    // Half the calls are in "sales"; "billing" has none, so no value.
    expect(result.fired.map((f) => f.scopeKey)).toEqual(['TUN/sales']);
    const states = await h.db.select().from(alertStates).orderBy(alertStates.scopeKey);
    expect(states.map((s) => [s.scopeKey, s.queue, s.lastValue])).toEqual([
      ['TUN/billing', 'billing', null],
      ['TUN/sales', 'sales', 0],
    ]);
  });
});
