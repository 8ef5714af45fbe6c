// The digest e-mail's words in both languages. E-mails render outside next-intl (in the
// scheduler, the CLI, tests), so they carry their own small dictionary, typed so that both
// languages say everything.
import type { Locale } from '@/db/schema';
import type { Cadence } from '@/lib/digests/periods';
import type { DigestMetric } from '../digest-metrics';

type Plural = (n: number) => string;

export type DigestStrings = {
  /** BCP 47 tag for numbers and dates. */
  intlLocale: string;
  cadenceAdjective: Record<Cadence, string>;
  title: Record<Cadence, string>;
  subject: (cadence: Cadence, period: string, breaches: number) => string;
  testPrefix: string;
  greeting: (name: string) => string;
  periodDaily: (day: string) => string;
  periodWeekly: (range: string) => string;
  comparedWith: (previous: string) => string;
  summary: {
    breaches: Plural;
    missingReports: Plural;
    lateReports: Plural;
    staleFeeds: Plural;
    missionsBehind: Plural;
    calibrationDrift: Plural;
    allClear: string;
  };
  sections: { sites: string; breaches: string; reports: string; feeds: string; missions: string; calibration: string; coaching: string };
  table: { site: string; handled: string; network: string; metric: Record<DigestMetric, string>; caption: string };
  legend: (cadence: Cadence) => string;
  rag: { green: string; amber: string; red: string };
  noValue: string;
  breachLine: (metric: string, value: string, target: string) => string;
  targetAtLeast: (value: string) => string;
  targetAtMost: (value: string) => string;
  reports: { missing: Plural; late: Plural; outOf: (expected: number) => string; onTime: (share: string) => string };
  feeds: { lastPush: (ago: string, at: string) => string; never: string; hoursAgo: Plural; daysAgo: Plural };
  missions: { line: (site: string, completion: string, pace: string) => string; window: (from: string, to: string) => string };
  calibration: { inflated: (bias: string, pairs: number) => string; harsh: (bias: string, pairs: number) => string; window: (from: string, to: string) => string };
  /** Per site: outlier flags covered by a coaching session within 14 days, and the median days to close one. */
  coaching: {
    coverage: (share: string, covered: number, judged: number) => string;
    noFlag: string;
    timeToClose: (days: string, closed: number) => string;
    noneClosed: string;
    open: (open: number, overdue: number) => string;
    note: string;
  };
  noIssues: { breaches: string; reports: string; feeds: string; missions: string; calibration: string; coaching: string };
  cta: string;
  openSite: (site: string) => string;
  /** `kind` is the cadence adjective, e.g. "daily". */
  footer: (kind: string, email: string) => string;
  manage: string;
  unsubscribe: string;
  unsubscribePage: {
    title: string;
    done: (kind: string, email: string) => string;
    already: string;
    invalidTitle: string;
    invalid: string;
    manage: string;
  };
};

const plural = (locale: string, forms: { one: string; other: string }): Plural => {
  const rules = new Intl.PluralRules(locale);
  return (n) => (rules.select(n) === 'one' ? forms.one : forms.other).replace('#', String(n));
};

