// Who may call what: DESIGN's "Roles and access" written out for every tRPC procedure and every
// REST route, so that authorization-matrix.test.ts can hold the router to it. A procedure or a
// route added without a line here fails that test, and so does a line left behind.

/**
 * Kinds of caller, as far as access goes. `none` is a request without a valid credential; `display`
 * a paired wall screen (its cookie), scoped to site A like a lead, which reads its wallboard and
 * nothing else.
 */
export type CallerClass = 'none' | 'admin' | 'hq' | 'lead' | 'key' | 'display';

/**
 * The callers the matrix tries, each from a real credential. Keys and tokens are tried on the
 * procedures themselves (as the REST handler calls them) and on /api/trpc, which refuses them all.
 */
export const TRPC_PRINCIPALS = {
  anonymous: 'none',
  admin: 'admin',
  hqManager: 'hq',
  leadA: 'lead',
  keyA: 'key',
  revokedKey: 'none',
  adminToken: 'admin',
  hqToken: 'hq',
  leadToken: 'lead',
  revokedToken: 'none',
  display: 'display',
  revokedDisplay: 'none',
} as const satisfies Record<string, CallerClass>;

/** REST callers: bearer credentials, no header, a header that is not a bearer secret, and a display's cookie. */
export const REST_PRINCIPALS = {
  anonymous: 'none',
  malformed: 'none',
  adminToken: 'admin',
  hqToken: 'hq',
  leadToken: 'lead',
  keyA: 'key',
  revokedKey: 'none',
  revokedToken: 'none',
  display: 'display',
} as const satisfies Record<string, CallerClass>;

export type TrpcPrincipal = keyof typeof TRPC_PRINCIPALS;
export type RestPrincipal = keyof typeof REST_PRINCIPALS;

/**
 * Callers with a bearer secret (a site key or a personal token, valid or not). A valid one reaches
 * only the procedures the REST API publishes (FORBIDDEN elsewhere); on /api/trpc every one of them
 * is UNAUTHORIZED, whatever the procedure.
 */
export const BEARER_PRINCIPALS: ReadonlySet<TrpcPrincipal | RestPrincipal> = new Set([
  'malformed',
  'keyA',
  'revokedKey',
  'adminToken',
  'hqToken',
  'leadToken',
  'revokedToken',
]);

export type Outcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';

export type Access =
  /** Anyone, signed in or not. */
  | 'public'
  /** Any valid credential: a user or a site key. */
  | 'anyCredential'
  /** Any signed-in user (session or personal token), never a site key. */
  | 'signedIn'
  /** Headquarters: admins and HQ managers. */
  | 'hq'
  | 'admin'
  /** A site's key only. */
  | 'siteKey'
  /** A site's key or its lead, writing for that site. */
  | 'siteWriter'
  /** Only a site lead (disputing HQ's re-score of their site's evaluation). */
  | 'siteLead'
  /** A wallboard: a signed-in user (their site scope) or a paired display (its own scope). */
  | 'wallboard'
  /** A site lead for their own site, or an administrator for any site (HQ managers read only). */
  | 'siteLeadOrAdmin';

const U = 'UNAUTHORIZED';
const F = 'FORBIDDEN';

// A display is nobody outside its wallboard (401), public procedures included.
export const EXPECTED: Record<Access, Record<CallerClass, Outcome>> = {
  public: { none: 'ok', admin: 'ok', hq: 'ok', lead: 'ok', key: 'ok', display: U },
  anyCredential: { none: U, admin: 'ok', hq: 'ok', lead: 'ok', key: 'ok', display: U },
  signedIn: { none: U, admin: 'ok', hq: 'ok', lead: 'ok', key: F, display: U },
  hq: { none: U, admin: 'ok', hq: 'ok', lead: F, key: F, display: U },
  admin: { none: U, admin: 'ok', hq: F, lead: F, key: F, display: U },
  siteKey: { none: U, admin: F, hq: F, lead: F, key: 'ok', display: U },
  siteWriter: { none: U, admin: F, hq: F, lead: 'ok', key: 'ok', display: U },
  siteLead: { none: U, admin: F, hq: F, lead: 'ok', key: F, display: U },
  wallboard: { none: U, admin: 'ok', hq: 'ok', lead: 'ok', key: F, display: 'ok' },
  siteLeadOrAdmin: { none: U, admin: 'ok', hq: F, lead: 'ok', key: F, display: U },
};

