// An alert's figures as people read them, in English or French: the metric's name, its value in
// its unit (ratios as %, seconds as s or m:ss, minutes as min), the window and the comparison.
// Messages render outside next-intl (in the scheduler's tick, the CLI, tests), so they carry their
// own small dictionary, typed so that both languages say everything.
import type { AlertWindow } from '@/lib/alerts/rule-input';
import { ALERT_METRIC_DEFINITIONS, ALERT_METRICS, type AlertMetric } from '@/lib/alerts/metrics';
import { formatCount, formatDuration, formatPercent, formatScore, NO_VALUE } from '@/lib/kpi/format';

export type MessageLocale = 'en' | 'fr';

type Labels = {
  intlLocale: string;
  metric: Record<AlertMetric, string>;
  formula: Record<AlertMetric, string>;
  below: string;
  above: string;
  now: string;
  today: string;
  yesterday: string;
  trailing: (minutes: number) => string;
  minutes: (n: string) => string;
  network: string;
};

const EN: Labels = {
  intlLocale: 'en-GB',
  metric: {
    offered: 'Calls offered',
    handled: 'Calls handled',
    abandoned: 'Calls abandoned',
    serviceLevel: 'Service level',
    abandonRate: 'Abandon rate',
    asaSeconds: 'Average speed of answer',
    ahtSeconds: 'Average handle time',
    fcr: 'First-contact resolution',
    csat: 'Customer satisfaction',
    qaScore: 'QA score',
    callsWaiting: 'Calls waiting',
    longestWaitSeconds: 'Longest wait',
    feedSilentMinutes: 'Feed silent',
    reportMissing: 'Daily report missing',
    missionProjection: 'Mission projection',
    qaCriticalFails: 'QA critical fails',
  },
  formula: Object.fromEntries(ALERT_METRICS.map((m) => [m, ALERT_METRIC_DEFINITIONS[m].formula])) as Record<AlertMetric, string>,
  below: 'below',
  above: 'above',
  now: 'now',
  today: 'today',
  yesterday: 'yesterday',
  trailing: (minutes) => `last ${minutes} min`,
  minutes: (n) => `${n} min`,
  network: 'Network',
};

const FR: Labels = {
  intlLocale: 'fr-FR',
  metric: {
    offered: 'Appels présentés',
    handled: 'Appels traités',
    abandoned: 'Appels abandonnés',
    serviceLevel: 'Niveau de service',
    abandonRate: "Taux d'abandon",
    asaSeconds: 'Délai moyen de réponse',
    ahtSeconds: 'Durée moyenne de traitement',
    fcr: 'Résolution au premier contact',
    csat: 'Satisfaction client',
    qaScore: 'Note qualité',
    callsWaiting: 'Appels en attente',
    longestWaitSeconds: 'Attente la plus longue',
    feedSilentMinutes: 'Flux muet',
    reportMissing: 'Rapport quotidien manquant',
    missionProjection: 'Projection de mission',
    qaCriticalFails: 'Échecs critiques qualité',
  },
  formula: {
    offered: 'appels entrants, abandons courts (< 5 s) exclus',
    handled: 'appels non abandonnés',
    abandoned: 'appels entrants abandonnés après 5 s ou plus',
    serviceLevel: 'entrants traités dans le délai ÷ présentés',
    abandonRate: 'entrants abandonnés (hors abandons courts) ÷ présentés',
    asaSeconds: 'Σ attente des entrants traités ÷ entrants traités',
    ahtSeconds: 'Σ (conversation + attente + post-appel) ÷ traités',
    fcr: 'traités et résolus ÷ traités dont la résolution est connue',
    csat: 'réponses 4 ou 5 ÷ réponses',
    qaScore: 'note qualité moyenne des évaluations du site',
    callsWaiting: 'appels en attente maintenant, sommés sur les files',
    longestWaitSeconds: 'attente en cours la plus longue sur les files',
    feedSilentMinutes: "minutes d'ouverture depuis le dernier envoi accepté",
    reportMissing: "1 quand le rapport quotidien n'est pas déposé à l'échéance, sinon 0",
    missionProjection: 'réalisation projetée la plus basse ÷ objectif sur les missions en cours',
    qaCriticalFails: 'évaluations du site avec un critère critique en échec',
  },
  below: 'sous',
  above: 'au-dessus de',
  now: 'maintenant',
  today: "aujourd'hui",
  yesterday: 'hier',
  trailing: (minutes) => `${minutes} dernières min`,
  minutes: (n) => `${n} min`,
  network: 'Réseau',
};

export const LABELS: Record<MessageLocale, Labels> = { en: EN, fr: FR };

/** A metric's name for people; an unknown metric (a rule from a later version) as it is spelled. */
export function metricLabel(metric: string, locale: MessageLocale = 'en'): string {
  return (LABELS[locale].metric as Record<string, string>)[metric] ?? metric;
}

export function formulaOf(metric: string, fallback: string, locale: MessageLocale = 'en'): string {
  return (LABELS[locale].formula as Record<string, string>)[metric] ?? fallback;
}

/** A value in its metric's unit: "72.4%", "1:35", "45 s", "38 min", "12". */
export function formatAlertValue(metric: string, value: number | null | undefined, locale: MessageLocale = 'en'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  const intl = LABELS[locale].intlLocale;
  const unit = (ALERT_METRIC_DEFINITIONS as Record<string, { unit: string } | undefined>)[metric]?.unit ?? 'count';
  switch (unit) {
    case 'ratio':
      return formatPercent(value, intl);
    case 'seconds':
      return formatDuration(value, intl);
    case 'minutes':
      return LABELS[locale].minutes(formatCount(value, intl));
    case 'score':
      return formatScore(value, intl);
    default:
      return Number.isInteger(value) ? formatCount(value, intl) : new Intl.NumberFormat(intl, { maximumFractionDigits: 2 }).format(value);
  }
}

/** "last 60 min", "today", "yesterday"; "now" for metrics read as of now (no window). */
export function formatAlertWindow(window: AlertWindow | null | undefined, locale: MessageLocale = 'en'): string {
  const l = LABELS[locale];
  if (!window) return l.now;
  if ('trailingMinutes' in window) return l.trailing(window.trailingMinutes);
  return window.period === 'today' ? l.today : l.yesterday;
}

/** "below 80.0%" / "sous 80,0 %". */
export function formatCondition(metric: string, comparison: 'below' | 'above', threshold: number, locale: MessageLocale = 'en'): string {
  return `${LABELS[locale][comparison]} ${formatAlertValue(metric, threshold, locale)}`;
}

/** "Casablanca (CAS)", "Casablanca (CAS) · billing", or the network. */
export function formatScopeName(site: { code: string; name: string } | null, queue: string | null | undefined, locale: MessageLocale = 'en'): string {
  const where = site ? `${site.name} (${site.code})` : LABELS[locale].network;
  return queue ? `${where} · ${queue}` : where;
}