const en: DigestStrings = {
  intlLocale: 'en-GB',
  cadenceAdjective: { daily: 'daily', weekly: 'weekly' },
  title: { daily: 'Daily digest', weekly: 'Weekly digest' },
  subject: (cadence, period, breaches) =>
    `Vigie ${cadence} — ${period} — ${breaches === 0 ? 'no breach' : breaches === 1 ? '1 breach' : `${breaches} breaches`}`,
  testPrefix: '[Test] ',
  greeting: (name) => `Hello ${name},`,
  periodDaily: (day) => `${day}, each site’s own local day.`,
  periodWeekly: (range) => `Week of ${range}, Monday to Sunday in each site’s local days.`,
  comparedWith: (previous) => `Changes are against ${previous}.`,
  summary: {
    breaches: plural('en', { one: '# breach', other: '# breaches' }),
    missingReports: plural('en', { one: '# missing daily report', other: '# missing daily reports' }),
    lateReports: plural('en', { one: '# late daily report', other: '# late daily reports' }),
    staleFeeds: plural('en', { one: '# stale feed', other: '# stale feeds' }),
    missionsBehind: plural('en', { one: '# mission behind pace', other: '# missions behind pace' }),
    calibrationDrift: plural('en', { one: '# site with QA calibration drift', other: '# sites with QA calibration drift' }),
    allClear: 'Nothing needs your attention: every figure is within its target.',
  },
  sections: {
    sites: 'Sites',
    breaches: 'Breaches',
    reports: 'Daily reports',
    feeds: 'Stale feeds',
    missions: 'Missions behind pace',
    calibration: 'QA calibration drift',
    coaching: 'Coaching',
  },
  table: {
    site: 'Site',
    handled: 'Handled',
    network: 'Network',
    metric: { aht: 'AHT', service_level: 'Service level', abandon_rate: 'Abandon', fcr: 'FCR', csat: 'CSAT', qa_score: 'QA' },
    caption: 'Key figures per site for the period, with the change against the previous period',
  },
  legend: (cadence) =>
    `Colours compare each figure with its target: green on target, amber to watch, red in breach. Below each figure, the change against the previous ${cadence === 'daily' ? 'day' : 'week'}.`,
  rag: { green: 'on target', amber: 'to watch', red: 'breach' },
  noValue: '—',
  breachLine: (metric, value, target) => `${metric} ${value} (target ${target})`,
  targetAtLeast: (value) => `≥ ${value}`,
  targetAtMost: (value) => `≤ ${value}`,
  reports: {
    missing: plural('en', { one: '# missing', other: '# missing' }),
    late: plural('en', { one: '# late', other: '# late' }),
    outOf: (expected) => `out of ${expected} ${expected === 1 ? 'day' : 'days'} due`,
    onTime: (share) => `(${share} on time)`,
  },
  feeds: {
    lastPush: (ago, at) => `last push ${ago} (${at})`,
    never: 'has never pushed data',
    hoursAgo: plural('en', { one: '# hour ago', other: '# hours ago' }),
    daysAgo: plural('en', { one: '# day ago', other: '# days ago' }),
  },
  missions: {
    line: (site, completion, pace) => `${site}: ${completion} done, pace ${pace}`,
    window: (from, to) => `${from} to ${to}`,
  },
  calibration: {
    inflated: (bias, pairs) => `scores itself ${bias} points above HQ over ${pairs} re-scored evaluations`,
    harsh: (bias, pairs) => `scores itself ${bias} points below HQ over ${pairs} re-scored evaluations`,
    window: (from, to) => `HQ re-scores from ${from} to ${to}, drift beyond ±5 points.`,
  },
  coaching: {
    coverage: (share, covered, judged) => `coverage ${share} (${covered} of ${judged} flags coached within 14 days)`,
    noFlag: 'no flag to coach',
    timeToClose: (days, closed) => `median ${days} days to close (${closed} ${closed === 1 ? 'session' : 'sessions'})`,
    noneClosed: 'no session closed',
    open: (open, overdue) => `${open} open, ${overdue} overdue`,
    note: 'Flags of the weeks the period touches; a flag still within its 14 days and not yet coached is left out.',
  },
  noIssues: {
    breaches: 'No figure is in breach of its target.',
    reports: 'Every daily report came in on time.',
    feeds: 'Every feed pushed in the last 24 hours.',
    missions: 'Every running mission is on pace.',
    calibration: 'No site drifts from HQ scoring.',
    coaching: 'No outlier flag and no coaching session in the period.',
  },
  cta: 'Open the dashboard for this period',
  openSite: (site) => `Open ${site}`,
  footer: (cadence, email) => `You receive this ${cadence} digest at ${email} because you subscribed to it in Vigie.`,
  manage: 'Manage your digests',
  unsubscribe: 'Unsubscribe',
  unsubscribePage: {
    title: 'You are unsubscribed',
    done: (cadence, email) => `${email} will no longer receive this ${cadence} digest.`,
    already: 'This digest was already turned off.',
    invalidTitle: 'This link does not work',
    invalid: 'The unsubscribe link is incomplete or was not issued by this Vigie. Sign in to manage your digests.',
    manage: 'Manage your digests',
  },
};