/**
 * `otherSite`: what a caller scoped to site A gets when the input names site B (HQ gets B). A
 * single site's page or record is NOT_FOUND, so that a lead cannot probe which codes exist; a
 * multi-site view filtered on another site is FORBIDDEN, the same whether the code exists or not.
 * `hqOnly`: the procedure takes a site but only headquarters reaches it; HQ must reach site B too.
 */
export type Rule = { access: Access; otherSite?: 'FORBIDDEN' | 'NOT_FOUND' | 'hqOnly' };

export const PROCEDURES: Record<string, Rule> = {
  'health.check': { access: 'public' },

  'sites.list': { access: 'signedIn' },
  'sites.directory': { access: 'signedIn' },
  'sites.create': { access: 'admin' },
  'sites.update': { access: 'admin' },
  'sites.setActive': { access: 'admin' },

  'users.me': { access: 'signedIn' },
  'users.setMyLocale': { access: 'signedIn' },
  'users.list': { access: 'admin' },
  'users.create': { access: 'admin' },
  'users.update': { access: 'admin' },
  'users.setActive': { access: 'admin' },
  'users.resetPassword': { access: 'admin' },
  'users.signOutEverywhere': { access: 'signedIn' },
  'users.changeMyPassword': { access: 'signedIn' },

  'keys.listSiteKeys': { access: 'admin' },
  'keys.createSiteKey': { access: 'admin' },
  'keys.revokeSiteKey': { access: 'admin' },
  'keys.listMyTokens': { access: 'signedIn' },
  'keys.createMyToken': { access: 'signedIn' },
  'keys.revokeMyToken': { access: 'signedIn' },

  'ingest.pushCalls': { access: 'siteKey' },
  'ingest.pushEvaluations': { access: 'siteKey' },
  'ingest.recogniseUpload': { access: 'siteWriter' },
  'ingest.previewUpload': { access: 'siteWriter' },
  'ingest.commitUpload': { access: 'siteWriter' },

  'qaForms.published': { access: 'anyCredential' },
  'qa.forms.list': { access: 'hq' },
  'qa.forms.get': { access: 'hq' },
  'qa.forms.createDraft': { access: 'hq' },
  'qa.forms.updateDraft': { access: 'hq' },
  'qa.forms.publish': { access: 'hq' },
  'qa.forms.newVersion': { access: 'hq' },
  'qa.forms.deleteDraft': { access: 'hq' },
  'qa.evaluations.list': { access: 'signedIn', otherSite: 'FORBIDDEN' },
  'qa.evaluations.get': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'qa.evaluations.filters': { access: 'signedIn' },
  'qa.trends': { access: 'signedIn', otherSite: 'FORBIDDEN' },
  'qa.calibrationSummary': { access: 'signedIn', otherSite: 'FORBIDDEN' },
  'qa.calibration.draw': { access: 'hq', otherSite: 'hqOnly' },
  'qa.calibration.worklists': { access: 'hq', otherSite: 'hqOnly' },
  'qa.calibration.worklist': { access: 'hq', otherSite: 'hqOnly' },
  'qa.calibration.task': { access: 'hq', otherSite: 'hqOnly' },
  'qa.calibration.rescore': { access: 'hq', otherSite: 'hqOnly' },
  'qa.disputes.open': { access: 'siteLead', otherSite: 'NOT_FOUND' },
  'qa.disputes.settle': { access: 'hq', otherSite: 'hqOnly' },

  'kpi.compare': { access: 'signedIn', otherSite: 'FORBIDDEN' },
  'kpi.comparison': { access: 'signedIn', otherSite: 'FORBIDDEN' },
  'kpi.site': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'kpi.trend': { access: 'signedIn', otherSite: 'FORBIDDEN' },
  'kpi.queues': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'kpi.outOfHours': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'kpi.qaCategories': { access: 'signedIn', otherSite: 'FORBIDDEN' },
  'kpi.today': { access: 'signedIn', otherSite: 'FORBIDDEN' },
  'kpi.siteToday': { access: 'signedIn', otherSite: 'FORBIDDEN' },
  'kpi.targets': { access: 'signedIn' },
  'kpi.setTarget': { access: 'hq', otherSite: 'hqOnly' },
  'kpi.clearTarget': { access: 'hq', otherSite: 'hqOnly' },

  'intraday.day': { access: 'signedIn', otherSite: 'FORBIDDEN' },

  'missions.list': { access: 'signedIn' },
  'missions.create': { access: 'hq' },
  'missions.get': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'missions.board': { access: 'signedIn' },
  'missions.detail': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'missions.progress': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'missions.update': { access: 'hq' },
  'missions.forSite': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'missions.behindPace': { access: 'signedIn' },

  'reports.submit': { access: 'siteWriter' },
  'reports.onDate': { access: 'signedIn' },
  'reports.inbox': { access: 'signedIn' },
  'reports.history': { access: 'signedIn', otherSite: 'FORBIDDEN' },
  'reports.acknowledge': { access: 'hq', otherSite: 'hqOnly' },
  'reports.compliance': { access: 'signedIn', otherSite: 'FORBIDDEN' },

  'digests.options': { access: 'signedIn' },
  'digests.list': { access: 'signedIn' },
  'digests.create': { access: 'signedIn', otherSite: 'FORBIDDEN' },
  'digests.update': { access: 'signedIn', otherSite: 'FORBIDDEN' },
  'digests.remove': { access: 'signedIn' },
  'digests.preview': { access: 'signedIn' },
  'digests.sendTest': { access: 'signedIn' },
  'digests.outbox.list': { access: 'admin' },
  'digests.outbox.get': { access: 'admin' },
  'digests.outbox.retry': { access: 'admin' },

  'audit.list': { access: 'admin' },
  'audit.filters': { access: 'admin' },

  'queueStatus.push': { access: 'siteKey' },
  'queueStatus.latest': { access: 'signedIn', otherSite: 'FORBIDDEN' },
  'queueStatus.history': { access: 'signedIn', otherSite: 'NOT_FOUND' },

  'displays.list': { access: 'admin' },
  'displays.create': { access: 'admin' },
  'displays.repair': { access: 'admin' },
  'displays.revoke': { access: 'admin' },

  'calendar.year': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'calendar.settings': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'calendar.setWeeklyHours': { access: 'hq', otherSite: 'hqOnly' },
  'calendar.setOutOfHours': { access: 'hq', otherSite: 'hqOnly' },
  'calendar.confirmHoliday': { access: 'hq', otherSite: 'hqOnly' },
  'calendar.dropHoliday': { access: 'hq', otherSite: 'hqOnly' },
  'calendar.restoreHoliday': { access: 'hq', otherSite: 'hqOnly' },
  'calendar.moveHoliday': { access: 'hq', otherSite: 'hqOnly' },
  'calendar.createPeriod': { access: 'hq', otherSite: 'hqOnly' },
  'calendar.updatePeriod': { access: 'hq', otherSite: 'hqOnly' },
  'calendar.deletePeriod': { access: 'hq', otherSite: 'hqOnly' },

  'live.snapshot': { access: 'wallboard', otherSite: 'FORBIDDEN' },

  'alerts.rules.list': { access: 'hq' },
  'alerts.rules.create': { access: 'hq' },
  'alerts.rules.update': { access: 'hq' },
  'alerts.rules.remove': { access: 'hq' },
  'alerts.rules.setEnabled': { access: 'hq' },
  'alerts.list': { access: 'signedIn', otherSite: 'FORBIDDEN' },
  'alerts.unread': { access: 'signedIn' },
  'alerts.markSeen': { access: 'signedIn' },
  'alerts.evaluateNow': { access: 'admin' },

  // Contracts: admins write them, HQ reads every site's, closes months and enters rates, a lead
  // reads their own site's contract, statements and costs. GET /api/v1/statements.csv and .pdf
  // call contracts.statement (as kpis.csv calls kpi.compare): its line is theirs.
  'contracts.list': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'contracts.save': { access: 'admin', otherSite: 'hqOnly' },
  'contracts.remove': { access: 'admin', otherSite: 'hqOnly' },
  'contracts.statement': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'contracts.statements': { access: 'signedIn' },
  'contracts.close': { access: 'hq', otherSite: 'hqOnly' },
  'contracts.rates': { access: 'hq' },
  'contracts.setRate': { access: 'hq' },
  'contracts.settings': { access: 'hq' },
  'contracts.setSettings': { access: 'admin' },
  'contracts.costs': { access: 'signedIn', otherSite: 'FORBIDDEN' },

  // CSV column mappings: every credential reads its own site's (HQ names one), a lead writes their
  // site's and an admin any site's. Another site's are refused the same whether the code exists or not.
  'importMappings.list': { access: 'anyCredential', otherSite: 'FORBIDDEN' },
  'importMappings.get': { access: 'anyCredential', otherSite: 'FORBIDDEN' },
  'importMappings.save': { access: 'siteLeadOrAdmin', otherSite: 'FORBIDDEN' },
  'importMappings.remove': { access: 'siteLeadOrAdmin', otherSite: 'FORBIDDEN' },

  // Roster: a lead imports their site's and removes names there, an admin any site's; everyone
  // signed in reads within their scope (another site's roster is not found).
  'roster.import': { access: 'siteLeadOrAdmin', otherSite: 'FORBIDDEN' },
  'roster.removeName': { access: 'siteLeadOrAdmin', otherSite: 'FORBIDDEN' },
  'roster.list': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'roster.summary': { access: 'signedIn', otherSite: 'NOT_FOUND' },

  // Coaching: a lead runs their site's sessions, an admin any site's; everyone reads within their
  // scope (another site's page is not found; another site's write refused whether it exists or not).
  'coaching.list': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'coaching.owners': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'coaching.summary': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'coaching.open': { access: 'siteLeadOrAdmin', otherSite: 'FORBIDDEN' },
  'coaching.close': { access: 'siteLeadOrAdmin', otherSite: 'FORBIDDEN' },
  'coaching.drop': { access: 'siteLeadOrAdmin', otherSite: 'FORBIDDEN' },

  // Agents: everyone signed in reads a site's agents within their scope (another site's page is not found).
  'agents.list': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'agents.table': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'agents.get': { access: 'signedIn', otherSite: 'NOT_FOUND' },
};

