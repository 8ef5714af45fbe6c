// The demo network's sites, people, QA form, missions and targets: the figures each site's
// character is drawn from. demo.ts says in a few words what each character is.
import type { KpiMetric, QaCategory, WeeklyHours } from '../schema';

export type QaProfile = Record<QaCategory, number>;

export type SiteProfile = {
  code: string;
  name: string;
  country: string;
  timezone: string;
  languages: string[];
  kind: 'onshore' | 'nearshore' | 'offshore';
  seats: number;
  slaSeconds: number;
  /** Calls on an ordinary Wednesday; the other days scale from it. */
  baseDailyCalls: number;
  /** Opening hours per weekday in local time; null: open around the clock. */
  weeklyHours: WeeklyHours | null;
  /** Shorter hours during Ramadan (the Maghreb sites), as a special period of the calendar. */
  ramadanHours?: WeeklyHours;
  /** Open on public holidays too: the library's holidays are dropped from its calendar. */
  worksOnHolidays?: boolean;
  /** The wallboard's "today": the local day, or the last 24 hours for a site that never closes. */
  liveWindow: 'day' | 'rolling24';
  /** Mean talk, hold and wrap-up seconds of a handled call before the queue's own factor. */
  talkMean: number;
  holdMean: number;
  wrapMean: number;
  /** Mean wait of an answered inbound call. */
  waitMean: number;
  /** Share of inbound calls the caller gives up on. */
  abandonRate: number;
  fcr: number;
  /** Share of survey answers that are 4 or 5. */
  csatTop2: number;
  csatResponseRate: number;
  /** The true quality of the site's calls per QA category, as a fraction of the maximum. */
  qa: QaProfile;
  /** How often the identity is really checked before account details are given. */
  identityCheckRate: number;
  /** What the site adds to its own QA scores (HQ re-scores see the true quality). */
  selfScoreInflation: number;
  /** Share of the site's failed identity checks that its own evaluators pass anyway. */
  hiddenCriticalFailures: number;
  reportMissingRate: number;
  reportLateRate: number;
  /** Probability of a leaver on a given day. */
  attritionRate: number;
  /** Share of scheduled agents who turn up. */
  presence: [number, number];
  /** Success probability of a retention call and of an upsell call. */
  retentionSuccess: number;
  upsellSuccess: number;
  /** Target = expected successes × this; below 1 the site runs ahead of its target. */
  missionTargetFactor: number;
  lead: { name: string; locale: 'en' | 'fr' };
  highlights: string[];
  blockers: string[];
};

