import { describe, expect, it } from 'vitest';
import { alertRuleInput } from '@/lib/alerts/rule-input';
import {
  checkRuleValues,
  emptyRuleValues,
  formErrorsOf,
  parseTypedNumber,
  ruleFromValues,
  thresholdFromDisplay,
  thresholdToDisplay,
  valuesFromRule,
  type RuleFormValues,
} from './rule-form-values';

const values = (over: Partial<RuleFormValues>): RuleFormValues => ({ ...emptyRuleValues(), name: 'SL at CAS', ...over });

describe('the alert rule form', () => {
  it('reads numbers typed in English or French, and nothing else', () => {
    expect(parseTypedNumber('80,5')).toBe(80.5);
    expect(parseTypedNumber(' 80.5 ')).toBe(80.5);
    expect(parseTypedNumber('1 000')).toBe(1000);
    expect(parseTypedNumber('')).toBeNaN();
    expect(parseTypedNumber('80%')).toBeNaN();
    expect(parseTypedNumber('1e3')).toBeNaN();
  });

  it('takes a ratio typed as a percentage and sends its fraction, and shows a stored fraction as a percentage', () => {
    expect(thresholdFromDisplay('serviceLevel', '80,1')).toBe(0.801);
    expect(thresholdFromDisplay('missionProjection', '90')).toBe(0.9);
    expect(thresholdFromDisplay('asaSeconds', '45')).toBe(45);
    expect(thresholdToDisplay('abandonRate', 0.057)).toBe('5.7');
    expect(thresholdToDisplay('feedSilentMinutes', 30)).toBe('30');
  });

  it('builds the API rule the schema accepts: sites, queues, a trailing window, a percentage threshold, channels', () => {
    const rule = ruleFromValues(
      values({
        sites: ['TUN', 'CAS'],
        queues: 'billing, sales ,',
        thresholdKind: 'number',
        threshold: '75',
        holdMinutes: '15',
        renotifyMinutes: '60',
        emails: 'hq@example.com; ops@example.com\nnight@example.com',
        webhooks: [{ url: ' https://hooks.example.com/x ', secret: 'a-secret-of-16-chars', format: 'slack', secretSet: false }],
      }),
    );
    expect(rule).toEqual({
      name: 'SL at CAS',
      metric: 'serviceLevel',
      scope: { sites: ['CAS', 'TUN'], queues: ['billing', 'sales'] },
      window: { trailingMinutes: 60 },
      comparison: 'below',
      threshold: 0.75,
      minVolume: 10,
      holdMinutes: 15,
      renotifyMinutes: 60,
      severity: 'warning',
      channels: [
        { kind: 'email', to: ['hq@example.com', 'ops@example.com', 'night@example.com'] },
        { kind: 'webhook', url: 'https://hooks.example.com/x', secret: 'a-secret-of-16-chars', format: 'slack' },
      ],
      quietWhenClosed: true,
      enabled: true,
    });
    expect(alertRuleInput.safeParse(rule).success).toBe(true);
  });

  it('leaves out the window and the queues of a metric read per site as of now', () => {
    const rule = ruleFromValues(values({ metric: 'feedSilentMinutes', comparison: 'above', thresholdKind: 'number', threshold: '30', queues: 'billing' }));
    expect(rule.window).toBeUndefined();
    expect(rule.scope).toEqual({});
    expect(checkRuleValues(values({ metric: 'feedSilentMinutes', comparison: 'above', thresholdKind: 'number', threshold: '30' }))).toEqual([]);
  });

  it('round-trips a stored rule, its webhook secret left empty and kept', () => {
    const stored = {
      name: 'Offered yesterday',
      metric: 'offered',
      scope: { sites: ['CAS'] },
      window: { period: 'yesterday' as const },
      comparison: 'above' as const,
      threshold: 0,
      minVolume: 0,
      holdMinutes: 0,
      renotifyMinutes: null,
      severity: 'critical' as const,
      channels: [{ kind: 'webhook' as const, url: 'https://example.com/hook', format: 'json' as const, secretSet: true }],
      quietWhenClosed: false,
      enabled: true,
    };
    const form = valuesFromRule(stored);
    expect(form.windowKind).toBe('yesterday');
    expect(form.webhooks).toEqual([{ url: 'https://example.com/hook', secret: '', format: 'json', secretSet: true }]);
    // Checked as if the secret were there: the server keeps the stored one.
    expect(checkRuleValues(form)).toEqual([]);
    const { channels, ...rest } = ruleFromValues(form);
    const { channels: _stored, ...storedRest } = stored;
    expect(rest).toEqual(storedRest);
    expect(channels).toEqual([{ kind: 'webhook', url: 'https://example.com/hook', secret: '', format: 'json' }]);
  });

  it('takes each of the schema refusals back to its field, with the key the form translates', () => {
    const issues = checkRuleValues(
      values({
        name: ' ',
        thresholdKind: 'number',
        threshold: '180',
        trailingMinutes: '2',
        minVolume: 'ten',
        emails: 'not-an-address',
        webhooks: [{ url: 'ftp://x', secret: 'short', format: 'json', secretSet: false }],
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'name', key: 'name' },
        { field: 'trailingMinutes', key: 'trailingMinutes' },
        { field: 'minVolume', key: 'minVolume' },
        { field: 'emails', key: 'emails' },
        { field: 'webhooks.0.url', key: 'webhookUrl' },
        { field: 'webhooks.0.secret', key: 'webhookSecret' },
      ]),
    );
    const errors = formErrorsOf(issues);
    expect(errors.webhooks?.[0]?.secret?.message).toBe('webhookSecret');
    expect(errors.name?.message).toBe('name');
    // The schema's cross-field checks come once the fields themselves are right.
    expect(checkRuleValues(values({ thresholdKind: 'number', threshold: '180' }))).toEqual([{ field: 'threshold', key: 'thresholdRatio' }]);
  });

  it('says which way is worse than a target, and that a metric without a target needs a number', () => {
    expect(checkRuleValues(values({ comparison: 'above' }))).toEqual([{ field: 'comparison', key: 'comparisonTarget' }]);
    expect(checkRuleValues(values({ metric: 'offered', thresholdKind: 'target-red' }))).toEqual([{ field: 'thresholdKind', key: 'thresholdNoTarget' }]);
    expect(checkRuleValues(values({ scopeMode: 'network', metric: 'callsWaiting', comparison: 'above', thresholdKind: 'number', threshold: '5' }))).toEqual([
      { field: 'scopeMode', key: 'network' },
    ]);
  });
});
