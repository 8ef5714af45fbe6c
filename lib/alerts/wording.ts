// An alert's words and figures as people read them, in English or French: the metric's name and
// formula, its value in its unit (ratios as %, seconds as s or m:ss, minutes as min), the
// comparison, the window and the scope. One home for the /alerts page, the rules' settings, the
// e-mails and the Slack and Teams messages, so that a French reader sees the same words in each.
// Pure (Intl only), importable by the browser and the server alike: messages render outside
// next-intl (in the scheduler's tick, the CLI), so the dictionary lives here, typed so that both
// languages say everything.
import type { AlertWindow } from './rule-input';
import { ALERT_METRIC_DEFINITIONS, ALERT_METRICS, type AlertMetric, type AlertUnit } from './metrics';
import { formatCount, formatFigureValue, NO_VALUE } from '@/lib/kpi/format';
import { numberFormat } from '@/lib/intl/formatters';

export type AlertLocale = 'en' | 'fr';

type Wording = {
  intlLocale: string;
  metric: Record<AlertMetric, string>;
  formula: Record<AlertMetric, string>;
  below: string;
  above: string;
  now: string;
  today: string;
  yesterday: string;
  trailing: (minutes: number) => string;
  network: string;
};

const EN: Wording = {
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
  // The catalogue's own words: an alert records them in its figures, as the API answers them.
  formula: Object.fromEntries(ALERT_METRICS.map((m) => [m, ALERT_METRIC_DEFINITIONS[m].formula])) as Record<AlertMetric, string>,
  below: 'below',
  above: 'above',
  now: 'now',
  today: 'today',
  yesterday: 'yesterday',
  trailing: (minutes) => `last ${minutes} min`,
  network: 'Network',
};

const FR: Wording = {
  intlLocale: 'fr-FR',
  metric: {
    offered: 'Appels présentés',
    handled: 'Appels traités',
    abandoned: 'Appels abandonnés',
    serviceLevel: 'Niveau de service',
    abandonRate: 'Taux d’abandon',
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
    feedSilentMinutes: 'minutes d’ouverture depuis le dernier envoi accepté',
    reportMissing: '1 quand le rapport quotidien n’est pas déposé à l’échéance, sinon 0',
    missionProjection: 'réalisation projetée la plus basse ÷ objectif sur les missions en cours',
    qaCriticalFails: 'évaluations du site avec un critère critique en échec',
  },
  below: 'sous',
  above: 'au-dessus de',
  now: 'maintenant',
  today: 'aujourd’hui',
  yesterday: 'hier',
  trailing: (minutes) => `${minutes} dernières min`,
  network: 'Réseau',
};

const WORDING: Record<AlertLocale, Wording> = { en: EN, fr: FR };

/** The reader's locale as the alerts speak it: French for any French ("fr", "fr-CA"), else English. */
export function alertLocale(locale: string | null | undefined): AlertLocale {
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

const wordingOf = (locale: string): Wording => WORDING[alertLocale(locale)];

/** The Intl locale the figures and dates are written in: "en-GB", "fr-FR". */
export function intlLocaleOf(locale: string): string {
  return wordingOf(locale).intlLocale;
}

const known = (metric: string): metric is AlertMetric => Object.hasOwn(ALERT_METRIC_DEFINITIONS, metric);

/** A metric's name for people; an unknown metric (a rule from a later version) as it is spelled. */
export function metricLabel(metric: string, locale: string = 'en'): string {
  return known(metric) ? wordingOf(locale).metric[metric] : metric;
}

/**
 * The formula beside a figure, in the reader's language, from the metric; the formula the alert
 * recorded when it fired only for a metric the catalogue no longer names; null without either.
 */
export function metricFormula(metric: string, locale: string = 'en', recorded?: string | null): string | null {
  if (known(metric)) return wordingOf(locale).formula[metric];
  return recorded || null;
}

/** The unit of a metric by the name an alert carries; a count for a name the catalogue no longer has. */
export function unitOfMetric(metric: string): AlertUnit {
  return known(metric) ? ALERT_METRIC_DEFINITIONS[metric].unit : 'count';
}

/**
 * A value in its metric's unit, as the KPI pages write it (lib/kpi/format.ts): "72.4%", "1:35",
 * "45 s", "81.3", "1,234"; whole minutes for the feed's silence ("38 min"); a count that is not
 * whole (a threshold of 0.5) with up to two decimals rather than rounded to a misleading 1.
 */
export function formatAlertValue(metric: string, value: number | null | undefined, locale: string = 'en'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  const intl = intlLocaleOf(locale);
  const unit = unitOfMetric(metric);
  if (unit === 'minutes') return `${formatCount(value, intl)} min`;
  if (unit === 'count' && !Number.isInteger(value)) return numberFormat(intl, { maximumFractionDigits: 2 }).format(value);
  return formatFigureValue(unit, value, intl);
}

/** "below" / "sous". */
export function comparisonLabel(comparison: 'below' | 'above', locale: string = 'en'): string {
  return wordingOf(locale)[comparison];
}

/** "below 80.0%" / "sous 80,0 %". */
export function formatCondition(metric: string, comparison: 'below' | 'above', threshold: number, locale: string = 'en'): string {
  return `${comparisonLabel(comparison, locale)} ${formatAlertValue(metric, threshold, locale)}`;
}

/** "last 60 min", "today", "yesterday"; "now" for metrics read as of now (no window). */
export function formatAlertWindow(window: AlertWindow | null | undefined, locale: string = 'en'): string {
  const w = wordingOf(locale);
  if (!window) return w.now;
  if ('trailingMinutes' in window) return w.trailing(window.trailingMinutes);
  return window.period === 'today' ? w.today : w.yesterday;
}

/** "Network" / "Réseau": an alert on the network as one figure. */
export function networkLabel(locale: string = 'en'): string {
  return wordingOf(locale).network;
}

/** "Casablanca (CAS)", "Casablanca (CAS) · billing", or the network. */
export function formatScopeName(site: { code: string; name: string } | null, queue: string | null | undefined, locale: string = 'en'): string {
  const where = site ? `${site.name} (${site.code})` : networkLabel(locale);
  return queue ? `${where} · ${queue}` : where;
}
