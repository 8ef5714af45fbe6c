// The bodies a webhook receives: the generic JSON with raw numbers, and the Slack and Teams
// messages written for people (ratios as %, durations, the site's name and code, a link).
import { describe, expect, it } from 'vitest';
import type { AlertRow } from '@/db/schema';
import { alertMessage, renderWebhookBody, type AlertTransition } from './payloads';

const ALERT: AlertRow = {
  id: 41,
  ruleId: 3,
  ruleName: 'SL under red',
  scopeKey: 'CAS',
  siteId: 1,
  queue: null,
  metric: 'serviceLevel',
  severity: 'critical',
  status: 'firing',
  firedAt: new Date('2026-12-03T09:00:00Z'),
  resolvedAt: null,
  value: 0.724,
  resolvedValue: null,
  threshold: 0.8,
  comparison: 'below',
  window: { trailingMinutes: 60 },
  figures: { numerator: 42, denominator: 58, volume: 58, formula: 'inbound handled within the SLA ÷ offered' },
};

const message = (transition: AlertTransition = 'firing', alert: AlertRow = ALERT) =>
  alertMessage({ alert, rule: { id: 3, name: 'SL under red' }, transition, sequence: transition === 'renotify' ? 2 : 0, site: { code: 'CAS', name: 'Casablanca' }, at: new Date('2026-12-03T09:30:00Z') }, 'https://vigie.example/');

describe('webhook bodies', () => {
  it('JSON: the contract’s fields with raw numbers (ratios as fractions), no queue when the scope is a site', () => {
    const body = JSON.parse(renderWebhookBody('json', message()));
    expect(body).toEqual({
      id: 41,
      rule: { id: 3, name: 'SL under red' },
      state: 'firing',
      site: 'CAS',
      metric: 'serviceLevel',
      value: 0.724,
      threshold: 0.8,
      window: { trailingMinutes: 60 },
      at: '2026-12-03T09:30:00.000Z',
      transition: 'firing',
      severity: 'critical',
      comparison: 'below',
      siteName: 'Casablanca',
      firedAt: '2026-12-03T09:00:00.000Z',
      figures: ALERT.figures,
      url: 'https://vigie.example/alerts/41',
    });
    expect('queue' in body).toBe(false);
    const queued = JSON.parse(renderWebhookBody('json', message('renotify', { ...ALERT, queue: 'billing' })));
    expect([queued.state, queued.transition, queued.reminder, queued.queue]).toEqual(['firing', 'renotify', 2, 'billing']);
  });

  it('Slack: text, then a header, the figures, a context line and a button to the alert', () => {
    const body = JSON.parse(renderWebhookBody('slack', message()));
    expect(body.text).toBe('🔴 Critical · Service level below 80.0% — Casablanca (CAS) (72.4%)');
    expect(body.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'context', 'actions']);
    expect(body.blocks[0].text).toEqual({ type: 'plain_text', text: '🔴 Critical · Service level below 80.0% — Casablanca (CAS)', emoji: true });
    const fields = body.blocks[1].fields.map((f: { type: string; text: string }) => f.text);
    expect(fields).toContain('*Value*\n72.4%');
    expect(fields).toContain('*Figures*\n42 ÷ 58');
    expect(fields).toContain('*Formula*\ninbound handled within the SLA ÷ offered');
    expect(body.blocks[3].elements[0]).toMatchObject({ type: 'button', url: 'https://vigie.example/alerts/41' });
  });

  it('Teams: an Adaptive Card 1.4 in a message, with a fact set and a link to the alert', () => {
    const resolved = { ...ALERT, status: 'resolved' as const, resolvedAt: new Date('2026-12-03T09:30:00Z'), resolvedValue: 0.86 };
    const body = JSON.parse(renderWebhookBody('teams', message('resolved', resolved)));
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    const card = body.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content).toMatchObject({ $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4' });
    expect(card.content.body.map((b: { type: string }) => b.type)).toEqual(['TextBlock', 'FactSet', 'TextBlock']);
    expect(card.content.body[0]).toMatchObject({ text: '✅ Resolved · Service level below 80.0% — Casablanca (CAS)', color: 'Good' });
    expect(card.content.body[1].facts.slice(0, 3)).toEqual([
      { title: 'Value now', value: '86.0%' },
      { title: 'Threshold', value: 'below 80.0%' },
      { title: 'Value at firing', value: '72.4%' },
    ]);
    expect(card.content.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open in Vigie', url: 'https://vigie.example/alerts/41' }]);
  });
});
