// The bodies a webhook receives for one transition of one alert, rendered when the transition is
// claimed and kept as they are sent and signed: the generic JSON (raw numbers, ratios as
// fractions, for scripts), a Slack incoming-webhook message and a Microsoft Teams workflow card
// ("Post to a channel when a webhook request is received"), both written for people.
import type { AlertFigures, AlertRow, AlertRuleRow } from '@/db/schema';
import type { AlertWindow, WebhookFormat } from '@/lib/alerts/rule-input';
import { formatAlertValue, formatAlertWindow, formatCondition, formatScopeName, metricFormula, metricLabel } from '@/lib/alerts/wording';

export type AlertTransition = 'firing' | 'resolved' | 'renotify';

/** What every message about one transition says, whatever its channel. */
export type AlertMessage = {
  alertId: number;
  rule: { id: number | null; name: string };
  transition: AlertTransition;
  /** The count of reminders for renotify; 0 otherwise. */
  sequence: number;
  severity: 'warning' | 'critical';
  site: { code: string; name: string } | null;
  queue: string | null;
  metric: string;
  /** The value now: the one that fired it, the latest while it stays firing, the one that ended it. */
  value: number | null;
  /** The value that fired it. */
  firedValue: number | null;
  threshold: number;
  comparison: 'below' | 'above';
  window: AlertWindow | null;
  figures: AlertFigures;
  firedAt: Date;
  at: Date;
  /** The alert's page. */
  url: string;
};

export type MessageSource = {
  alert: AlertRow;
  rule: Pick<AlertRuleRow, 'id' | 'name'>;
  transition: AlertTransition;
  sequence: number;
  site: { code: string; name: string } | null;
  at: Date;
  /** The latest value, when the caller knows a fresher one than the alert row (a reminder). */
  value?: number | null;
};

export function alertUrl(publicUrl: string, alertId: number): string {
  return `${publicUrl.replace(/\/+$/, '')}/alerts/${alertId}`;
}

export function alertMessage(source: MessageSource, publicUrl: string): AlertMessage {
  const { alert } = source;
  const value = source.value !== undefined ? source.value : source.transition === 'resolved' ? (alert.resolvedValue ?? null) : alert.value;
  return {
    alertId: alert.id,
    // The alert keeps the rule's name as it fired; the rule may be renamed since.
    rule: { id: alert.ruleId ?? source.rule.id, name: alert.ruleName || source.rule.name },
    transition: source.transition,
    sequence: source.sequence,
    severity: alert.severity,
    site: source.site,
    queue: alert.queue,
    metric: alert.metric,
    value,
    firedValue: alert.value,
    threshold: alert.threshold,
    comparison: alert.comparison,
    window: alert.window ?? null,
    figures: alert.figures,
    firedAt: alert.firedAt,
    at: source.at,
    url: alertUrl(publicUrl, alert.id),
  };
}

/** A reminder says "firing" again: a receiver keyed on state sees one open alert. */
export const stateOf = (transition: AlertTransition): 'firing' | 'resolved' => (transition === 'resolved' ? 'resolved' : 'firing');

export type AlertJsonBody = {
  id: number;
  rule: { id: number | null; name: string };
  state: 'firing' | 'resolved';
  site: string | null;
  queue?: string;
  metric: string;
  value: number | null;
  threshold: number;
  window: AlertWindow | null;
  at: string;
  transition: AlertTransition;
  reminder?: number;
  severity: 'warning' | 'critical';
  comparison: 'below' | 'above';
  siteName: string | null;
  firedAt: string;
  figures: AlertFigures;
  url: string;
};

export function jsonBody(m: AlertMessage): AlertJsonBody {
  return {
    id: m.alertId,
    rule: m.rule,
    state: stateOf(m.transition),
    site: m.site?.code ?? null,
    ...(m.queue ? { queue: m.queue } : {}),
    metric: m.metric,
    value: m.value,
    threshold: m.threshold,
    window: m.window,
    at: m.at.toISOString(),
    transition: m.transition,
    ...(m.transition === 'renotify' ? { reminder: m.sequence } : {}),
    severity: m.severity,
    comparison: m.comparison,
    siteName: m.site?.name ?? null,
    firedAt: m.firedAt.toISOString(),
    figures: m.figures,
    url: m.url,
  };
}