export const DEMO_SITES: SiteProfile[] = [
  {
    code: 'PAR',
    name: 'Paris',
    country: 'FR',
    timezone: 'Europe/Paris',
    languages: ['fr'],
    kind: 'onshore',
    seats: 80,
    slaSeconds: 20,
    baseDailyCalls: 190,
    // French labour law: no Sunday work; a Saturday morning for the customers who work all week.
    weeklyHours: { ...weekdays([['08:00', '19:00']]), sat: [['09:00', '13:00']] },
    liveWindow: 'day',
    talkMean: 235,
    holdMean: 22,
    wrapMean: 38,
    waitMean: 8,
    abandonRate: 0.03,
    fcr: 0.83,
    csatTop2: 0.87,
    csatResponseRate: 0.2,
    qa: { language: 0.95, culture: 0.94, compliance: 0.92, resolution: 0.88, soft_skills: 0.9 },
    identityCheckRate: 0.99,
    selfScoreInflation: 0.01,
    hiddenCriticalFailures: 0,
    reportMissingRate: 0.01,
    reportLateRate: 0.03,
    attritionRate: 0.01,
    presence: [0.92, 0.98],
    retentionSuccess: 0.42,
    upsellSuccess: 0.24,
    missionTargetFactor: 0.95,
    lead: { name: 'Julien Lefèvre', locale: 'fr' },
    highlights: ['Escalations closed the same day', 'New billing script adopted by the whole team', 'Two agents certified on tier-2 support'],
    blockers: ['CRM slow after 17:00', 'Waiting for the new pricing sheet'],
  },
  {
    code: 'TUN',
    name: 'Tunis',
    country: 'TN',
    timezone: 'Africa/Tunis',
    languages: ['fr', 'ar'],
    kind: 'offshore',
    seats: 220,
    slaSeconds: 20,
    baseDailyCalls: 540,
    weeklyHours: { ...weekdays([['08:00', '19:00']]), sat: [['08:00', '14:00']] },
    ramadanHours: { ...weekdays([['08:30', '15:30']]), sat: [['09:00', '13:00']] },
    liveWindow: 'day',
    talkMean: 255,
    holdMean: 30,
    wrapMean: 40,
    waitMean: 11,
    abandonRate: 0.045,
    fcr: 0.77,
    csatTop2: 0.79,
    csatResponseRate: 0.17,
    qa: { language: 0.88, culture: 0.58, compliance: 0.9, resolution: 0.84, soft_skills: 0.85 },
    identityCheckRate: 0.975,
    selfScoreInflation: 0.02,
    hiddenCriticalFailures: 0.1,
    reportMissingRate: 0.02,
    reportLateRate: 0.07,
    attritionRate: 0.06,
    presence: [0.9, 0.96],
    retentionSuccess: 0.36,
    upsellSuccess: 0.2,
    missionTargetFactor: 1.0,
    lead: { name: 'Amira Ben Salah', locale: 'fr' },
    highlights: ['Tier-2 queue staffed all day', 'Coaching session on French customer expectations', 'Wave of new hires out of nesting'],
    blockers: ['Agents unsure about French regional references', 'Knowledge base articles out of date'],
  },
  {
    code: 'CAS',
    name: 'Casablanca',
    country: 'MA',
    timezone: 'Africa/Casablanca',
    languages: ['fr', 'ar'],
    kind: 'offshore',
    seats: 250,
    slaSeconds: 20,
    baseDailyCalls: 590,
    // The biggest site keeps a Sunday team for the French customers' weekend.
    weeklyHours: { ...weekdays([['08:00', '20:00']]), sat: [['09:00', '18:00']], sun: [['10:00', '18:00']] },
    ramadanHours: { ...weekdays([['09:00', '16:30']]), sat: [['09:00', '16:30']], sun: [['10:00', '15:00']] },
    liveWindow: 'day',
    talkMean: 265,
    holdMean: 34,
    wrapMean: 42,
    waitMean: 12,
    abandonRate: 0.05,
    fcr: 0.74,
    csatTop2: 0.76,
    csatResponseRate: 0.16,
    qa: { language: 0.8, culture: 0.77, compliance: 0.76, resolution: 0.72, soft_skills: 0.77 },
    identityCheckRate: 0.955,
    selfScoreInflation: 0.1,
    hiddenCriticalFailures: 0.85,
    reportMissingRate: 0.02,
    reportLateRate: 0.09,
    attritionRate: 0.09,
    presence: [0.88, 0.95],
    retentionSuccess: 0.33,
    upsellSuccess: 0.19,
    missionTargetFactor: 1.05,
    lead: { name: 'Youssef El Amrani', locale: 'fr' },
    highlights: ['QA team scored every agent this week', 'Retention offers well received', 'Record volume handled on Monday'],
    blockers: ['Turnover in the evening shift', 'Headset stock running low'],
  },
  {
    code: 'ALG',
    name: 'Algiers',
    country: 'DZ',
    timezone: 'Africa/Algiers',
    languages: ['fr', 'ar'],
    kind: 'nearshore',
    seats: 120,
    slaSeconds: 20,
    baseDailyCalls: 325,
    // Friday prayer: two periods that day.
    weeklyHours: {
      mon: [['08:00', '18:00']],
      tue: [['08:00', '18:00']],
      wed: [['08:00', '18:00']],
      thu: [['08:00', '18:00']],
      fri: [
        ['08:00', '12:00'],
        ['14:00', '18:00'],
      ],
      sat: [['09:00', '13:00']],
    },
    ramadanHours: { mon: [['09:00', '15:00']], tue: [['09:00', '15:00']], wed: [['09:00', '15:00']], thu: [['09:00', '15:00']], fri: [['09:00', '12:00']] },
    liveWindow: 'day',
    talkMean: 270,
    holdMean: 36,
    wrapMean: 44,
    waitMean: 13,
    abandonRate: 0.055,
    fcr: 0.73,
    csatTop2: 0.76,
    csatResponseRate: 0.16,
    qa: { language: 0.85, culture: 0.8, compliance: 0.82, resolution: 0.77, soft_skills: 0.8 },
    identityCheckRate: 0.97,
    selfScoreInflation: 0.02,
    hiddenCriticalFailures: 0.1,
    reportMissingRate: 0.03,
    reportLateRate: 0.1,
    attritionRate: 0.04,
    presence: [0.89, 0.96],
    retentionSuccess: 0.34,
    upsellSuccess: 0.2,
    missionTargetFactor: 1.05,
    lead: { name: 'Karim Benali', locale: 'fr' },
    highlights: ['Backlog of callbacks cleared', 'Supervisors double-listened ten calls each'],
    blockers: ['Internet link unstable in the afternoon', 'Two trainers on leave'],
  },
  {
    code: 'DKR',
    name: 'Dakar',
    country: 'SN',
    timezone: 'Africa/Dakar',
    languages: ['fr', 'wo'],
    kind: 'offshore',
    seats: 90,
    slaSeconds: 20,
    baseDailyCalls: 250,
    weeklyHours: { ...weekdays([['07:00', '19:00']]), sat: [['08:00', '14:00']] },
    liveWindow: 'day',
    talkMean: 262,
    holdMean: 30,
    wrapMean: 46,
    waitMean: 14,
    abandonRate: 0.055,
    fcr: 0.74,
    csatTop2: 0.78,
    csatResponseRate: 0.15,
    qa: { language: 0.84, culture: 0.8, compliance: 0.82, resolution: 0.76, soft_skills: 0.84 },
    identityCheckRate: 0.97,
    selfScoreInflation: 0.02,
    hiddenCriticalFailures: 0.1,
    reportMissingRate: 0.4,
    reportLateRate: 0.25,
    attritionRate: 0.03,
    presence: [0.88, 0.96],
    retentionSuccess: 0.35,
    upsellSuccess: 0.21,
    missionTargetFactor: 1.0,
    lead: { name: 'Aminata Diop', locale: 'fr' },
    highlights: ['Customers praised the patience of the team', 'Morning shift fully staffed'],
    blockers: ['Power cut in the afternoon, generator took over', 'Report sent late: supervisor on the floor all day'],
  },
  {
    code: 'MRU',
    name: 'Port Louis',
    country: 'MU',
    timezone: 'Indian/Mauritius',
    languages: ['en', 'fr'],
    kind: 'offshore',
    seats: 60,
    slaSeconds: 20,
    baseDailyCalls: 170,
    weeklyHours: { ...weekdays([['09:00', '21:00']]), sat: [['09:00', '17:00']] },
    liveWindow: 'day',
    talkMean: 220,
    holdMean: 14,
    wrapMean: 30,
    waitMean: 6,
    abandonRate: 0.022,
    fcr: 0.87,
    csatTop2: 0.91,
    csatResponseRate: 0.22,
    qa: { language: 0.95, culture: 0.91, compliance: 0.96, resolution: 0.91, soft_skills: 0.94 },
    identityCheckRate: 0.995,
    selfScoreInflation: 0,
    hiddenCriticalFailures: 0,
    reportMissingRate: 0,
    reportLateRate: 0.01,
    attritionRate: 0.01,
    presence: [0.94, 0.99],
    retentionSuccess: 0.45,
    upsellSuccess: 0.27,
    missionTargetFactor: 0.85,
    lead: { name: 'Priya Ramgoolam', locale: 'en' },
    highlights: ['Service level above 90% all day', 'Bilingual queue covered without overtime', 'Zero escalations'],
    blockers: ['None'],
  },
  {
    code: 'TNR',
    name: 'Antananarivo',
    country: 'MG',
    timezone: 'Indian/Antananarivo',
    languages: ['fr', 'mg'],
    kind: 'offshore',
    seats: 150,
    slaSeconds: 20,
    baseDailyCalls: 405,
    // Night shifts for the French customers: open around the clock, public holidays included.
    weeklyHours: null,
    worksOnHolidays: true,
    liveWindow: 'rolling24',
    talkMean: 360,
    holdMean: 62,
    wrapMean: 75,
    waitMean: 27,
    abandonRate: 0.1,
    fcr: 0.66,
    csatTop2: 0.69,
    csatResponseRate: 0.14,
    qa: { language: 0.8, culture: 0.76, compliance: 0.8, resolution: 0.7, soft_skills: 0.78 },
    identityCheckRate: 0.96,
    selfScoreInflation: 0.02,
    hiddenCriticalFailures: 0.1,
    reportMissingRate: 0.05,
    reportLateRate: 0.18,
    attritionRate: 0.07,
    presence: [0.84, 0.93],
    retentionSuccess: 0.28,
    upsellSuccess: 0.15,
    missionTargetFactor: 1.3,
    lead: { name: 'Hery Rakotomalala', locale: 'fr' },
    highlights: ['Nesting class of twelve agents started', 'Knowledge base translated for the new offers'],
    blockers: ['Power cuts (JIRAMA): generator start takes minutes', 'Long holds while agents look up answers', 'Bandwidth saturated at peak'],
  },
];