const fr: DigestStrings = {
  intlLocale: 'fr-FR',
  cadenceAdjective: { daily: 'quotidienne', weekly: 'hebdomadaire' },
  title: { daily: 'Synthèse quotidienne', weekly: 'Synthèse hebdomadaire' },
  subject: (cadence, period, breaches) =>
    `Vigie ${cadence === 'daily' ? 'quotidien' : 'hebdo'} — ${period} — ${
      breaches === 0 ? 'aucun dépassement' : breaches === 1 ? '1 dépassement' : `${breaches} dépassements`
    }`,
  testPrefix: '[Test] ',
  greeting: (name) => `Bonjour ${name},`,
  periodDaily: (day) => `${day}, jour local de chaque site.`,
  periodWeekly: (range) => `Semaine du ${range}, du lundi au dimanche en jours locaux de chaque site.`,
  comparedWith: (previous) => `Les évolutions se comparent à ${previous}.`,
  summary: {
    breaches: plural('fr', { one: '# dépassement', other: '# dépassements' }),
    missingReports: plural('fr', { one: '# rapport quotidien manquant', other: '# rapports quotidiens manquants' }),
    lateReports: plural('fr', { one: '# rapport quotidien en retard', other: '# rapports quotidiens en retard' }),
    staleFeeds: plural('fr', { one: '# flux inactif', other: '# flux inactifs' }),
    missionsBehind: plural('fr', { one: '# mission en retard sur le rythme', other: '# missions en retard sur le rythme' }),
    calibrationDrift: plural('fr', { one: '# site en dérive de calibrage qualité', other: '# sites en dérive de calibrage qualité' }),
    allClear: 'Rien ne requiert votre attention : chaque indicateur respecte son objectif.',
  },
  sections: {
    sites: 'Sites',
    breaches: 'Dépassements',
    reports: 'Rapports quotidiens',
    feeds: 'Flux inactifs',
    missions: 'Missions en retard sur le rythme',
    calibration: 'Dérive de calibrage qualité',
    coaching: 'Coaching',
  },
  table: {
    site: 'Site',
    handled: 'Traités',
    network: 'Réseau',
    metric: { aht: 'DMT', service_level: 'Niveau de service', abandon_rate: 'Abandon', fcr: 'FCR', csat: 'Satisfaction', qa_score: 'Qualité' },
    caption: 'Indicateurs clés par site sur la période, avec l’évolution par rapport à la période précédente',
  },
  legend: (cadence) =>
    `Les couleurs comparent chaque indicateur à son objectif : vert conforme, orange à surveiller, rouge en dépassement. Sous chaque valeur, l’évolution par rapport ${
      cadence === 'daily' ? 'à la veille' : 'à la semaine précédente'
    }.`,
  rag: { green: 'conforme', amber: 'à surveiller', red: 'dépassement' },
  noValue: '—',
  breachLine: (metric, value, target) => `${metric} ${value} (objectif ${target})`,
  targetAtLeast: (value) => `≥ ${value}`,
  targetAtMost: (value) => `≤ ${value}`,
  reports: {
    missing: plural('fr', { one: '# manquant', other: '# manquants' }),
    late: plural('fr', { one: '# en retard', other: '# en retard' }),
    outOf: (expected) => `sur ${expected} ${expected <= 1 ? 'jour dû' : 'jours dus'}`,
    onTime: (share) => `(${share} à l’heure)`,
  },
  feeds: {
    lastPush: (ago, at) => `dernier envoi ${ago} (${at})`,
    never: 'n’a jamais envoyé de données',
    hoursAgo: plural('fr', { one: 'il y a # heure', other: 'il y a # heures' }),
    daysAgo: plural('fr', { one: 'il y a # jour', other: 'il y a # jours' }),
  },
  missions: {
    line: (site, completion, pace) => `${site} : ${completion} réalisé, rythme ${pace}`,
    window: (from, to) => `du ${from} au ${to}`,
  },
  calibration: {
    inflated: (bias, pairs) => `se note ${bias} points au-dessus du siège sur ${pairs} évaluations recalibrées`,
    harsh: (bias, pairs) => `se note ${bias} points en dessous du siège sur ${pairs} évaluations recalibrées`,
    window: (from, to) => `Recalibrages du siège du ${from} au ${to}, dérive au-delà de ±5 points.`,
  },
  coaching: {
    coverage: (share, covered, judged) => `couverture ${share} (signalements coachés sous 14 jours : ${covered} sur ${judged})`,
    noFlag: 'aucun signalement à coacher',
    timeToClose: (days, closed) => `délai médian de clôture ${days} jours (${closed} ${closed <= 1 ? 'séance' : 'séances'})`,
    noneClosed: 'aucune séance clôturée',
    open: (open, overdue) => `${open} ${open <= 1 ? 'ouverte' : 'ouvertes'}, ${overdue} en retard`,
    note: 'Signalements des semaines que touche la période ; un signalement encore dans ses 14 jours et pas encore coaché n’est pas compté.',
  },
  noIssues: {
    breaches: 'Aucun indicateur ne dépasse son objectif.',
    reports: 'Tous les rapports quotidiens sont arrivés à temps.',
    feeds: 'Tous les flux ont envoyé des données dans les dernières 24 heures.',
    missions: 'Toutes les missions en cours tiennent leur rythme.',
    calibration: 'Aucun site ne s’écarte de la notation du siège.',
    coaching: 'Aucun signalement ni aucune séance de coaching sur la période.',
  },
  cta: 'Ouvrir le tableau de bord sur cette période',
  openSite: (site) => `Ouvrir ${site}`,
  footer: (cadence, email) => `Vous recevez cette synthèse ${cadence} à l’adresse ${email} car vous vous y êtes abonné dans Vigie.`,
  manage: 'Gérer vos synthèses',
  unsubscribe: 'Se désabonner',
  unsubscribePage: {
    title: 'Vous êtes désabonné',
    done: (cadence, email) => `${email} ne recevra plus cette synthèse ${cadence}.`,
    already: 'Cette synthèse était déjà désactivée.',
    invalidTitle: 'Ce lien ne fonctionne pas',
    invalid: 'Le lien de désabonnement est incomplet ou n’a pas été émis par ce Vigie. Connectez-vous pour gérer vos synthèses.',
    manage: 'Gérer vos synthèses',
  },
};

export const DIGEST_STRINGS: Record<Locale, DigestStrings> = { en, fr };

export function digestStrings(locale: Locale): DigestStrings {
  return DIGEST_STRINGS[locale];
}