/** One line for people: "🔴 Critical · Service level below 80.0% — Casablanca (CAS)". */
export function headline(m: AlertMessage): string {
  const where = formatScopeName(m.site, m.queue);
  const what = `${metricLabel(m.metric)} ${formatCondition(m.metric, m.comparison, m.threshold)}`;
  if (m.transition === 'resolved') return `✅ Resolved · ${what} — ${where}`;
  const mark = m.severity === 'critical' ? '🔴 Critical' : '🟠 Warning';
  return `${mark}${m.transition === 'renotify' ? ' (still firing)' : ''} · ${what} — ${where}`;
}

/** The figures as label and value pairs, in the order people read them. */
export function facts(m: AlertMessage): { title: string; value: string }[] {
  const f = m.figures;
  const rows: { title: string; value: string }[] = [
    { title: m.transition === 'resolved' ? 'Value now' : 'Value', value: formatAlertValue(m.metric, m.value) },
    { title: 'Threshold', value: formatCondition(m.metric, m.comparison, m.threshold) },
  ];
  if (m.transition === 'resolved') rows.push({ title: 'Value at firing', value: formatAlertValue(m.metric, m.firedValue) });
  rows.push({ title: 'Window', value: formatAlertWindow(m.window) });
  if (f.numerator != null && f.denominator != null) rows.push({ title: 'Figures', value: `${fmt(f.numerator)} ÷ ${fmt(f.denominator)}` });
  if (f.volume != null) rows.push({ title: 'Volume', value: fmt(f.volume) });
  rows.push({ title: 'Formula', value: metricFormula(m.metric, 'en', f.formula) ?? '' });
  if (f.detail) rows.push({ title: 'Detail', value: f.detail });
  rows.push({ title: 'Severity', value: m.severity });
  return rows;
}

const fmt = (n: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(n);

function contextLine(m: AlertMessage): string {
  const fired = `fired ${m.firedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
  const now = m.transition === 'resolved' ? ` · resolved ${m.at.toISOString().replace('T', ' ').slice(0, 16)} UTC` : '';
  return `Vigie alert #${m.alertId} · rule “${m.rule.name}” · ${fired}${now}`;
}

/** Slack incoming webhook: `text` for notifications and clients without blocks, then blocks. */
export function slackBody(m: AlertMessage) {
  const title = headline(m);
  return {
    text: `${title} (${formatAlertValue(m.metric, m.value)})`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title.slice(0, 150), emoji: true } },
      {
        type: 'section',
        fields: facts(m)
          .slice(0, 10)
          // Slack refuses a field over 2,000 characters; a long detail is cut rather than lost.
          .map((row) => ({ type: 'mrkdwn', text: `*${slackEscape(row.title)}*\n${slackEscape(row.value)}`.slice(0, 2000) })),
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: slackEscape(contextLine(m)) }] },
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Vigie' }, url: m.url, action_id: 'open_alert' }],
      },
    ],
  };
}

/** Slack reads &, < and > as markup in mrkdwn. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A Teams workflow's "Post to a channel when a webhook request is received": an Adaptive Card. */
export function teamsBody(m: AlertMessage) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: headline(m),
              weight: 'Bolder',
              size: 'Medium',
              wrap: true,
              color: m.transition === 'resolved' ? 'Good' : m.severity === 'critical' ? 'Attention' : 'Warning',
            },
            { type: 'FactSet', facts: facts(m) },
            { type: 'TextBlock', text: contextLine(m), isSubtle: true, size: 'Small', wrap: true },
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'Open in Vigie', url: m.url }],
        },
      },
    ],
  };
}

/** The exact text sent and signed. */
export function renderWebhookBody(format: WebhookFormat, m: AlertMessage): string {
  const body = format === 'slack' ? slackBody(m) : format === 'teams' ? teamsBody(m) : jsonBody(m);
  return JSON.stringify(body);
}
