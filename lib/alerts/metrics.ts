// What an alert rule can watch: each metric by the name the API spells it, what it measures, in
// which unit, which way is better, what counts as its volume (a rule's minimum volume), which
// windows and scopes it accepts, and the target it is judged against for "target-red/amber".
// One home: the rule schema, the engine, the settings form and the REST docs all read this.
import type { KpiMetric } from '@/lib/kpi/definitions';

export const ALERT_METRICS = [
  // KPIs of the KPI module, as GET /api/v1/kpis spells them; ratios as fractions 0–1.
  'offered',
  'handled',
  'abandoned',
  'serviceLevel',
  'abandonRate',
  'asaSeconds',
  'ahtSeconds',
  'fcr',
  'csat',
  'qaScore',
  // Live, from the queue status the site pushes (the latest, not stale).
  'callsWaiting',
  'longestWaitSeconds',
  // Built in.
  'feedSilentMinutes',
  'reportMissing',
  'missionProjection',
  'qaCriticalFails',
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

/**
 * How a metric is measured:
 * - `calls`: from the call records of the window (trailing minutes: the raw records started in it;
 *   today/yesterday: the site-local day's rollup); may be scoped to queues.
 * - `qa`: from the site-scope QA evaluations of the window.
 * - `live`: the latest queue status per queue (waiting summed, longest wait the max); may be
 *   scoped to queues; a stale status gives no value (feedSilentMinutes covers a silent site).
 * - `feed`: opening minutes since the site's last accepted push.
 * - `report`: 1 when the site's daily report for the day is missing at its deadline, else 0.
 * - `mission`: the lowest projection ÷ target over the site's missions running now.
 */
export type AlertSource = 'calls' | 'qa' | 'live' | 'feed' | 'report' | 'mission';

export type AlertUnit = 'count' | 'ratio' | 'seconds' | 'score' | 'minutes';

export type AlertMetricDefinition = {
  source: AlertSource;
  unit: AlertUnit;
  /** Which way is better: a target threshold is breached by a value on the worse side. */
  better: 'higher' | 'lower';
  /** The KPI target the metric is judged against (target-red / target-amber), if any. */
  target: KpiMetric | null;
  /** Whether a rule on it takes a window (live and built-in metrics are read "now"). */
  windowed: boolean;
  /** Whether it can be scoped to queues. */
  byQueue: boolean;
  /** The formula shown beside an alert's figures. */
  formula: string;
};

export const ALERT_METRIC_DEFINITIONS: Record<AlertMetric, AlertMetricDefinition> = {
  offered: { source: 'calls', unit: 'count', better: 'higher', target: null, windowed: true, byQueue: true, formula: 'inbound calls, short abandons (< 5 s) excluded' },
  handled: { source: 'calls', unit: 'count', better: 'higher', target: null, windowed: true, byQueue: true, formula: 'calls not abandoned' },
  abandoned: { source: 'calls', unit: 'count', better: 'lower', target: null, windowed: true, byQueue: true, formula: 'inbound calls abandoned after 5 s or more' },
  serviceLevel: { source: 'calls', unit: 'ratio', better: 'higher', target: 'service_level', windowed: true, byQueue: true, formula: 'inbound handled within the SLA ÷ offered' },
  abandonRate: { source: 'calls', unit: 'ratio', better: 'lower', target: 'abandon_rate', windowed: true, byQueue: true, formula: 'inbound abandoned (not short) ÷ offered' },
  asaSeconds: { source: 'calls', unit: 'seconds', better: 'lower', target: 'asa', windowed: true, byQueue: true, formula: 'Σ wait of inbound handled ÷ inbound handled' },
  ahtSeconds: { source: 'calls', unit: 'seconds', better: 'lower', target: 'aht', windowed: true, byQueue: true, formula: 'Σ (talk + hold + wrap) ÷ handled' },
  fcr: { source: 'calls', unit: 'ratio', better: 'higher', target: 'fcr', windowed: true, byQueue: true, formula: 'handled and resolved ÷ handled with resolution known' },
  csat: { source: 'calls', unit: 'ratio', better: 'higher', target: 'csat', windowed: true, byQueue: true, formula: 'responses of 4 or 5 ÷ responses' },
  qaScore: { source: 'qa', unit: 'score', better: 'higher', target: 'qa_score', windowed: true, byQueue: false, formula: 'mean QA score of the site-scope evaluations' },
  callsWaiting: { source: 'live', unit: 'count', better: 'lower', target: null, windowed: false, byQueue: true, formula: 'calls waiting now, summed over the queues' },
  longestWaitSeconds: { source: 'live', unit: 'seconds', better: 'lower', target: null, windowed: false, byQueue: true, formula: 'longest current wait over the queues' },
  feedSilentMinutes: { source: 'feed', unit: 'minutes', better: 'lower', target: null, windowed: false, byQueue: false, formula: 'opening minutes since the last accepted push' },
  reportMissing: { source: 'report', unit: 'count', better: 'lower', target: null, windowed: false, byQueue: false, formula: '1 when the daily report is not filed by its deadline, else 0' },
  missionProjection: { source: 'mission', unit: 'ratio', better: 'higher', target: null, windowed: false, byQueue: false, formula: 'lowest projected achievement ÷ target over the running missions' },
  qaCriticalFails: { source: 'qa', unit: 'count', better: 'lower', target: null, windowed: true, byQueue: false, formula: 'site-scope evaluations with a failed critical criterion' },
};

/** What a rule's minimum volume counts for each metric: the denominator behind its figure. */
export const VOLUME_OF: Partial<Record<AlertMetric, string>> = {
  serviceLevel: 'offered',
  abandonRate: 'offered',
  asaSeconds: 'inbound handled',
  ahtSeconds: 'handled',
  fcr: 'handled with resolution known',
  csat: 'responses',
  qaScore: 'evaluations',
};