/** The same periods Monday to Friday. */
function weekdays(periods: [string, string][]): WeeklyHours {
  return { mon: periods, tue: periods, wed: periods, thu: periods, fri: periods };
}

/** Ramadan as the Maghreb sites announced it (the dates move with the moon; HQ adjusts them). */
export const DEMO_RAMADAN: readonly { name: string; startsOn: string; endsOn: string }[] = [
  { name: 'Ramadan 2026 hours', startsOn: '2026-02-18', endsOn: '2026-03-19' },
  { name: 'Ramadan 2027 hours', startsOn: '2027-02-08', endsOn: '2027-03-09' },
];

/** Calls per weekday (0 = Sunday) relative to an ordinary Wednesday: Monday peaks, reduced Sundays. */
export const WEEKDAY_FACTOR = [0.14, 1.3, 1.12, 1.0, 1.0, 0.95, 0.55];

/** Queue mix and the handle-time factor of each queue. */
export const QUEUES: readonly (readonly [string, number, number])[] = [
  ['billing', 0.38, 0.88],
  ['tech-support', 0.3, 1.3],
  ['sales', 0.16, 0.95],
  ['retention', 0.16, 1.05],
];

/** Share of calls that are outbound (sales and retention campaigns). */
export const OUTBOUND_SHARE = 0.12;
/** Agents per seat that appear in the call records (several shifts share a seat). */
export const AGENTS_PER_SEAT = 0.2;

