// What the alerts procedures answer, as zod schemas: the REST API's documented shapes (and a
// check that nothing more leaves the server, a webhook's secret least of all).
import { z } from 'zod';
import { ALERT_METRICS } from '@/lib/alerts/metrics';
import { ALERT_COMPARISONS, ALERT_SEVERITIES, alertWindow, TARGET_THRESHOLDS, WEBHOOK_FORMATS } from '@/lib/alerts/rule-input';

const channelOutput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('email'), to: z.array(z.string()) }),
  z.object({
    kind: z.literal('webhook'),
    url: z.string(),
    format: z.enum(WEBHOOK_FORMATS),
    secretSet: z.literal(true).meta({ description: 'The secret is kept to sign with and never answered back' }),
  }),
]);

export const alertRuleOutput = z.object({
  id: z.number().int(),
  name: z.string(),
  metric: z.enum(ALERT_METRICS),
  scope: z.object({
    sites: z.array(z.string()).meta({ description: 'Site codes watched, each on its own; empty = every active site' }),
    queues: z.array(z.string()).meta({ description: 'Queues watched within each site; empty = the site as a whole' }),
    network: z.boolean().meta({ description: 'The network as one figure' }),
  }),
  window: alertWindow.nullable().meta({ description: 'Null for a metric read as of now' }),
  comparison: z.enum(ALERT_COMPARISONS),
  threshold: z.union([z.number(), z.enum(TARGET_THRESHOLDS)]),
  minVolume: z.number().int(),
  holdMinutes: z.number().int(),
  renotifyMinutes: z.number().int().nullable(),
  severity: z.enum(ALERT_SEVERITIES),
  channels: z.array(channelOutput),
  quietWhenClosed: z.boolean(),
  enabled: z.boolean(),
  builtIn: z.string().nullable().meta({ description: 'The key of a built-in rule; null for a rule written by someone' }),
});

const figuresOutput = z.looseObject({
  numerator: z.number().nullable().optional(),
  denominator: z.number().nullable().optional(),
  volume: z.number().nullable().optional(),
  formula: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  detail: z.string().optional(),
});

export const alertOutput = z.object({
  id: z.number().int(),
  rule: z.object({ id: z.number().int().nullable().meta({ description: 'Null once the rule is deleted' }), name: z.string() }),
  site: z.string().nullable().meta({ description: 'Site code; null for a network alert' }),
  siteName: z.string().nullable(),
  queue: z.string().nullable(),
  metric: z.enum(ALERT_METRICS),
  severity: z.enum(ALERT_SEVERITIES),
  state: z.enum(['firing', 'resolved']),
  firedAt: z.string(),
  resolvedAt: z.string().nullable(),
  value: z.number().nullable().meta({ description: 'The value that fired it (ratios as fractions)' }),
  resolvedValue: z.number().nullable(),
  threshold: z.number().meta({ description: 'The threshold at firing, a target’s bound resolved to its number' }),
  comparison: z.enum(ALERT_COMPARISONS),
  window: alertWindow.nullable(),
  figures: figuresOutput,
});

export const alertListOutput = z.object({ alerts: z.array(alertOutput) });