/** REST routes by `METHOD /path` as the OpenAPI document names them. */
export const REST_ROUTES: Record<string, Rule> = {
  'POST /calls': { access: 'siteKey' },
  'POST /evaluations': { access: 'siteKey' },
  'GET /qa/forms': { access: 'anyCredential' },
  'GET /sites': { access: 'signedIn' },
  'GET /kpis': { access: 'signedIn', otherSite: 'FORBIDDEN' },
  'GET /intraday': { access: 'signedIn', otherSite: 'FORBIDDEN' },
  'GET /missions': { access: 'signedIn' },
  'POST /missions': { access: 'hq' },
  'GET /missions/{code}': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'POST /daily-reports': { access: 'siteWriter' },
  'GET /daily-reports': { access: 'signedIn' },
  'POST /queue-status': { access: 'siteKey' },
  'GET /queue-status': { access: 'signedIn', otherSite: 'FORBIDDEN' },
  'GET /sites/{code}/calendar': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'POST /alert-rules': { access: 'hq' },
  'GET /alerts': { access: 'signedIn', otherSite: 'FORBIDDEN' },
  'POST /contracts': { access: 'admin', otherSite: 'hqOnly' },
  'GET /statements': { access: 'signedIn', otherSite: 'NOT_FOUND' },
  'GET /import-mappings': { access: 'anyCredential', otherSite: 'FORBIDDEN' },
  'GET /import-mappings/{name}': { access: 'anyCredential', otherSite: 'FORBIDDEN' },
  'POST /roster': { access: 'siteLeadOrAdmin', otherSite: 'FORBIDDEN' },
  'GET /agents': { access: 'signedIn', otherSite: 'NOT_FOUND' },
};

/**
 * The outcome for a caller of a class, on its own site or (otherSite) on site B. `bearerOffRest`:
 * the caller holds a valid site key or token and the procedure is not a REST route.
 */
export function expectedOutcome(rule: Rule, caller: CallerClass, onOtherSite = false, bearerOffRest = false): Outcome {
  if (bearerOffRest && caller !== 'none') return 'FORBIDDEN';
  const base = EXPECTED[rule.access][caller];
  if (!onOtherSite || base !== 'ok') return base;
  const scoped = caller === 'lead' || caller === 'key' || caller === 'display';
  if (!scoped || rule.otherSite === undefined) return 'ok';
  // A display shows the scope it was paired with whatever it asks for (and is checked for leaks).
  if (caller === 'display') return 'ok';
  if (rule.otherSite === 'hqOnly') throw new Error('A site-scoped caller passed an HQ-only procedure');
  return rule.otherSite;
}

export const HTTP_STATUS: Record<Exclude<Outcome, 'ok'>, number> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };
