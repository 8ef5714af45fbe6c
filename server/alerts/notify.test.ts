// Alert messages against a real database, a real HTTP receiver that checks signatures as a
// receiver in the field would, and a real SMTP peer: one message per channel and transition,
// e-mails in the recipient's language, webhooks retried with back-off then failed without holding
// up the others, and each delivery sent once when ticks race or two instances run.
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '@/db/client';
import { alertDeliveries, alertRules, alerts, emailOutbox, users, type AlertRow, type AlertRuleRow, type Site } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import type { AlertChannel } from '@/lib/alerts/rule-input';
import { smtpTransport, type MailTransport } from '@/server/digests/mailer';
import { deliverDueEmails } from '@/server/digests/outbox-delivery';
import { startSmtpPeer, type SmtpPeer } from '@/server/digests/testing';
import { makeSite, makeUser } from '@/test/fixtures';
import { deliverDueAlertMessages, MAX_WEBHOOK_ATTEMPTS, queueAlertMessages, type AlertTransitionEvent } from './notify';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-testing';

const PUBLIC_URL = 'https://vigie.example';
const SECRET = 'a-shared-secret-of-some-length';
const T0 = new Date('2026-12-03T09:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

let h: DbHandle;
let cas: Site;
let receiver: WebhookReceiver;
let smtp: SmtpPeer;
let transport: MailTransport;

beforeAll(async () => {
  smtp = await startSmtpPeer();
  transport = smtpTransport(smtp.url, 'Vigie <no-reply@vigie.example>');
});
afterAll(async () => {
  transport.close();
  await smtp.close();
});
beforeEach(async () => {
  h = await createTestDb();
  receiver = await startWebhookReceiver();
  smtp.received.splice(0);
  cas = await makeSite(h.db, { code: 'CAS', name: 'Casablanca', country: 'MA', timezone: 'Africa/Casablanca' });
});
afterEach(async () => {
  await receiver.close();
  await h.close();
});

async function makeRule(channels: AlertChannel[], name = 'SL under red'): Promise<AlertRuleRow> {
  const [rule] = await h.db
    .insert(alertRules)
    .values({ name, metric: 'serviceLevel', siteIds: [cas.id], window: { trailingMinutes: 60 }, comparison: 'below', threshold: 0.8, minVolume: 10, severity: 'critical', channels })
    .returning();
  return rule!;
}

async function makeAlert(rule: AlertRuleRow, over: Partial<typeof alerts.$inferInsert> = {}): Promise<AlertRow> {
  const [row] = await h.db
    .insert(alerts)
    .values({
      ruleId: rule.id,
      ruleName: rule.name,
      scopeKey: 'CAS/billing',
      siteId: cas.id,
      queue: 'billing',
      metric: 'serviceLevel',
      severity: 'critical',
      firedAt: T0,
      value: 0.724,
      threshold: 0.8,
      comparison: 'below',
      window: { trailingMinutes: 60 },
      figures: { numerator: 42, denominator: 58, volume: 58, formula: 'inbound handled within the SLA ÷ offered', from: '2026-12-03T08:00:00Z', to: '2026-12-03T09:00:00Z' },
      ...over,
    })
    .returning();
  return row!;
}

const event = (alert: AlertRow, rule: AlertRuleRow, over: Partial<AlertTransitionEvent> = {}): AlertTransitionEvent => ({
  alert,
  rule,
  transition: 'firing',
  sequence: 0,
  site: { code: 'CAS', name: 'Casablanca' },
  at: T0,
  ...over,
});

/** French figures use narrow no-break spaces ("80,0 %"): compared as plain spaces. */
const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const queue = (e: AlertTransitionEvent) => h.db.transaction((tx) => queueAlertMessages(tx, e, { publicUrl: PUBLIC_URL }));
const deliveries = () => h.db.select().from(alertDeliveries).orderBy(alertDeliveries.id);
const hook = (path: string, format: 'json' | 'slack' | 'teams' = 'json', secret = SECRET): AlertChannel => {
  receiver.endpoint(path, secret);
  return { kind: 'webhook', url: receiver.url(path), secret: SECRET, format };
};

describe('queueAlertMessages', () => {
  it('queues one message per webhook and per address, e-mails in the recipient’s language, and nothing more when called again', async () => {
    const lea = await makeUser(h.db, 'hq_manager', { email: 'lea@vigie.example' });
    await h.db.update(users).set({ locale: 'fr' }).where(eq(users.id, lea.id));
    const rule = await makeRule([
      { kind: 'email', to: ['Lea@Vigie.example', 'ops@partner.example'] },
      { kind: 'email', to: ['ops@partner.example'] },
      hook('/json'),
      hook('/slack', 'slack'),
      hook('/teams', 'teams'),
    ]);
    const alert = await makeAlert(rule);

    expect(await queue(event(alert, rule))).toEqual({ emails: 2, webhooks: 3 });
    expect(await queue(event(alert, rule))).toEqual({ emails: 0, webhooks: 0 });

    const rows = await deliveries();
    expect(rows.map((d) => [d.kind, d.target, d.transition, d.status])).toEqual([
      ['email', 'lea@vigie.example', 'firing', 'pending'],
      ['email', 'ops@partner.example', 'firing', 'pending'],
      ['webhook', receiver.url('/json'), 'firing', 'pending'],
      ['webhook', receiver.url('/slack'), 'firing', 'pending'],
      ['webhook', receiver.url('/teams'), 'firing', 'pending'],
    ]);
    const outbox = await h.db.select().from(emailOutbox).orderBy(emailOutbox.id);
    expect(outbox.map((e) => e.id)).toEqual(rows.slice(0, 2).map((d) => d.emailId));
    const [fr, en] = outbox;
    expect(spaces(fr!.subject)).toBe('[Vigie] Alerte (critique) · Niveau de service sous 80,0 % — Casablanca (CAS) · billing : 72,4 %');
    expect(fr!.text).toContain('entrants traités dans le délai ÷ présentés');
    expect(fr!.text).toContain('Chiffres: 42 ÷ 58');
    expect(en!.subject).toBe('[Vigie] Alert (critical) · Service level below 80.0% — Casablanca (CAS) · billing: 72.4%');
    expect(en!.text).toContain('Formula: inbound handled within the SLA ÷ offered');
    expect(en!.html).toContain(`href="${PUBLIC_URL}/alerts/${alert.id}"`);
  });

  it('writes nothing when the claiming transaction rolls back', async () => {
    const rule = await makeRule([{ kind: 'email', to: ['ops@partner.example'] }, hook('/json')]);
    const alert = await makeAlert(rule);
    await expect(
      h.db.transaction(async (tx) => {
        await queueAlertMessages(tx, event(alert, rule), { publicUrl: PUBLIC_URL });
        throw new Error('lost the claim');
      }),
    ).rejects.toThrow('lost the claim');
    expect(await deliveries()).toEqual([]);
    expect(await h.db.select().from(emailOutbox)).toEqual([]);
  });
});

describe('deliverDueAlertMessages', () => {
  it('sends signed webhooks that a real receiver accepts, each once, and the e-mails reach the SMTP peer', async () => {
    const rule = await makeRule([{ kind: 'email', to: ['ops@partner.example'] }, hook('/json'), hook('/slack', 'slack'), hook('/teams', 'teams')]);
    const alert = await makeAlert(rule);
    await queue(event(alert, rule));

    expect(await deliverDueAlertMessages(h.db, { now: T0 })).toEqual({ sent: 3, retried: 0, failed: 0, errors: [] });
    expect(receiver.rejected).toEqual([]);
    expect(await deliverDueAlertMessages(h.db, { now: minutes(1) })).toMatchObject({ sent: 0 });
    expect(receiver.received.map((r) => r.path).sort()).toEqual(['/json', '/slack', '/teams']);

    const json = receiver.received.find((r) => r.path === '/json')!;
    expect(json.headers['content-type']).toBe('application/json');
    expect(json.json).toMatchObject({
      id: alert.id,
      rule: { id: rule.id, name: 'SL under red' },
      state: 'firing',
      site: 'CAS',
      queue: 'billing',
      metric: 'serviceLevel',
      value: 0.724,
      threshold: 0.8,
      window: { trailingMinutes: 60 },
      at: T0.toISOString(),
      severity: 'critical',
      comparison: 'below',
      url: `${PUBLIC_URL}/alerts/${alert.id}`,
    });
    const slack = receiver.received.find((r) => r.path === '/slack')!.json as { text: string; blocks: { type: string }[] };
    expect(slack.text).toContain('Service level below 80.0%');
    expect(slack.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context', 'actions']);
    const teams = receiver.received.find((r) => r.path === '/teams')!.json as { type: string; attachments: { contentType: string; content: { type: string } }[] };
    expect(teams.type).toBe('message');
    expect(teams.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(teams.attachments[0]!.content.type).toBe('AdaptiveCard');

    expect((await deliveries()).filter((d) => d.kind === 'webhook').map((d) => [d.status, d.attempts, d.sentAt?.toISOString()])).toEqual([
      ['sent', 1, T0.toISOString()],
      ['sent', 1, T0.toISOString()],
      ['sent', 1, T0.toISOString()],
    ]);

    // The e-mail goes out with the outbox, and its delivery row takes the outbox's outcome.
    expect(await deliverDueEmails(h.db, { now: T0, transport })).toMatchObject({ sent: 1, failed: 0 });
    expect(smtp.received.map((m) => [m.to, m.subject])).toEqual([[['ops@partner.example'], '[Vigie] Alert (critical) · Service level below 80.0% — Casablanca (CAS) · billing: 72.4%']]);
    expect(smtp.received[0]!.text).toContain(`${PUBLIC_URL}/alerts/${alert.id}`);
    await deliverDueAlertMessages(h.db, { now: minutes(1) });
    expect((await deliveries()).find((d) => d.kind === 'email')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('says "resolved" with the value that ended it, and a reminder says "firing" again', async () => {
    const rule = await makeRule([hook('/json')]);
    const alert = await makeAlert(rule);
    await queue(event(alert, rule, { transition: 'renotify', sequence: 1, at: minutes(30), value: 0.7 }));
    const [resolved] = await h.db.update(alerts).set({ status: 'resolved', resolvedAt: minutes(45), resolvedValue: 0.85 }).where(eq(alerts.id, alert.id)).returning();
    await queue(event(resolved!, rule, { transition: 'resolved', at: minutes(45) }));

    expect(await deliverDueAlertMessages(h.db, { now: minutes(45) })).toMatchObject({ sent: 2, failed: 0 });
    const bodies = receiver.received.map((r) => r.json as Record<string, unknown>).sort((a, b) => String(a.at).localeCompare(String(b.at)));
    expect(bodies.map((b) => [b.state, b.transition, b.value, b.at])).toEqual([
      ['firing', 'renotify', 0.7, minutes(30).toISOString()],
      ['resolved', 'resolved', 0.85, minutes(45).toISOString()],
    ]);
  });

  it('retries failing and hanging receivers with back-off on later ticks — delivered once one answers, failed after the last attempt — while another webhook is delivered at once', async () => {
    const rule = await makeRule([hook('/down'), hook('/hangs'), hook('/up'), hook('/flaky')]);
    receiver.setMode('/down', 'fail');
    receiver.setMode('/hangs', 'hang');
    receiver.setMode('/flaky', 'fail');
    await queue(event(await makeAlert(rule), rule));
    const byTarget = async () => new Map((await deliveries()).map((d) => [new URL(d.target).pathname, d]));

    const started = Date.now();
    const first = await deliverDueAlertMessages(h.db, { now: T0, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(first).toMatchObject({ sent: 1, retried: 3, failed: 0 });
    expect(first.errors.map((e) => e.error).sort()).toEqual(['HTTP 500: receiver is down', 'HTTP 500: receiver is down', 'No answer within 300 ms']);
    expect(receiver.received.map((r) => r.path)).toEqual(['/up']);

    // Nothing is due before the back-off has passed.
    expect(await deliverDueAlertMessages(h.db, { now: minutes(0.5), timeoutMs: 300 })).toMatchObject({ sent: 0, retried: 0, failed: 0 });
    expect(receiver.hits.get('/down')).toBe(1);
    // One receiver comes back: its retry is delivered.
    receiver.setMode('/flaky', 'ok');

    const waits: number[] = [];
    let now = T0;
    for (let attempt = 2; attempt <= MAX_WEBHOOK_ATTEMPTS; attempt++) {
      const down = (await byTarget()).get('/down')!;
      waits.push((down.nextAttemptAt.getTime() - now.getTime()) / 60_000);
      now = down.nextAttemptAt;
      const result = await deliverDueAlertMessages(h.db, { now, timeoutMs: 300 });
      expect(result).toMatchObject(attempt === 2 ? { sent: 1, retried: 2, failed: 0 } : attempt < MAX_WEBHOOK_ATTEMPTS ? { sent: 0, retried: 2, failed: 0 } : { sent: 0, retried: 0, failed: 2 });
    }
    expect(waits).toEqual([1, 2, 4, 8, 16]);
    const rows = await byTarget();
    expect(rows.get('/down')).toMatchObject({ status: 'failed', attempts: MAX_WEBHOOK_ATTEMPTS, lastError: 'HTTP 500: receiver is down' });
    expect(rows.get('/hangs')).toMatchObject({ status: 'failed', attempts: MAX_WEBHOOK_ATTEMPTS, lastError: 'No answer within 300 ms' });
    expect(rows.get('/up')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(rows.get('/flaky')).toMatchObject({ status: 'sent', attempts: 2, sentAt: minutes(1) });
    expect(receiver.hits.get('/down')).toBe(MAX_WEBHOOK_ATTEMPTS);
    expect(receiver.received.map((r) => r.path)).toEqual(['/up', '/flaky']);
    expect(await deliverDueAlertMessages(h.db, { now: minutes(24 * 60), timeoutMs: 300 })).toMatchObject({ sent: 0, retried: 0, failed: 0 });
  });

  it('counts a receiver’s refusal of the signature as a failed attempt', async () => {
    const rule = await makeRule([hook('/other-secret', 'json', 'the-receiver-knows-another-secret')]);
    await queue(event(await makeAlert(rule), rule));
    const result = await deliverDueAlertMessages(h.db, { now: T0 });
    expect(result).toMatchObject({ sent: 0, retried: 1, errors: [{ error: 'HTTP 401: bad signature' }] });
    expect(receiver.rejected).toEqual([{ path: '/other-secret', reason: 'bad signature' }]);
  });

  it('fails at once, unsent, a webhook whose rule is gone: nothing is left to sign it with', async () => {
    const rule = await makeRule([hook('/json')]);
    await queue(event(await makeAlert(rule), rule));
    await h.db.delete(alertRules).where(eq(alertRules.id, rule.id));
    expect(await deliverDueAlertMessages(h.db, { now: T0 })).toMatchObject({ sent: 0, retried: 0, failed: 1 });
    expect(receiver.hits.size).toBe(0);
    expect((await deliveries())[0]).toMatchObject({ status: 'failed', lastError: 'The rule no longer has this webhook' });
  });

  it('sends each delivery once when two ticks race, on one instance and on two', async () => {
    const rule = await makeRule([hook('/a'), hook('/b', 'slack')]);
    for (let i = 0; i < 6; i++) await queue(event(await makeAlert(rule, { scopeKey: `CAS/q${i}`, queue: `q${i}` }), rule));
    // A second instance: its own connection pool on PostgreSQL; PGlite has one handle per process.
    const other = h.url ? await openDatabase({ driver: 'postgres', url: h.url, max: 5 }) : h;
    try {
      const results = await Promise.all([
        deliverDueAlertMessages(h.db, { now: T0 }),
        deliverDueAlertMessages(other.db, { now: T0 }),
        deliverDueAlertMessages(h.db, { now: T0 }),
      ]);
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(12);
    } finally {
      if (other !== h) await other.close();
    }
    const ids = receiver.received.map((r) => r.headers['x-vigie-delivery']);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect((await deliveries()).map((d) => [d.status, d.attempts])).toEqual(Array.from({ length: 12 }, () => ['sent', 1]));
  });
});
