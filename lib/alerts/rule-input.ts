// An alert rule as a person or a script writes it: POST /api/v1/alert-rules, the alerts router and
// the /settings/alerts form all validate with this one schema. Ratios are fractions (0.8 = 80 %),
// as GET /api/v1/kpis gives them. Messages are plain English sentences: the REST API answers
// them as they are, and the form shows them beside the field.
import { z } from 'zod';
import { ALERT_METRICS, ALERT_METRIC_DEFINITIONS, type AlertMetric } from './metrics';

export const ALERT_SEVERITIES = ['warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const ALERT_COMPARISONS = ['below', 'above'] as const;
export type AlertComparison = (typeof ALERT_COMPARISONS)[number];
export const WEBHOOK_FORMATS = ['json', 'slack', 'teams'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
export const TARGET_THRESHOLDS = ['target-red', 'target-amber'] as const;
export type TargetThreshold = (typeof TARGET_THRESHOLDS)[number];

/** At most a day of trailing minutes: longer windows are "today" or "yesterday". */
export const MAX_TRAILING_MINUTES = 1440;
export const MAX_HOLD_MINUTES = 1440;
export const MAX_CHANNELS = 10;

export const alertWindow = z.union([
  z.object({ trailingMinutes: z.number().int('Whole minutes.').min(5, 'At least 5 minutes.').max(MAX_TRAILING_MINUTES, 'At most 1440 minutes; use "today" for longer.') }).strict(),
  z.object({ period: z.enum(['today', 'yesterday'], 'Either "today" or "yesterday".') }).strict(),
]);
export type AlertWindow = z.infer<typeof alertWindow>;

const siteCode = z.string().regex(/^[A-Z]{2,8}$/, 'A site code is 2 to 8 upper-case letters.');

export const alertScope = z
  .object({
    sites: z.array(siteCode).max(200).optional(),
    queues: z.array(z.string().trim().min(1, 'A queue name is not empty.').max(100)).max(50).optional(),
    /** The network as one figure (summed numerators and denominators) instead of each site. */
    network: z.boolean().optional(),
  })
  .strict();
export type AlertScope = z.infer<typeof alertScope>;

export const emailChannel = z.object({ kind: z.literal('email'), to: z.array(z.email('Not an e-mail address.')).min(1, 'At least one address.').max(20) }).strict();
export const webhookChannel = z
  .object({
    kind: z.literal('webhook'),
    url: z.url({ protocol: /^https?$/, error: 'An http or https address.' }).max(2000),
    secret: z.string().min(16, 'A secret of at least 16 characters.').max(200),
    format: z.enum(WEBHOOK_FORMATS, 'One of json, slack, teams.'),
  })
  .strict();
export const alertChannel = z.discriminatedUnion('kind', [emailChannel, webhookChannel]);
export type AlertChannel = z.infer<typeof alertChannel>;

export const alertRuleInput = z
  .object({
    name: z.string().trim().min(1, 'A name is needed.').max(100, 'At most 100 characters.'),
    metric: z.enum(ALERT_METRICS, `One of ${ALERT_METRICS.join(', ')}.`),
    scope: alertScope.default({}),
    window: alertWindow.optional(),
    comparison: z.enum(ALERT_COMPARISONS, 'Either "below" or "above".'),
    threshold: z.union([z.number().finite(), z.enum(TARGET_THRESHOLDS)], 'A number, "target-red" or "target-amber".'),
    minVolume: z.number().int().min(0).max(1_000_000).default(0),
    holdMinutes: z.number().int().min(0).max(MAX_HOLD_MINUTES).default(0),
    renotifyMinutes: z.number().int().min(5, 'At least 5 minutes.').max(10_080).nullable().optional(),
    severity: z.enum(ALERT_SEVERITIES, 'Either "warning" or "critical".'),
    channels: z.array(alertChannel).max(MAX_CHANNELS).default([]),
    /** Closed sites (their calendar) raise nothing; on unless said otherwise. */
    quietWhenClosed: z.boolean().default(true),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const def = ALERT_METRIC_DEFINITIONS[rule.metric as AlertMetric];
    if (def.windowed && !rule.window) ctx.addIssue({ code: 'custom', path: ['window'], message: 'This metric needs a window: { trailingMinutes } or { period }.' });
    if (!def.windowed && rule.window) ctx.addIssue({ code: 'custom', path: ['window'], message: 'This metric is read as of now and takes no window.' });
    if (rule.scope.queues?.length && !def.byQueue) ctx.addIssue({ code: 'custom', path: ['scope', 'queues'], message: 'This metric is per site, not per queue.' });
    if (rule.scope.network && def.source !== 'calls' && def.source !== 'qa') {
      ctx.addIssue({ code: 'custom', path: ['scope', 'network'], message: 'Only call and QA figures have a network value.' });
    }
    if (typeof rule.threshold === 'string') {
      if (!def.target) ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'This metric has no target; give a number.' });
      else if (rule.comparison !== (def.better === 'higher' ? 'below' : 'above')) {
        ctx.addIssue({ code: 'custom', path: ['comparison'], message: `Worse than the target is "${def.better === 'higher' ? 'below' : 'above'}" for this metric.` });
      }
    } else if (def.unit === 'ratio' && (rule.threshold < 0 || rule.threshold > 1) && rule.metric !== 'missionProjection') {
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'A ratio is a fraction between 0 and 1 (0.8 = 80 %).' });
    }
  });
export type AlertRuleInput = z.input<typeof alertRuleInput>;
export type AlertRule = z.output<typeof alertRuleInput>;