/** The demo accounts' password unless VIGIE_DEMO_PASSWORD names another: printed in the README, so public. */
export const PUBLIC_DEMO_PASSWORD = 'vigie-demo';

export const DEMO_ADMIN = { email: 'admin@demo.vigie', name: 'Alex Morel', locale: 'en' as const, timezone: 'Europe/Paris' };
export const DEMO_HQ = { email: 'hq@demo.vigie', name: 'Claire Dubois', locale: 'fr' as const, timezone: 'Europe/Paris' };
export const HQ_EVALUATOR = 'Claire Dubois (HQ quality)';

export const demoLeadEmail = (code: string) => `lead.${code.toLowerCase()}@demo.vigie`;

export type DemoCriterion = {
  key: string;
  label: string;
  category: QaCategory;
  weight: number;
  maxScore: number;
  critical: boolean;
};

export const STD_FORM = {
  code: 'STD',
  version: 1,
  name: 'Standard call quality',
  description: 'The network-wide scorecard: language, cultural fit, compliance, resolution and soft skills.',
};

export const STD_CRITERIA: DemoCriterion[] = [
  { key: 'language_clarity', label: 'Clear, correct spoken language', category: 'language', weight: 2, maxScore: 5, critical: false },
  { key: 'language_register', label: 'Register suited to the customer (courtesy, formality)', category: 'language', weight: 1, maxScore: 5, critical: false },
  { key: 'cultural_fit', label: 'Understands the customer’s context and references', category: 'culture', weight: 2, maxScore: 5, critical: false },
  { key: 'identity_check', label: 'Identity verified before any account detail', category: 'compliance', weight: 2, maxScore: 1, critical: true },
  { key: 'gdpr_notice', label: 'Recording and personal-data notice given', category: 'compliance', weight: 1, maxScore: 1, critical: false },
  { key: 'resolution', label: 'Correct, complete answer and next steps stated', category: 'resolution', weight: 3, maxScore: 5, critical: false },
  { key: 'empathy', label: 'Empathy and active listening', category: 'soft_skills', weight: 1.5, maxScore: 5, critical: false },
  { key: 'call_control', label: 'Call control; holds announced and short', category: 'soft_skills', weight: 1, maxScore: 5, critical: false },
];

