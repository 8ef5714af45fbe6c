// Every tRPC procedure and every REST route, called by every kind of caller, against the access
// table of authorization-matrix.ts. The cells come from the router and the OpenAPI document, so a
// procedure or route without a line in the table fails, as does a line without a procedure.
// Callers come from real credentials (sessions, site keys, personal tokens, revoked ones)
// resolved by contextFromRequest, as an HTTP request would be. Keys and tokens reach only what
// the REST API publishes, and /api/trpc (the real handler) refuses them on every procedure. A
// paired wall display (its cookie, scoped to site A) reaches its wallboard and nothing else.
import { TRPCError } from '@trpc/server';
import { and, count, eq, inArray, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { apiKeys, auditLog, emailOutbox, qaEvaluations, sites, users, userTokens, type Site } from '@/db/schema';
import { hashPassword } from '@/server/auth/password';
import { cliActor, type Principal, type UserPrincipal } from '@/server/auth/principal';
import { principalFromSession } from '@/server/auth/resolve';
import { hashSecret } from '@/server/auth/secrets';
import { createAlertRule } from '@/server/alerts/rules';
import { openCoaching } from '@/server/coaching/service';
import { createCalendarPeriod } from '@/server/calendar/edits';
import { saveContract } from '@/server/contracts/contracts';
import { saveImportMapping } from '@/server/importers/mappings';
import { importRoster } from '@/server/roster/service';
import { createSubscription } from '@/server/digests/subscriptions';
import { DISPLAY_COOKIE } from '@/server/displays/cookie';
import { createDisplay, pairDisplay, revokeDisplay } from '@/server/displays/service';
import { ingestCalls } from '@/server/ingest/calls';
import { ingestEvaluations } from '@/server/ingest/evaluations';
import { createSiteKey, createUserToken, revokeSiteKeyByName, revokeUserTokenOf } from '@/server/keys/service';
import { setTarget } from '@/server/kpi/targets';
import { createMission } from '@/server/missions/service';
import { drawSample, getWorklist, submitRescore } from '@/server/qa/calibration';
import { openDispute } from '@/server/qa/disputes';
import { createDraft, publishForm } from '@/server/qa/forms';
import { STD_V1 } from '@/server/qa/testing';
import { submitDailyReport } from '@/server/reports/service';
import { handleRest, openApiDocument } from '@/server/rest/handler';
import { createSite } from '@/server/sites/service';
import { createUser } from '@/server/users/service';
import { sessionClaimsFor } from '@/server/users/test-accounts';
import {
  BEARER_PRINCIPALS,
  expectedOutcome,
  HTTP_STATUS,
  PROCEDURES,
  REST_PRINCIPALS,
  REST_ROUTES,
  TRPC_PRINCIPALS,
  type Outcome,
  type RestPrincipal,
  type TrpcPrincipal,
} from './authorization-matrix';
import { handleTrpc } from './http-handler';
import { contextFromRequest } from './request-context';
import { appRouter, createCaller } from './root';

const NOW = new Date('2026-03-20T10:00:00Z');
const FROM = '2026-03-01';
const TO = '2026-03-19';
const PASSWORD = 'matrix-password-1';

let h: DbHandle;
let siteA: Site;
let siteB: Site;
let spareSite: Site;
const userIds = {} as Record<'admin' | 'hq' | 'leadA' | 'leadB' | 'spare', number>;
const secrets = {} as Record<'keyA' | 'revokedKey' | 'adminToken' | 'hqToken' | 'leadToken' | 'revokedToken', string>;
let stdFormId: number;
let draftFormId: number;
let evalA: number;
let evalB: number;
const samples = {} as Record<'A' | 'B', { id: number; evaluationId: number }>;
let spareSubscriptionId: number;
const displayCredentials = {} as Record<'display' | 'revokedDisplay', string>;
let emailId: number;
let passwordHash: string;
let serial = 0;
const next = () => ++serial;

/** A code of letters only (site codes are A–Z), unique within this file. */
const letters = (n: number) => {
  let s = '';
  for (let v = n; v > 0; v = Math.floor((v - 1) / 26)) s = String.fromCharCode(65 + ((v - 1) % 26)) + s;
  return `Q${s}`;
};

const SCORES = { clarity: 4, local_context: 4, identity_check: 1, disclosure: 4, resolution: 8, empathy: 5 };

const callRecord = (externalId: string) => ({
  externalId,
  startedAt: '2026-03-10T09:00:00+01:00',
  direction: 'inbound',
  queue: 'billing',
  waitSeconds: 12,
  talkSeconds: 200,
  holdSeconds: 0,
  wrapSeconds: 20,
  abandoned: false,
  resolved: true,
  csat: 5,
  missionCode: 'M-BOTH',
  outcome: 'sale',
});

const evaluation = (externalId: string) => ({
  externalId,
  evaluatedAt: '2026-03-10T11:00:00+01:00',
  formCode: 'STD',
  agentRef: 'AG-1',
  evaluator: 'Site QA',
  scores: SCORES,
});

const report = (date: string) => ({ date, scheduledAgents: 10, presentAgents: 9, highlights: 'Calm day' });

/** A new status each time (a second later than the last, all in the past), so that every allowed push writes. */
let queueStatusPushes = 0;
const queueStatusPush = () => ({
  at: new Date(NOW.getTime() - 86_400_000 + ++queueStatusPushes * 1000).toISOString(),
  queues: [{ queue: 'billing', waiting: 3, longestWaitSeconds: 40, agentsAvailable: 2, agentsBusy: 6, agentsWrapUp: 1, agentsAway: 0 }],
});

const siteOf = (code: 'TUN' | 'DKR') => (code === 'TUN' ? siteA : siteB);

async function evaluationIdOf(siteId: number, externalId: string) {
  const [row] = await h.db
    .select({ id: qaEvaluations.id })
    .from(qaEvaluations)
    .where(and(eq(qaEvaluations.siteId, siteId), eq(qaEvaluations.externalId, externalId)));
  return row!.id;
}

/** A new site evaluation, drawn into a worklist (the draw takes every waiting one). */
async function drawnEvaluation(code: 'TUN' | 'DKR') {
  const site = siteOf(code);
  const externalId = `drawn-${next()}`;
  await ingestEvaluations(h.db, { siteId: site.id, actor: cliActor(), evaluations: [evaluation(externalId)] });
  const id = await evaluationIdOf(site.id, externalId);
  await drawSample(h.db, { scope: { all: true }, actor: cliActor(), requestedBy: null, input: { site: code, from: FROM, to: TO, size: 200 } });
  return id;
}

/** A drawn evaluation, re-scored by HQ. */
async function rescoredEvaluation(code: 'TUN' | 'DKR') {
  const id = await drawnEvaluation(code);
  await submitRescore(h.db, { scope: { all: true }, actor: cliActor(), evaluator: 'HQ QA', input: { site: code, id, scores: SCORES }, now: NOW });
  return id;
}

async function leadPrincipal(userId: number) {
  return (await principalFromSession(h.db, await sessionClaimsFor(h.db, userId, NOW), NOW)) as UserPrincipal;
}

async function newDraft() {
  return createDraft(h.db, cliActor(), { code: `F${next()}`, name: 'Matrix form', criteria: [STD_V1[0]!] });
}

async function failedEmail() {
  const [row] = await h.db
    .insert(emailOutbox)
    .values({ toAddress: 'someone@matrix.test', subject: 'Digest', html: '<p>x</p>', text: 'x', status: 'failed', attempts: 6, lastError: 'refused' })
    .returning({ id: emailOutbox.id });
  return row!.id;
}

beforeAll(async () => {
  h = await createTestDb();
  const actor = cliActor();
  siteA = await createSite(h.db, actor, { code: 'TUN', name: 'Tunis Lac', country: 'TN', timezone: 'Africa/Tunis' });
  siteB = await createSite(h.db, actor, { code: 'DKR', name: 'Dakar Plateau', country: 'SN', timezone: 'Africa/Dakar' });
  spareSite = await createSite(h.db, actor, { code: 'SPARE', name: 'Spare Rabat', country: 'MA', timezone: 'Africa/Casablanca' });

  const user = (email: string, role: 'admin' | 'hq_manager' | 'site_lead', siteCode?: string) =>
    createUser(h.db, actor, { email, name: email.split('@')[0]!, role, siteCode, password: PASSWORD });
  userIds.admin = (await user('admin@matrix.test', 'admin')).id;
  userIds.hq = (await user('hq@matrix.test', 'hq_manager')).id;
  userIds.leadA = (await user('lead.tun@matrix.test', 'site_lead', 'TUN')).id;
  userIds.leadB = (await user('lead.dkr@matrix.test', 'site_lead', 'DKR')).id;
  userIds.spare = (await user('spare@matrix.test', 'hq_manager')).id;

  secrets.keyA = (await createSiteKey(h.db, actor, { siteCode: 'TUN', name: 'pbx' })).secret;
  secrets.revokedKey = (await createSiteKey(h.db, actor, { siteCode: 'TUN', name: 'old pbx' })).secret;
  await revokeSiteKeyByName(h.db, actor, { siteCode: 'TUN', name: 'old pbx' });
  secrets.adminToken = (await createUserToken(h.db, actor, { userId: userIds.admin, name: 'scripts' })).secret;
  secrets.hqToken = (await createUserToken(h.db, actor, { userId: userIds.hq, name: 'bi' })).secret;
  secrets.leadToken = (await createUserToken(h.db, actor, { userId: userIds.leadA, name: 'sheet' })).secret;
  const old = await createUserToken(h.db, actor, { userId: userIds.hq, name: 'old bi' });
  secrets.revokedToken = old.secret;
  await revokeUserTokenOf(h.db, actor, { userId: userIds.hq, id: old.id });

  const std = await createDraft(h.db, actor, { code: 'STD', name: 'Standard', criteria: STD_V1 });
  stdFormId = (await publishForm(h.db, actor, { id: std.id }, NOW)).id;
  draftFormId = (await newDraft()).id;

  // Both sites have calls, evaluations, a calibration worklist, reports and targets, so that a
  // lead's network figures have another site to leak.
  for (const site of [siteA, siteB]) {
    await ingestCalls(h.db, { siteId: site.id, actor, records: [callRecord(`call-${site.code}-1`), callRecord(`call-${site.code}-2`)] });
    await submitDailyReport(h.db, { siteId: site.id, actor, input: report('2026-03-18'), now: NOW });
  }
  await ingestEvaluations(h.db, { siteId: siteA.id, actor, evaluations: [evaluation('ev-a')] });
  await ingestEvaluations(h.db, { siteId: siteB.id, actor, evaluations: [evaluation('ev-b')] });
  evalA = await evaluationIdOf(siteA.id, 'ev-a');
  evalB = await evaluationIdOf(siteB.id, 'ev-b');
  for (const code of ['TUN', 'DKR'] as const) {
    const drawn = await drawSample(h.db, { scope: { all: true }, actor, requestedBy: null, input: { site: code, from: FROM, to: TO, size: 200 } });
    const { items } = await getWorklist(h.db, { scope: { all: true }, input: { site: code, id: drawn.id } });
    samples[code === 'TUN' ? 'A' : 'B'] = { id: drawn.id, evaluationId: items[0]!.evaluationId };
  }
  await setTarget(h.db, actor, { metric: 'aht', site: null, green: 300, amber: 400 });
  await setTarget(h.db, actor, { metric: 'aht', site: 'DKR', green: 250, amber: 350 });
  const window = { startsOn: '2026-03-01', endsOn: '2026-03-31', successOutcomes: ['sale'] };
  await createMission(h.db, actor, { code: 'M-BOTH', name: 'Both sites', ...window, targets: [{ site: 'TUN', target: 50 }, { site: 'DKR', target: 50 }] });
  await createMission(h.db, actor, { code: 'M-BONLY', name: 'Second site only', ...window, targets: [{ site: 'DKR', target: 50 }] });
  const spare = await leadPrincipal(userIds.spare);
  spareSubscriptionId = (await createSubscription(h.db, spare, { cadence: 'daily', sendTime: '07:00', timezone: 'Europe/Paris', sites: null }, NOW)).id;
  emailId = await failedEmail();
  passwordHash = await hashPassword(PASSWORD);
  for (const code of ['TUN', 'DKR'] as const) await saveContract(h.db, actor, contract(code, '2020-01-01'), NOW);
  // Both sites have a CSV mapping of the same name: another site's is refused, not missing.
  for (const code of ['TUN', 'DKR'] as const) await freshImportMapping(code, 'matrix');

  // A wall display of site A, and one that was revoked after pairing.
  for (const name of ['display', 'revokedDisplay'] as const) {
    const { id, code } = await createDisplay(h.db, actor, { name: `Matrix ${name}`, sites: ['TUN'], locale: 'en' }, NOW);
    displayCredentials[name] = (await pairDisplay(h.db, { code, ip: null, now: NOW })).credential;
    if (name === 'revokedDisplay') await revokeDisplay(h.db, actor, id, NOW);
  }
});
afterAll(() => h.close());

// ── Callers ───────────────────────────────────────────────────────────────────────────────────

type Credential = { bearer?: string; sessionUserId?: number; displayCredential?: string };

function trpcCredential(who: TrpcPrincipal): Credential {
  switch (who) {
    case 'anonymous':
      return {};
    case 'admin':
      return { sessionUserId: userIds.admin };
    case 'hqManager':
      return { sessionUserId: userIds.hq };
    case 'leadA':
      return { sessionUserId: userIds.leadA };
    case 'display':
    case 'revokedDisplay':
      return { displayCredential: displayCredentials[who] };
    default:
      return { bearer: secrets[who] };
  }
}

function restAuthorization(who: RestPrincipal): string | undefined {
  if (who === 'anonymous' || who === 'display') return undefined;
  if (who === 'malformed') return 'Bearer not-a-credential';
  return `Bearer ${secrets[who]}`;
}

async function contextFor(credential: Credential) {
  const headers: Record<string, string> = credential.bearer === undefined ? {} : { authorization: `Bearer ${credential.bearer}` };
  if (credential.displayCredential !== undefined) headers.cookie = `${DISPLAY_COOKIE}=${credential.displayCredential}`;
  const req = new Request('http://vigie.test/api/trpc/matrix', { headers });
  return contextFromRequest(req, { handle: h, session: () => sessionOf(credential), now: () => NOW });
}

/** A fresh sign-in's claims, under the user's current session version. */
async function sessionOf(credential: Credential) {
  return credential.sessionUserId === undefined ? null : sessionClaimsFor(h.db, credential.sessionUserId, NOW);
}

/** Procedures that end the caller's sessions and revoke their tokens, which the next cells still use. */
const ENDS_CALLERS_SESSIONS = new Set(['users.signOutEverywhere', 'users.changeMyPassword']);

async function restoreFixtureTokens() {
  const hashes = (['adminToken', 'hqToken', 'leadToken'] as const).map((name) => hashSecret(secrets[name]));
  await h.db.update(userTokens).set({ revokedAt: null }).where(inArray(userTokens.secretHash, hashes));
}

/** What a caller scoped to site A must never read: another site's code or name. */
async function otherSiteMarkers() {
  const rows = await h.db.select({ code: sites.code, name: sites.name }).from(sites).where(ne(sites.id, siteA.id));
  return rows.flatMap((s) => [`"${s.code}"`, s.name]);
}

/**
 * The non-zero figures of every network row in a value. Site A's lead has one other site: any
 * network figure would be site B's own (server/kpi/lead-network.ts).
 */
function networkFigures(value: unknown, inNetwork = false): number[] {
  if (Array.isArray(value)) return value.flatMap((v) => networkFigures(v, inNetwork));
  if (value === null || typeof value !== 'object' || value instanceof Date) {
    return inNetwork && typeof value === 'number' && value !== 0 ? [value] : [];
  }
  return Object.entries(value).flatMap(([key, v]) =>
    key === 'siteCount' ? [] : networkFigures(v, inNetwork || key === 'network' || key === 'networkTotal'),
  );
}

async function leaksIn(value: unknown): Promise<string[]> {
  const text = JSON.stringify(value) ?? '';
  const leaks = (await otherSiteMarkers()).filter((m) => text.includes(m));
  if (networkFigures(value).length > 0) leaks.push('network figures of one other site');
  // The site must not learn which of its evaluations HQ drew for a blind re-score.
  if (text.includes('"awaitingRescore":true')) leaks.push('which evaluations were drawn');
  return leaks;
}

async function auditCount() {
  const [row] = await h.db.select({ n: count() }).from(auditLog);
  return row!.n;
}

// ── Sample inputs: each one makes the call succeed for a caller who is allowed ─────────────────

type Who = { name: TrpcPrincipal; principal: Principal };
type Input = (who: Who) => unknown;
type Sample = { input?: Input; otherSite?: Input };

const ownSubscription = async (who: Who, sites: string[] | null = null) =>
  who.principal.kind === 'user'
    ? (await createSubscription(h.db, who.principal, { cadence: 'weekly', sendTime: '07:30', timezone: 'Africa/Tunis', sites }, NOW)).id
    : spareSubscriptionId;

const freshTarget = async (site: 'TUN' | 'DKR') => {
  await setTarget(h.db, cliActor(), { metric: 'fcr', site, green: 0.8, amber: 0.6 });
  return { metric: 'fcr' as const, site };
};

const freshDispute = async (code: 'TUN' | 'DKR') => {
  const id = await rescoredEvaluation(code);
  const lead = await leadPrincipal(code === 'TUN' ? userIds.leadA : userIds.leadB);
  await openDispute(h.db, lead, cliActor(), { site: code, id, comment: 'The caller was verified' });
  return { site: code, id, outcome: 'rejected' as const, resolution: 'The recording shows otherwise' };
};

const freshReportFor = async (code: 'TUN' | 'DKR') => {
  // Days before the fixtures' own, one per call, so that each acknowledgement finds its report unread.
  const date = new Date(Date.UTC(2026, 1, 28 - next())).toISOString().slice(0, 10);
  await submitDailyReport(h.db, { siteId: siteOf(code).id, actor: cliActor(), input: report(date), now: NOW });
  return { site: code, date, comment: 'Seen' };
};

const range = { from: FROM, to: TO };

const freshDisplay = () => createDisplay(h.db, cliActor(), { name: `Screen ${next()}`, sites: null, locale: 'fr' }, NOW);

const alertRule = () => ({ name: `Matrix rule ${next()}`, metric: 'callsWaiting' as const, comparison: 'above' as const, threshold: 10, severity: 'warning' as const });
const freshAlertRule = async () => (await createAlertRule(h.db, cliActor(), alertRule())).id;

/** New Year's Day of 2026, which both sites' countries keep: the library's key names it. */
const firstHoliday = (site: 'TUN' | 'DKR') => ({ site, holidayKey: "2026-01-01:New Year's Day" });
const movedHoliday = (site: 'TUN' | 'DKR') => ({ ...firstHoliday(site), observedOn: '2026-01-02' });
const closure = (site: 'TUN' | 'DKR') => ({ site, kind: 'closed' as const, name: `Closure ${next()}`, startsOn: '2026-03-02', endsOn: '2026-03-02' });
const freshPeriod = async (site: 'TUN' | 'DKR') => {
  const { id } = await createCalendarPeriod(h.db, cliActor(), closure(site));
  return { ...closure(site), id };
};

/** A contract of a site taking effect on a day (the fixtures' ones from 2020, so the samples' months have one). */
const contract = (site: 'TUN' | 'DKR', effectiveFrom: string) => ({
  site,
  effectiveFrom,
  provider: 'in-house',
  currency: site === 'TUN' ? 'TND' : 'XOF',
  pricing: { model: 'per_handled_call' as const, rate: 2.5 },
  terms: [
    {
      metric: 'serviceLevel' as const,
      comparison: 'atLeast' as const,
      threshold: 0.8,
      period: 'week' as const,
      allowedMisses: 0,
      penalty: { kind: 'fixed' as const, value: 100, cap: 300 },
    },
  ],
});

/** A version of its own for each removal, on a day before the fixtures' one. */
const freshContractKey = async (site: 'TUN' | 'DKR') => {
  const effectiveFrom = shiftDayBack('2019-12-31', next());
  await saveContract(h.db, cliActor(), contract(site, effectiveFrom), NOW);
  return { site, effectiveFrom };
};
const shiftDayBack = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** A month of its own for each closing (closing is once), all over and under the fixtures' contracts. */
let monthsClosed = 0;
const freshMonth = () => new Date(Date.UTC(2026, 1 - ++monthsClosed, 1)).toISOString().slice(0, 7);

/** A CSV column mapping of a site, saved by an admin (the name given, or a new one). */
const importMapping = (name: string) => ({
  name,
  dateFormat: 'epoch-s' as const,
  fields: {
    externalId: { column: 'id' },
    startedAt: { column: 'at' },
    direction: { constant: 'inbound' as const },
    queue: { column: 'queue' },
    waitSeconds: { column: 'wait', unit: 's' as const },
    talkSeconds: { column: 'talk', unit: 's' as const },
    abandoned: { column: 'abandoned', true: ['1'], false: ['0'] },
  },
});
const freshImportMapping = async (site: 'TUN' | 'DKR', name = `mapping ${next()}`) => {
  const admin = await leadPrincipal(userIds.admin);
  await saveImportMapping(h.db, admin, cliActor(), { site, mapping: importMapping(name) }, NOW);
  return name;
};

/** A roster file of one person. */
const rosterFile = (agentRef: string) => `reference,name,team,start date\n${agentRef},Matrix Person,Matrix,2025-01-06\n`;
/** A person on a site's roster, imported by an admin, whose name a removal takes. */
const freshRosterPerson = async (site: 'TUN' | 'DKR') => {
  const agentRef = `MX-${next()}`;
  await importRoster(h.db, await leadPrincipal(userIds.admin), cliActor(), { site, csv: rosterFile(agentRef) }, NOW);
  return { site, agentRef };
};

/** A coaching session of a site opened by an admin at NOW, and an evaluation of its agent after it (the follow-up). */
const coachingPlan = (code: 'TUN' | 'DKR') => ({
  objective: 'Verify identity first',
  ownerUserId: code === 'TUN' ? userIds.leadA : userIds.leadB,
  dueDate: '2026-03-31',
});
const coachingOpen = (code: 'TUN' | 'DKR') => ({
  site: code,
  agentRef: 'AG-1',
  source: { kind: 'evaluation' as const, evaluationId: code === 'TUN' ? evalA : evalB },
  ...coachingPlan(code),
});
const freshCoaching = async (code: 'TUN' | 'DKR') => {
  const admin = await leadPrincipal(userIds.admin);
  const session = await openCoaching(h.db, admin, cliActor(), coachingOpen(code), NOW);
  const externalId = `follow-up-${next()}`;
  await ingestEvaluations(h.db, { siteId: siteOf(code).id, actor: cliActor(), evaluations: [{ ...evaluation(externalId), evaluatedAt: '2026-03-20T12:00:00+01:00' }] });
  return { site: code, id: session.id, followUpEvaluationId: await evaluationIdOf(siteOf(code).id, externalId) };
};
const freshCoachingDrop = async (code: 'TUN' | 'DKR') => {
  const { site, id } = await freshCoaching(code);
  return { site, id, reason: 'The agent left' };
};

const SAMPLES: Record<string, Sample> = {
  'sites.create': { input: () => ({ code: letters(next()), name: `New site ${serial}`, country: 'MA', timezone: 'Africa/Casablanca' }) },
  'sites.update': { input: () => ({ id: spareSite.id, name: 'Spare Rabat' }) },
  'sites.setActive': { input: () => ({ id: spareSite.id, active: true }) },

  'users.setMyLocale': { input: () => ({ locale: 'en' }) },
  'users.create': { input: () => ({ email: `new${next()}@matrix.test`, name: 'New', role: 'hq_manager', password: PASSWORD }) },
  'users.update': { input: () => ({ id: userIds.spare, name: 'Spare user' }) },
  'users.setActive': { input: () => ({ id: userIds.spare, active: true }) },
  'users.resetPassword': { input: () => ({ id: userIds.spare, password: PASSWORD }) },
  'users.changeMyPassword': {
    input: async (who) => {
      const self = who.principal.kind === 'user' ? who.principal.userId : userIds.spare;
      await h.db.update(users).set({ passwordHash }).where(eq(users.id, self));
      return { currentPassword: PASSWORD, newPassword: `matrix-password-${next()}` };
    },
  },

  'keys.listSiteKeys': { input: () => ({ includeRevoked: true }) },
  'keys.createSiteKey': { input: () => ({ siteCode: 'TUN', name: `key ${next()}` }) },
  'keys.revokeSiteKey': { input: async () => ({ id: (await createSiteKey(h.db, cliActor(), { siteCode: 'TUN', name: `doomed ${next()}` })).id }) },
  'keys.createMyToken': { input: () => ({ name: `token ${next()}` }) },
  'keys.revokeMyToken': {
    input: async (who) => {
      const owner = who.principal.kind === 'user' ? who.principal.userId : userIds.spare;
      return { id: (await createUserToken(h.db, cliActor(), { userId: owner, name: `doomed ${next()}` })).id };
    },
  },

  'ingest.pushCalls': { input: () => ({ records: [callRecord(`pushed-${next()}`)] }) },
  'ingest.pushEvaluations': { input: () => ({ evaluations: [evaluation(`pushed-${next()}`)] }) },
  'ingest.recogniseUpload': { input: () => ({ files: [{ name: 'calls.csv', head: csvOf(`csv-${next()}`) }] }) },
  'ingest.previewUpload': { input: () => ({ kind: 'calls', files: [{ name: 'calls.csv', text: csvOf(`csv-${next()}`) }] }) },
  'ingest.commitUpload': { input: () => ({ kind: 'calls', files: [{ name: 'calls.csv', text: csvOf(`csv-${next()}`) }] }) },

  'qaForms.published': { input: () => ({}) },
  'sites.directory': { input: () => ({}) },
  'qa.forms.get': { input: () => ({ id: stdFormId }) },
  'qa.forms.createDraft': { input: () => ({ code: `D${next()}`, name: 'Draft', criteria: [STD_V1[0]] }) },
  'qa.forms.updateDraft': { input: () => ({ id: draftFormId, name: 'Draft, renamed', criteria: [STD_V1[0]] }) },
  'qa.forms.publish': { input: async () => ({ id: (await newDraft()).id }) },
  'qa.forms.newVersion': { input: async () => ({ id: (await publishForm(h.db, cliActor(), { id: (await newDraft()).id }, NOW)).id }) },
  'qa.forms.deleteDraft': { input: async () => ({ id: (await newDraft()).id }) },
  'qa.evaluations.list': { input: () => ({ site: 'TUN' }), otherSite: () => ({ site: 'DKR' }) },
  'qa.evaluations.get': { input: () => ({ site: 'TUN', id: evalA }), otherSite: () => ({ site: 'DKR', id: evalB }) },
  'qa.trends': { input: () => range, otherSite: () => ({ ...range, sites: 'DKR' }) },
  'qa.calibrationSummary': { input: () => range, otherSite: () => ({ ...range, sites: ['DKR'] }) },
  'qa.calibration.draw': {
    input: async () => {
      await ingestEvaluations(h.db, { siteId: siteA.id, actor: cliActor(), evaluations: [evaluation(`waiting-${next()}`)] });
      return { site: 'TUN', ...range, size: 1 };
    },
    otherSite: async () => {
      await ingestEvaluations(h.db, { siteId: siteB.id, actor: cliActor(), evaluations: [evaluation(`waiting-${next()}`)] });
      return { site: 'DKR', ...range, size: 1 };
    },
  },
  'qa.calibration.worklists': { input: () => ({ site: 'TUN' }), otherSite: () => ({ site: 'DKR' }) },
  'qa.calibration.worklist': { input: () => ({ site: 'TUN', id: samples.A.id }), otherSite: () => ({ site: 'DKR', id: samples.B.id }) },
  'qa.calibration.task': {
    input: () => ({ site: 'TUN', id: samples.A.evaluationId }),
    otherSite: () => ({ site: 'DKR', id: samples.B.evaluationId }),
  },
  // A fresh draw for each call: the first re-score of an evaluation is final.
  'qa.calibration.rescore': {
    input: async () => ({ site: 'TUN', id: await drawnEvaluation('TUN'), scores: SCORES }),
    otherSite: async () => ({ site: 'DKR', id: await drawnEvaluation('DKR'), scores: SCORES }),
  },
  'qa.disputes.open': {
    input: async () => ({ site: 'TUN', id: await rescoredEvaluation('TUN'), comment: 'The caller was verified' }),
    otherSite: async () => ({ site: 'DKR', id: await rescoredEvaluation('DKR'), comment: 'The caller was verified' }),
  },
  'qa.disputes.settle': { input: () => freshDispute('TUN'), otherSite: () => freshDispute('DKR') },

  'importMappings.list': { input: () => ({ site: 'TUN' }), otherSite: () => ({ site: 'DKR' }) },
  'importMappings.get': { input: () => ({ site: 'TUN', name: 'matrix' }), otherSite: () => ({ site: 'DKR', name: 'matrix' }) },
  'importMappings.save': {
    input: () => ({ site: 'TUN', mapping: importMapping(`saved ${next()}`) }),
    otherSite: () => ({ site: 'DKR', mapping: importMapping(`saved ${next()}`) }),
  },
  'importMappings.remove': {
    input: async () => ({ site: 'TUN', name: await freshImportMapping('TUN') }),
    otherSite: async () => ({ site: 'DKR', name: await freshImportMapping('DKR') }),
  },

  'roster.import': { input: () => ({ site: 'TUN', csv: rosterFile(`MX-${next()}`) }), otherSite: () => ({ site: 'DKR', csv: rosterFile(`MX-${next()}`) }) },
  'roster.removeName': { input: () => freshRosterPerson('TUN'), otherSite: () => freshRosterPerson('DKR') },
  'roster.list': { input: () => ({ site: 'TUN' }), otherSite: () => ({ site: 'DKR' }) },
  'roster.summary': { input: () => ({ site: 'TUN', ...range }), otherSite: () => ({ site: 'DKR', ...range }) },

  'coaching.list': { input: () => ({ site: 'TUN' }), otherSite: () => ({ site: 'DKR' }) },
  'coaching.owners': { input: () => ({ site: 'TUN' }), otherSite: () => ({ site: 'DKR' }) },
  'coaching.summary': { input: () => ({ site: 'TUN', ...range }), otherSite: () => ({ site: 'DKR', ...range }) },
  'coaching.open': { input: () => coachingOpen('TUN'), otherSite: () => coachingOpen('DKR') },
  'coaching.close': { input: () => freshCoaching('TUN'), otherSite: () => freshCoaching('DKR') },
  'coaching.drop': { input: () => freshCoachingDrop('TUN'), otherSite: () => freshCoachingDrop('DKR') },

  'agents.list': { input: () => ({ site: 'TUN', ...range }), otherSite: () => ({ site: 'DKR', ...range }) },
  'agents.table': { input: () => ({ site: 'TUN', ...range }), otherSite: () => ({ site: 'DKR', ...range }) },
  // AG-1 is evaluated at both sites: another site's agent is refused for the site, not for the agent.
  'agents.get': { input: () => ({ site: 'TUN', agentRef: 'AG-1', ...range }), otherSite: () => ({ site: 'DKR', agentRef: 'AG-1', ...range }) },

  'kpi.compare': { input: () => range, otherSite: () => ({ ...range, site: 'DKR' }) },
  'kpi.comparison': { input: () => range, otherSite: () => ({ ...range, sites: ['DKR'] }) },
  'kpi.site': { input: () => ({ code: 'TUN' }), otherSite: () => ({ code: 'DKR' }) },
  'kpi.trend': { input: () => range, otherSite: () => ({ ...range, sites: 'DKR' }) },
  'kpi.queues': { input: () => ({ site: 'TUN', ...range }), otherSite: () => ({ site: 'DKR', ...range }) },
  'kpi.outOfHours': { input: () => ({ site: 'TUN', ...range }), otherSite: () => ({ site: 'DKR', ...range }) },
  'kpi.qaCategories': { input: () => range, otherSite: () => ({ ...range, sites: ['DKR'] }) },
  'kpi.today': { input: () => ({}), otherSite: () => ({ sites: ['DKR'] }) },
  'kpi.siteToday': { input: () => ({ code: 'TUN' }), otherSite: () => ({ code: 'DKR' }) },
  'kpi.setTarget': {
    input: () => ({ metric: 'service_level', site: 'TUN', green: 0.8, amber: 0.7 }),
    otherSite: () => ({ metric: 'service_level', site: 'DKR', green: 0.8, amber: 0.7 }),
  },
  'kpi.clearTarget': { input: () => freshTarget('TUN'), otherSite: () => freshTarget('DKR') },

  'intraday.day': { input: () => ({ date: FROM }), otherSite: () => ({ date: FROM, site: 'DKR' }) },

  'missions.list': { input: () => ({}) },
  'missions.create': {
    input: () => ({
      code: `MX-${next()}`,
      name: 'Matrix mission',
      startsOn: '2026-03-01',
      endsOn: '2026-03-31',
      successOutcomes: ['sale'],
      targets: [{ site: 'TUN', target: 10 }],
    }),
  },
  'missions.get': { input: () => ({ code: 'M-BOTH' }), otherSite: () => ({ code: 'M-BONLY' }) },
  'missions.detail': { input: () => ({ code: 'M-BOTH' }), otherSite: () => ({ code: 'M-BONLY' }) },
  'missions.progress': { input: () => ({ code: 'M-BOTH' }), otherSite: () => ({ code: 'M-BONLY' }) },
  'missions.update': { input: () => ({ code: 'M-BOTH', name: 'Both sites' }) },
  'missions.forSite': { input: () => ({ site: 'TUN' }), otherSite: () => ({ site: 'DKR' }) },

  'reports.submit': { input: () => report('2026-03-19') },
  'reports.onDate': { input: () => ({ date: '2026-03-18' }) },
  'reports.inbox': { input: () => ({ date: '2026-03-18' }) },
  'reports.history': { input: () => ({ site: 'TUN', days: 14 }), otherSite: () => ({ site: 'DKR', days: 14 }) },
  'reports.acknowledge': { input: () => freshReportFor('TUN'), otherSite: () => freshReportFor('DKR') },
  'reports.compliance': { input: () => ({ days: 14 }), otherSite: () => ({ days: 14, sites: 'DKR' }) },

  'digests.create': {
    input: () => ({ cadence: 'daily', sendTime: '07:00', timezone: 'Europe/Paris', sites: null }),
    otherSite: () => ({ cadence: 'daily', sendTime: '07:00', timezone: 'Europe/Paris', sites: ['DKR'] }),
  },
  'digests.update': {
    input: async (who) => ({ id: await ownSubscription(who), sendTime: '08:00' }),
    otherSite: async (who) => ({ id: await ownSubscription(who), sites: ['DKR'] }),
  },
  'digests.remove': { input: async (who) => ({ id: await ownSubscription(who) }) },
  'digests.preview': { input: async (who) => ({ id: await ownSubscription(who) }) },
  'digests.sendTest': { input: async (who) => ({ id: await ownSubscription(who) }) },
  'digests.outbox.list': { input: () => ({}) },
  'digests.outbox.get': { input: () => ({ id: emailId }) },
  'digests.outbox.retry': { input: async () => ({ id: await failedEmail() }) },

  'audit.list': { input: () => ({}) },

  'queueStatus.push': { input: () => queueStatusPush() },
  'queueStatus.latest': { input: () => ({}), otherSite: () => ({ site: 'DKR' }) },
  'queueStatus.history': { input: () => ({ site: 'TUN', date: '2026-03-20' }), otherSite: () => ({ site: 'DKR', date: '2026-03-20' }) },

  'displays.create': { input: () => ({ name: `Screen ${next()}`, sites: ['TUN'], locale: 'en' }) },
  'displays.repair': { input: async () => ({ id: (await freshDisplay()).id }) },
  'displays.revoke': { input: async () => ({ id: (await freshDisplay()).id }) },

  'calendar.year': { input: () => ({ code: 'TUN', year: 2026 }), otherSite: () => ({ code: 'DKR', year: 2026 }) },
  'calendar.settings': { input: () => ({ code: 'TUN', year: 2026 }), otherSite: () => ({ code: 'DKR', year: 2026 }) },
  'calendar.setWeeklyHours': { input: () => ({ site: 'TUN', weeklyHours: null }), otherSite: () => ({ site: 'DKR', weeklyHours: null }) },
  'calendar.setOutOfHours': { input: () => ({ site: 'TUN', excludeOutOfHours: false }), otherSite: () => ({ site: 'DKR', excludeOutOfHours: false }) },
  'calendar.confirmHoliday': { input: () => firstHoliday('TUN'), otherSite: () => firstHoliday('DKR') },
  'calendar.dropHoliday': { input: () => firstHoliday('TUN'), otherSite: () => firstHoliday('DKR') },
  'calendar.restoreHoliday': { input: () => firstHoliday('TUN'), otherSite: () => firstHoliday('DKR') },
  'calendar.moveHoliday': { input: () => movedHoliday('TUN'), otherSite: () => movedHoliday('DKR') },
  'calendar.createPeriod': { input: () => closure('TUN'), otherSite: () => closure('DKR') },
  'calendar.updatePeriod': { input: () => freshPeriod('TUN'), otherSite: () => freshPeriod('DKR') },
  'calendar.deletePeriod': { input: () => freshPeriod('TUN'), otherSite: () => freshPeriod('DKR') },
  'live.snapshot': { input: () => ({}), otherSite: () => ({ site: 'DKR' }) },

  'alerts.rules.create': { input: () => alertRule() },
  'alerts.rules.update': { input: async () => ({ id: await freshAlertRule(), rule: { ...alertRule(), threshold: 20 } }) },
  'alerts.rules.remove': { input: async () => ({ id: await freshAlertRule() }) },
  'alerts.rules.setEnabled': { input: async () => ({ id: await freshAlertRule(), enabled: false }) },
  'alerts.list': { input: () => ({}), otherSite: () => ({ site: 'DKR' }) },
  'alerts.markSeen': { input: () => ({ upToId: 0 }) },

  'contracts.list': { input: () => ({}), otherSite: () => ({ site: 'DKR' }) },
  'contracts.save': { input: () => contract('TUN', '2019-06-01'), otherSite: () => contract('DKR', '2019-06-01') },
  'contracts.remove': { input: () => freshContractKey('TUN'), otherSite: () => freshContractKey('DKR') },
  'contracts.statement': { input: () => ({ site: 'TUN', month: '2026-02' }), otherSite: () => ({ site: 'DKR', month: '2026-02' }) },
  'contracts.statements': { input: () => ({ month: '2026-02' }) },
  'contracts.close': { input: () => ({ site: 'TUN', month: freshMonth() }), otherSite: () => ({ site: 'DKR', month: freshMonth() }) },
  'contracts.rates': { input: () => ({}) },
  'contracts.setRate': { input: () => ({ month: '2026-02', currency: 'TND', rate: 0.3 }) },
  'contracts.setSettings': { input: () => ({ hqCurrency: 'EUR' }) },
  'contracts.costs': { input: () => range, otherSite: () => ({ ...range, site: 'DKR' }) },
};

function csvOf(externalId: string) {
  const r = callRecord(externalId);
  const columns = Object.keys(r) as (keyof typeof r)[];
  return `${columns.join(',')}\n${columns.map((c) => String(r[c])).join(',')}\n`;
}

// ── Running a cell ────────────────────────────────────────────────────────────────────────────

type Procedure = { _def: { type: 'query' | 'mutation' | 'subscription'; inputs: unknown[] } };
const procedures = appRouter._def.procedures as unknown as Record<string, Procedure>;
const procedurePaths = Object.keys(procedures).sort();

const AUTH_CODES = new Set<string>(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND']);

function procedureAt(caller: unknown, path: string): (input: unknown) => Promise<unknown> {
  let node = caller as Record<string, unknown>;
  for (const part of path.split('.')) node = node[part] as Record<string, unknown>;
  return node as unknown as (input: unknown) => Promise<unknown>;
}

/** The outcome of one call: `ok`, an access code, or any other answer spelled out for the diff. */
async function trpcOutcome(path: string, name: TrpcPrincipal, input: Input | undefined, scoped: boolean): Promise<string> {
  const ctx = await contextFor(trpcCredential(name));
  const who: Who = { name, principal: ctx.principal };
  const args = input ? await input(who) : undefined;
  const auditBefore = procedures[path]!._def.type === 'mutation' ? await auditCount() : null;
  try {
    const result = await procedureAt(createCaller(ctx), path)(args);
    if (scoped) {
      const leaks = await leaksIn(result);
      if (leaks.length > 0) return `ok, but shows ${leaks.join(', ')}`;
    }
    return 'ok';
  } catch (error) {
    if (!(error instanceof TRPCError)) return `thrown: ${String(error)}`;
    if (!AUTH_CODES.has(error.code)) return `${error.code}: ${error.message}`;
    // Refused means refused: nothing written, nothing audited.
    if (auditBefore !== null && (await auditCount()) !== auditBefore) return `${error.code}, after writing to the audit log`;
    return error.code;
  } finally {
    if (ENDS_CALLERS_SESSIONS.has(path)) await restoreFixtureTokens();
  }
}

/** Whether a procedure is published as a REST route: the only ones a key or a token may call. */
function onRest(path: string): boolean {
  const openapi = (procedures[path]!._def as { meta?: { openapi?: { enabled?: boolean } } }).meta?.openapi;
  return openapi !== undefined && openapi.enabled !== false;
}

describe('the access table', () => {
  it('has one line per procedure of the router, and none for a procedure that does not exist', () => {
    const lines = Object.keys(PROCEDURES);
    expect({
      'procedures without an entry': procedurePaths.filter((p) => !lines.includes(p)),
      'entries without a procedure': lines.filter((p) => !procedurePaths.includes(p)),
    }).toEqual({ 'procedures without an entry': [], 'entries without a procedure': [] });
  });

  it('has a sample input for every procedure that takes one, and for every site-scoped check', () => {
    const problems: string[] = [];
    for (const path of procedurePaths) {
      const sample = SAMPLES[path];
      if (procedures[path]!._def.inputs.length > 0 && !sample?.input) problems.push(`${path}: no sample input`);
      if (PROCEDURES[path]?.otherSite && !sample?.otherSite) problems.push(`${path}: no site-B input`);
      if (!PROCEDURES[path]?.otherSite && sample?.otherSite) problems.push(`${path}: a site-B input but no site-B rule`);
    }
    for (const path of Object.keys(SAMPLES)) if (!procedures[path]) problems.push(`${path}: a sample for no procedure`);
    expect(problems).toEqual([]);
  });

  it('would see a leak: HQ reads site B in the figures a site lead also reads', async () => {
    const ctx = await contextFor(trpcCredential('hqManager'));
    const comparison = await createCaller(ctx).kpi.compare(range);
    expect(await leaksIn(comparison)).toEqual(expect.arrayContaining(['"DKR"', 'Dakar Plateau', 'network figures of one other site']));
    const evaluations = await createCaller(ctx).qa.evaluations.list({ site: 'TUN' });
    expect(await leaksIn(evaluations)).toContain('which evaluations were drawn');
  });
});

describe('tRPC: every procedure × every caller', () => {
  for (const path of procedurePaths) {
    it(path, async () => {
      const rule = PROCEDURES[path];
      expect(rule, `${path} has no line in authorization-matrix.ts`).toBeDefined();
      const sample = SAMPLES[path] ?? {};
      const actual: Record<string, string> = {};
      const expected: Record<string, Outcome> = {};
      for (const [name, caller] of Object.entries(TRPC_PRINCIPALS) as [TrpcPrincipal, (typeof TRPC_PRINCIPALS)[TrpcPrincipal]][]) {
        const scoped = caller === 'lead' || caller === 'key' || caller === 'display';
        const bearerOffRest = BEARER_PRINCIPALS.has(name) && !onRest(path);
        expected[name] = expectedOutcome(rule!, caller, false, bearerOffRest);
        actual[name] = await trpcOutcome(path, name, sample.input, scoped);
        if (rule!.otherSite) {
          expected[`${name} on site B`] = expectedOutcome(rule!, caller, true, bearerOffRest);
          actual[`${name} on site B`] = await trpcOutcome(path, name, sample.otherSite, caller === 'display');
        }
      }
      expect(actual).toEqual(expected);
    });
  }
});

// ── REST ──────────────────────────────────────────────────────────────────────────────────────

type RestSample = { path: string; query?: string; body?: () => unknown };

const REST_SAMPLES: Record<string, { own: RestSample; otherSite?: RestSample }> = {
  'POST /calls': { own: { path: '/calls', body: () => ({ records: [callRecord(`rest-${next()}`)] }) } },
  'POST /evaluations': { own: { path: '/evaluations', body: () => ({ evaluations: [evaluation(`rest-${next()}`)] }) } },
  'GET /qa/forms': { own: { path: '/qa/forms' } },
  'GET /sites': { own: { path: '/sites' } },
  'GET /kpis': { own: { path: '/kpis', query: `from=${FROM}&to=${TO}` }, otherSite: { path: '/kpis', query: `from=${FROM}&to=${TO}&site=DKR` } },
  'GET /intraday': { own: { path: '/intraday', query: `date=${FROM}` }, otherSite: { path: '/intraday', query: `date=${FROM}&site=DKR` } },
  'GET /missions': { own: { path: '/missions' } },
  'POST /missions': {
    own: {
      path: '/missions',
      body: () => ({
        code: `REST-${next()}`,
        name: 'REST mission',
        startsOn: '2026-03-01',
        endsOn: '2026-03-31',
        successOutcomes: ['sale'],
        targets: [{ site: 'TUN', target: 5 }],
      }),
    },
  },
  'GET /missions/{code}': { own: { path: '/missions/M-BOTH' }, otherSite: { path: '/missions/M-BONLY' } },
  'POST /daily-reports': { own: { path: '/daily-reports', body: () => report('2026-03-19') } },
  'GET /daily-reports': { own: { path: '/daily-reports', query: 'date=2026-03-18' } },
  'POST /queue-status': { own: { path: '/queue-status', body: queueStatusPush } },
  'GET /queue-status': { own: { path: '/queue-status' }, otherSite: { path: '/queue-status', query: 'site=DKR' } },
  'GET /sites/{code}/calendar': { own: { path: '/sites/TUN/calendar', query: 'year=2026' }, otherSite: { path: '/sites/DKR/calendar', query: 'year=2026' } },
  'POST /alert-rules': { own: { path: '/alert-rules', body: alertRule } },
  'GET /alerts': { own: { path: '/alerts' }, otherSite: { path: '/alerts', query: 'site=DKR' } },
  'POST /contracts': { own: { path: '/contracts', body: () => contract('TUN', '2019-06-01') }, otherSite: { path: '/contracts', body: () => contract('DKR', '2019-06-01') } },
  'GET /import-mappings': { own: { path: '/import-mappings', query: 'site=TUN' }, otherSite: { path: '/import-mappings', query: 'site=DKR' } },
  'GET /import-mappings/{name}': { own: { path: '/import-mappings/matrix', query: 'site=TUN' }, otherSite: { path: '/import-mappings/matrix', query: 'site=DKR' } },
  'POST /roster': {
    own: { path: '/roster', body: () => ({ site: 'TUN', csv: rosterFile(`MX-${next()}`) }) },
    otherSite: { path: '/roster', body: () => ({ site: 'DKR', csv: rosterFile(`MX-${next()}`) }) },
  },
  'GET /agents': { own: { path: '/agents', query: `site=TUN&from=${FROM}&to=${TO}` }, otherSite: { path: '/agents', query: `site=DKR&from=${FROM}&to=${TO}` } },
  'GET /statements': { own: { path: '/statements', query: 'site=TUN&month=2026-02' }, otherSite: { path: '/statements', query: 'site=DKR&month=2026-02' } },
};

const documentRoutes = Object.entries(openApiDocument('http://vigie.test').paths ?? {})
  .flatMap(([path, item]) => Object.keys(item ?? {}).map((method) => `${method.toUpperCase()} ${path}`))
  .sort();

async function restOutcome(route: string, who: RestPrincipal, sample: RestSample, scoped: boolean): Promise<string> {
  const method = route.split(' ')[0]!;
  const headers: Record<string, string> = {};
  const authorization = restAuthorization(who);
  if (authorization) headers.authorization = authorization;
  if (who === 'display') headers.cookie = `${DISPLAY_COOKIE}=${displayCredentials.display}`;
  const body = sample.body?.();
  if (body !== undefined) headers['content-type'] = 'application/json';
  const url = `http://vigie.test/api/v1${sample.path}${sample.query ? `?${sample.query}` : ''}`;
  const req = new Request(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const res = await handleRest(req, (r) => contextFromRequest(r, { handle: h, session: async () => null, now: () => NOW }));
  const text = await res.text();
  if (res.status === 200) {
    const leaks = scoped ? await leaksIn(JSON.parse(text)) : [];
    return leaks.length > 0 ? `200, but shows ${leaks.join(', ')}` : 'ok';
  }
  const outcome = (Object.entries(HTTP_STATUS).find(([, status]) => status === res.status)?.[0] ?? null) as Outcome | null;
  return outcome ?? `${res.status}: ${text.slice(0, 300)}`;
}

describe('REST: every route of the OpenAPI document × every caller', () => {
  it('has one line per route of the document, and none for a route that does not exist', () => {
    const lines = Object.keys(REST_ROUTES);
    expect({
      'routes without an entry': documentRoutes.filter((r) => !lines.includes(r)),
      'entries without a route': lines.filter((r) => !documentRoutes.includes(r)),
      'routes without a sample': documentRoutes.filter((r) => !REST_SAMPLES[r]),
      'site-B samples and rules that do not match': documentRoutes.filter((r) => !REST_ROUTES[r]?.otherSite !== !REST_SAMPLES[r]?.otherSite),
    }).toEqual({
      'routes without an entry': [],
      'entries without a route': [],
      'routes without a sample': [],
      'site-B samples and rules that do not match': [],
    });
  });

  for (const route of documentRoutes) {
    it(route, async () => {
      const rule = REST_ROUTES[route];
      const sample = REST_SAMPLES[route];
      expect(rule && sample, `${route} has no line or no sample`).toBeTruthy();
      const actual: Record<string, string> = {};
      const expected: Record<string, Outcome> = {};
      for (const [who, caller] of Object.entries(REST_PRINCIPALS) as [RestPrincipal, (typeof REST_PRINCIPALS)[RestPrincipal]][]) {
        expected[who] = expectedOutcome(rule!, caller);
        actual[who] = await restOutcome(route, who, sample!.own, caller === 'lead' || caller === 'key' || caller === 'display');
        if (rule!.otherSite) {
          expected[`${who} on site B`] = expectedOutcome(rule!, caller, true);
          actual[`${who} on site B`] = await restOutcome(route, who, sample!.otherSite!, false);
        }
      }
      expect(actual).toEqual(expected);
    });
  }
});

// ── /api/trpc over HTTP ───────────────────────────────────────────────────────────────────────

/** A call of a procedure as the app's client makes it: a GET for a query, a POST for a mutation. */
function trpcRequest(path: string, headers: Record<string, string>, input?: unknown): Request {
  const encoded = input === undefined ? undefined : JSON.stringify({ json: input });
  if (procedures[path]!._def.type === 'query') {
    const query = encoded === undefined ? '' : `?input=${encodeURIComponent(encoded)}`;
    return new Request(`http://vigie.test/api/trpc/${path}${query}`, { headers });
  }
  return new Request(`http://vigie.test/api/trpc/${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: encoded ?? '{}',
  });
}

function overHttp(req: Request, credential: Credential = {}) {
  return handleTrpc(req, (r) => contextFromRequest(r, { handle: h, session: () => sessionOf(credential), now: () => NOW }));
}

const bearerCallers = [...BEARER_PRINCIPALS].filter((who) => who !== 'malformed') as (keyof typeof secrets)[];

describe('/api/trpc: the app endpoint, sessions only', () => {
  it("answers a paired display on its wallboard's procedures only (401 everywhere else), and a revoked one as nobody, writing nothing", async () => {
    const actual: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const path of procedurePaths) {
      const sample = SAMPLES[path]?.input;
      for (const who of ['display', 'revokedDisplay'] as const) {
        // A sample may write its own fixture (a fresh display, a report): counted before the call.
        const args = sample ? await sample({ name: who, principal: (await contextFor(trpcCredential(who))).principal }) : undefined;
        const auditBefore = await auditCount();
        const res = await overHttp(trpcRequest(path, { cookie: `${DISPLAY_COOKIE}=${displayCredentials[who]}` }, args));
        const wrote = (await auditCount()) !== auditBefore;
        actual[`${path} × ${who}`] = `${res.status}${wrote ? ', after writing to the audit log' : ''}`;
        const outcome = expectedOutcome(PROCEDURES[path]!, TRPC_PRINCIPALS[who]);
        expected[`${path} × ${who}`] = outcome === 'ok' ? '200' : String(HTTP_STATUS[outcome]);
      }
    }
    expect(actual).toEqual(expected);
  });

  it('refuses every site key and personal token, valid, revoked or malformed, on every procedure (401), writing nothing', async () => {
    const auditBefore = await auditCount();
    const refused: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const path of procedurePaths) {
      for (const who of [...bearerCallers, 'malformed'] as const) {
        const authorization = who === 'malformed' ? 'Bearer not-a-credential' : `Bearer ${secrets[who]}`;
        // A session cookie beside the bearer secret changes nothing.
        const res = await overHttp(trpcRequest(path, { authorization }), { sessionUserId: userIds.admin });
        refused[`${path} × ${who}`] = res.status;
        expected[`${path} × ${who}`] = 401;
      }
    }
    expect(refused).toEqual(expected);
    expect(await auditCount()).toBe(auditBefore);
  });

  it("answers a signed-in session through the same handler, and a request with neither as anonymous", async () => {
    const signedIn = await overHttp(trpcRequest('users.me', {}), { sessionUserId: userIds.admin });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.text()).toContain('admin@matrix.test');
    expect((await overHttp(trpcRequest('users.me', {}))).status).toBe(401);
    expect((await overHttp(trpcRequest('health.check', {}))).status).toBe(200);
  });

  it("gives an admin's token no way to create a user, a site key or a token, on /api/trpc or through the procedures", async () => {
    const counts = async () => ({
      users: (await h.db.select({ n: count() }).from(users))[0]!.n,
      keys: (await h.db.select({ n: count() }).from(apiKeys))[0]!.n,
      tokens: (await h.db.select({ n: count() }).from(userTokens))[0]!.n,
      audit: await auditCount(),
    });
    const before = await counts();
    const attempts = {
      'users.create': { email: `minted${next()}@matrix.test`, name: 'Minted', role: 'admin', password: PASSWORD },
      'keys.createSiteKey': { siteCode: 'TUN', name: `minted ${next()}` },
      'keys.createMyToken': { name: `minted ${next()}` },
    };
    const authorization = `Bearer ${secrets.adminToken}`;
    const ctx = await contextFor({ bearer: secrets.adminToken });
    expect(ctx.principal).toMatchObject({ kind: 'user', via: 'token', role: 'admin' });
    for (const [path, input] of Object.entries(attempts)) {
      const res = await overHttp(trpcRequest(path, { authorization }, input));
      expect(res.status, `${path} on /api/trpc`).toBe(401);
      const error = await procedureAt(createCaller(ctx), path)(input).catch((e: unknown) => e);
      expect(error, path).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code, path).toBe('FORBIDDEN');
    }
    expect(await counts()).toEqual(before);
  });
});