export type DemoMission = {
  code: string;
  name: string;
  description: string;
  /** Window in days relative to the demo's reference day (0 = the day it was seeded; positive = ahead). */
  startOffset: number;
  endOffset: number;
  successOutcomes: string[];
  otherOutcomes: string[];
  /** The queue whose calls carry the mission code. */
  queue: string;
  direction: 'inbound' | 'outbound' | 'both';
};

export const DEMO_MISSIONS: DemoMission[] = [
  {
    code: 'RETAIN-WINTER',
    name: 'Winter retention',
    description: 'Keep customers who call to cancel: a loyalty offer on every retention call.',
    startOffset: -40,
    endOffset: 35,
    successOutcomes: ['retained'],
    otherOutcomes: ['declined', 'callback'],
    queue: 'retention',
    direction: 'both',
  },
  {
    code: 'FIBRE-UPSELL',
    name: 'Fibre upsell',
    description: 'Outbound calls offering the fibre upgrade to eligible ADSL customers.',
    startOffset: -105,
    endOffset: -50,
    successOutcomes: ['upsold'],
    otherOutcomes: ['not_interested', 'no_decision'],
    queue: 'sales',
    direction: 'outbound',
  },
];

/** Network defaults per metric (seconds, fractions 0–1, or 0–100 for QA). */
export const NETWORK_TARGETS: Record<KpiMetric, { green: number; amber: number }> = {
  aht: { green: 360, amber: 420 },
  asa: { green: 20, amber: 35 },
  service_level: { green: 0.8, amber: 0.7 },
  abandon_rate: { green: 0.05, amber: 0.08 },
  fcr: { green: 0.75, amber: 0.65 },
  csat: { green: 0.8, amber: 0.7 },
  qa_score: { green: 85, amber: 75 },
  report_compliance: { green: 0.95, amber: 0.85 },
  mission_completion: { green: 1, amber: 0.85 },
};

/** Per-site overrides: contracts negotiated site by site. */
export const SITE_TARGETS: { code: string; metric: KpiMetric; green: number; amber: number }[] = [
  // Antananarivo takes the long tier-2 calls: its handle-time target is looser.
  { code: 'TNR', metric: 'aht', green: 450, amber: 540 },
  // Port Louis sells a premium service level.
  { code: 'MRU', metric: 'service_level', green: 0.88, amber: 0.8 },
  { code: 'PAR', metric: 'qa_score', green: 90, amber: 85 },
];
