// Fuzzing the REST API over real Request objects and a real database: garbage bodies, odd
// headers, odd query strings, prototype-pollution keys, out-of-range numbers and batches mixing
// valid and invalid records. Whatever comes in, the answer is never a 5xx, an error is JSON that
// says what is wrong, and the data changed exactly as the answer says: a refusal changes nothing,
// and an accepted batch adds `inserted` rows and leaves rollups equal to a recomputation from the
// raw records.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The push limit out of the way: a 429 changes nothing either, but it would hide every write.
vi.hoisted(() => {
  process.env.VIGIE_PUSH_RATE_PER_MINUTE = '100000000';
  process.env.VIGIE_PUSH_BURST = '100000000';
});
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { cliActor } from '@/server/auth/principal';
import { validRecord as wellFormedRecord } from '@/lib/ingest/call-record.arbitrary';
import { externalIdOf } from '@/server/ingest/validate-batch';
import { compareRollups } from '@/server/ingest/testing';
import { createSiteKey, createUserToken, revokeSiteKeyByName } from '@/server/keys/service';
import { createDraft, publishForm } from '@/server/qa/forms';
import { STD_V1 } from '@/server/qa/testing';
import { createMission } from '@/server/missions/service';
import { createSite } from '@/server/sites/service';
import { createUser } from '@/server/users/service';
import { contextFromRequest } from '@/server/trpc/request-context';
import { handleRest } from './handler';

const NOW = new Date('2026-03-20T10:00:00Z');
const NUM_RUNS = { any: 250, batches: 100 };
/** Far above what the runs take on an idle machine, for a busy one. */
const TIMEOUT_MS = 120_000;
// Each run leaves its writes behind for the next, so a shrunk counterexample would be replayed on
// a database it did not fail on: a failure is reported as found (its seed and path replay it).
const RUN_OPTIONS = { endOnFailure: true };

let h: DbHandle;
const siteIds = {} as Record<'A' | 'B', number>;
const secrets = {} as Record<'keyA' | 'keyB' | 'revokedKey' | 'hqToken' | 'leadToken', string>;
/** The site each valid site key writes to. */
const keySite = new Map<string, number>();

beforeAll(async () => {
  h = await createTestDb();
  const actor = cliActor();
  siteIds.A = (await createSite(h.db, actor, { code: 'TUN', name: 'Tunis', country: 'TN', timezone: 'Africa/Tunis' })).id;
  siteIds.B = (await createSite(h.db, actor, { code: 'MRU', name: 'Port Louis', country: 'MU', timezone: 'Indian/Mauritius' })).id;
  secrets.keyA = (await createSiteKey(h.db, actor, { siteCode: 'TUN', name: 'pbx' })).secret;
  secrets.keyB = (await createSiteKey(h.db, actor, { siteCode: 'MRU', name: 'pbx' })).secret;
  secrets.revokedKey = (await createSiteKey(h.db, actor, { siteCode: 'TUN', name: 'old' })).secret;
  await revokeSiteKeyByName(h.db, actor, { siteCode: 'TUN', name: 'old' });
  keySite.set(secrets.keyA, siteIds.A);
  keySite.set(secrets.keyB, siteIds.B);
  const hq = await createUser(h.db, actor, { email: 'hq@fuzz.test', name: 'HQ', role: 'hq_manager', password: 'fuzz-password-1' });
  const lead = await createUser(h.db, actor, { email: 'lead@fuzz.test', name: 'Lead', role: 'site_lead', siteCode: 'TUN', password: 'fuzz-password-1' });
  secrets.hqToken = (await createUserToken(h.db, actor, { userId: hq.id, name: 'bi' })).secret;
  secrets.leadToken = (await createUserToken(h.db, actor, { userId: lead.id, name: 'sheet' })).secret;
  const form = await createDraft(h.db, actor, { code: 'STD', name: 'Standard', criteria: STD_V1 });
  await publishForm(h.db, actor, { id: form.id }, NOW);
  await createMission(h.db, actor, {
    code: 'WINTER',
    name: 'Winter',
    startsOn: '2026-03-01',
    endsOn: '2026-03-31',
    successOutcomes: ['sale'],
    targets: [{ site: 'TUN', target: 10 }],
  });
});
afterAll(() => h.close());

// ── The state of the data, table by table (and site by site where a table holds sites' data) ──

/** Credentials record their last use on every request, so they are left out of the state. */
const SITE_TABLES = [
  'call_records',
  'site_day',
  'site_queue_day',
  'site_mission_day',
  'qa_evaluations',
  'qa_scores',
  'daily_reports',
  'site_feeds',
  'queue_status_latest',
  'queue_status_minutes',
];
const OTHER_TABLES = [
  'sites',
  'users',
  'missions',
  'mission_targets',
  'qa_forms',
  'qa_criteria',
  'qa_calibration_samples',
  'qa_calibration_items',
  'kpi_targets',
  'digest_subscriptions',
  'digest_runs',
  'email_outbox',
  'audit_log',
];

type State = Map<string, { n: number; hash: string }>;

async function snapshot(): Promise<State> {
  const parts = [
    ...SITE_TABLES.map((t) => `select '${t}@' || site_id as k, count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as h from ${t} t group by site_id`),
    ...OTHER_TABLES.map((t) => `select '${t}' as k, count(*)::int as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from ${t} t`),
  ];
  const result = await h.db.execute(sql.raw(parts.join(' union all ')));
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { k: string; n: number; h: string }[];
  return new Map(rows.map((r) => [r.k, { n: Number(r.n), hash: r.h }]));
}

/** The keys whose content differs between two states. */
function changed(before: State, after: State): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => (before.get(k)?.hash ?? '') !== (after.get(k)?.hash ?? '')).sort();
}

const rows = (state: State, key: string) => state.get(key)?.n ?? 0;

// ── Requests ──────────────────────────────────────────────────────────────────────────────────

type FuzzRequest = { method: string; path: string; query: string; authorization: string | null; contentType: string | null; body: string | null };

async function send(r: FuzzRequest) {
  const headers = new Headers();
  if (r.authorization !== null) headers.set('authorization', r.authorization);
  if (r.contentType !== null) headers.set('content-type', r.contentType);
  const withBody = r.body !== null && r.method !== 'GET' && r.method !== 'HEAD';
  const req = new Request(`http://vigie.test/api/v1${r.path}${r.query}`, { method: r.method, headers, ...(withBody ? { body: r.body } : {}) });
  const res = await handleRest(req, (q) => contextFromRequest(q, { handle: h, session: async () => null, now: () => NOW }));
  return { status: res.status, text: await res.text() };
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The site a request writes for when it carries a valid site key, else null. */
function siteOfKey(authorization: string | null): number | null {
  const secret = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  return secret ? (keySite.get(secret) ?? null) : null;
}

type IngestAnswer = {
  received: number;
  inserted: number;
  updated: number;
  rejected: { index: number; externalId: string | null; errors: { path: string; message: string }[] }[];
};

/** Checks one answer against every property, from the state of the data before the request. */
async function check(r: FuzzRequest, res: { status: number; text: string }, before: State) {
  const after = await snapshot();
  const diff = changed(before, after);
  expect(res.status, res.text.slice(0, 500)).toBeLessThan(500);
  expect(res.status).toBeGreaterThanOrEqual(200);
  expect(Object.prototype).not.toHaveProperty('polluted');
  if (r.method === 'HEAD') {
    // A HEAD answer has no body by definition; it must still change nothing.
    expect(diff, `HEAD ${r.path} changed the data`).toEqual([]);
    return;
  }
  const answer = tryJson(res.text);
  expect(answer.ok, `not JSON: ${res.text.slice(0, 200)}`).toBe(true);
  const json = (answer as { value: unknown }).value;

  if (res.status >= 300) {
    expect(isObject(json) && typeof json.message === 'string' && json.message.length > 0, `no message in ${res.text.slice(0, 300)}`).toBe(true);
    expect(diff, `a ${res.status} changed the data`).toEqual([]);
    return;
  }

  const site = siteOfKey(r.authorization);
  const route = `${r.method} ${r.path}`;
  if (r.method === 'GET') {
    expect(diff, `${route} changed the data`).toEqual([]);
  } else if (route === 'POST /calls' || route === 'POST /evaluations') {
    expect(site).not.toBeNull();
    const calls = route === 'POST /calls';
    // The body as the server decoded it: UTF-8 decoding drops a byte order mark.
    const items = (JSON.parse(r.body!.replace(/^\uFEFF/, '')) as Record<string, unknown[]>)[calls ? 'records' : 'evaluations']!;
    const result = json as IngestAnswer;
    expect(result.received).toBe(items.length);
    const rejectedIndexes = result.rejected.map((x) => x.index);
    expect(rejectedIndexes).toEqual([...new Set(rejectedIndexes)].sort((a, b) => a - b));
    for (const rejection of result.rejected) {
      expect(rejection.index).toBeLessThan(items.length);
      expect(rejection.externalId).toBe(externalIdOf(items[rejection.index]));
      expect(rejection.errors.length).toBeGreaterThan(0);
    }
    expect(result.inserted + result.updated).toBeLessThanOrEqual(items.length - result.rejected.length);
    const table = calls ? 'call_records' : 'qa_evaluations';
    expect(rows(after, `${table}@${site}`) - rows(before, `${table}@${site}`)).toBe(result.inserted);
    const allowed = calls
      ? ['call_records', 'site_day', 'site_queue_day', 'site_mission_day', 'site_feeds'].map((t) => `${t}@${site}`)
      : ['qa_evaluations', 'qa_scores', 'site_day', 'site_feeds'].map((t) => `${t}@${site}`);
    expect(diff.filter((k) => !allowed.includes(k) && k !== 'audit_log')).toEqual([]);
    expect(rows(after, 'audit_log') - rows(before, 'audit_log')).toBe(1);
    if (result.inserted + result.updated === 0) expect(diff.filter((k) => k.startsWith(`${table}@`))).toEqual([]);
    const { actual, expected } = await compareRollups(h.db, site!);
    expect(actual).toEqual(expected);
  } else if (route === 'POST /queue-status') {
    expect(site).not.toBeNull();
    const queues = (JSON.parse(r.body!.replace(/^\uFEFF/, '')) as { queues: unknown[] }).queues;
    const result = json as { received: number; updated: number; unchanged: number };
    expect(result.received).toBe(queues.length);
    expect(result.updated + result.unchanged).toBe(result.received);
    expect(rows(after, `queue_status_latest@${site}`) - rows(before, `queue_status_latest@${site}`)).toBeLessThanOrEqual(result.updated);
    const allowed = ['queue_status_latest', 'queue_status_minutes'].map((t) => `${t}@${site}`);
    expect(diff.filter((k) => !allowed.includes(k) && k !== 'audit_log')).toEqual([]);
    expect(rows(after, 'audit_log') - rows(before, 'audit_log')).toBe(1);
    if (result.updated === 0) expect(diff.filter((k) => k.startsWith('queue_status_latest@'))).toEqual([]);
  } else if (route === 'POST /daily-reports') {
    const amended = (json as { amended: boolean }).amended;
    const reports = (state: State) => rows(state, `daily_reports@${siteIds.A}`) + rows(state, `daily_reports@${siteIds.B}`);
    expect(reports(after)).toBe(reports(before) + (amended ? 0 : 1));
    expect(diff.filter((k) => !k.startsWith('daily_reports@') && k !== 'audit_log')).toEqual([]);
  } else if (route === 'POST /missions') {
    expect(rows(after, 'missions') - rows(before, 'missions')).toBe(1);
    expect(diff.filter((k) => !['missions', 'mission_targets', 'audit_log'].includes(k))).toEqual([]);
  } else {
    throw new Error(`${route} answered ${res.status}; this test does not know what it may change`);
  }
}

// ── Arbitraries ───────────────────────────────────────────────────────────────────────────────

/** What an HTTP server hands over as a header value: Latin-1 bytes, no CR, LF or NUL. */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 300 });
const anyText = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 20 }));
const pollutionKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf');
const key = fc.oneof(pollutionKey, anyText, fc.constantFrom('records', 'evaluations', 'externalId', 'date', 'code', 'at', 'queues'));

/** Values a JSON field may carry, many of them numbers at or past the edges. */
const oddValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -0, -1, 86_400, 86_400.000001, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 'NaN', 'Infinity', '-1', '12', '', ' ', '\u0000', '\uD800'),
  fc.double(),
  fc.integer(),
  anyText,
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** JSON text whose objects may carry `__proto__` and `constructor` as their own keys. */
const rawJson: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    oddValue.map((v) => JSON.stringify(v) ?? 'null'),
    fc.array(tie('node'), { maxLength: 4 }).map((xs) => `[${xs.join(',')}]`),
    fc.array(fc.tuple(key, tie('node')), { maxLength: 4 }).map((kv) => `{${kv.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).node;

/** Text that is not JSON, or is JSON only almost. */
const brokenJson = fc.oneof(
  rawJson.map((t) => t.slice(0, Math.max(0, t.length - 1))),
  anyText,
  fc.constantFrom('', '{', '{"records": [', '{"records": [1,]}', "{'records': []}", '\uFEFF{"records": []}', '{"records": NaN}', '{"records": [1e999]}', 'null', '[]', '"records"', '\u0000'),
);

/** Big bodies and deep nesting, bounded so that a run stays quick. */
const bulky = fc.oneof(
  fc.integer({ min: 1, max: 8 }).map((k) => `{"records":[{"externalId":"${'é'.repeat(k * 10_000)}"}]}`),
  fc.integer({ min: 1, max: 5 }).map((k) => `${'['.repeat(k * 2000)}${']'.repeat(k * 2000)}`),
  fc.integer({ min: 1, max: 5 }).map((k) => `{"records":${'['.repeat(k * 2000)}${']'.repeat(k * 2000)}}`),
  fc.constant(`{"records":[${'0,'.repeat(5000)}0]}`),
  fc.constant(`{"evaluations":[${'{},'.repeat(5000)}{}]}`),
);

/** A small pool, so that batches repeat and correct each other's records. */
const externalId = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6') }, { weight: 1, arbitrary: anyText });

/** Instants far from now, among them years JavaScript reads in the wrong century (0–99). */
const wideInstant = fc.oneof(
  fc.constantFrom('0084-10-22T12:05:00Z', '0001-01-01T00:00:00+14:00', '9999-12-31T23:00:00-12:00', '1900-01-01T00:30:00+01:00', '2199-12-31T23:59:59Z'),
  fc
    .tuple(
      fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }),
      fc.constantFrom('Z', '+14:00', '-12:00', '+05:45', '+00:00', '-00:30'),
      fc.constantFrom('', '.5', '.123456', '.999999999'),
    )
    .map(([d, offset, fraction]) => d.toISOString().slice(0, 19) + fraction + offset),
);

const RECORD_FIELDS = ['externalId', 'startedAt', 'direction', 'queue', 'waitSeconds', 'talkSeconds', 'holdSeconds', 'wrapSeconds', 'abandoned', 'resolved', 'csat', 'missionCode', 'outcome'];

const record = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(wellFormedRecord, externalId).map(([r, id]) => ({ ...r, externalId: id, startedAt: r.startedAt.replace(/^\d{4}/, '2026') })) },
  { weight: 2, arbitrary: fc.tuple(wellFormedRecord, externalId, wideInstant).map(([r, id, at]) => ({ ...r, externalId: id, startedAt: at })) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(wellFormedRecord, externalId, fc.constantFrom(...RECORD_FIELDS), oddValue)
      .map(([r, id, field, value]) => ({ ...r, externalId: id, [field]: value })),
  },
  { weight: 1, arbitrary: oddValue },
  { weight: 1, arbitrary: rawJson.map((t) => JSON.parse(t) as unknown) },
);

const SCORE_KEYS = STD_V1.map((c) => c.key);
const scores = fc.oneof(
  fc.record(Object.fromEntries(SCORE_KEYS.map((k) => [k, fc.option(fc.integer({ min: 0, max: 10 }), { nil: null })]))),
  fc.dictionary(fc.oneof(fc.constantFrom(...SCORE_KEYS), pollutionKey, anyText), oddValue, { maxKeys: 4 }),
);
const evaluationItem = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      externalId,
      evaluatedAt: fc.oneof(fc.constantFrom('2026-03-10T11:00:00+01:00', '2026-03-19T23:30:00-05:00'), wideInstant),
      formCode: fc.constantFrom('STD', 'STD@1', 'STD@2', 'NOPE', 'std'),
      agentRef: fc.constantFrom('AG-1', 'AG-2'),
      callExternalId: fc.option(externalId, { nil: undefined }),
      evaluator: fc.constantFrom('Site QA', 'Ops'),
      scores,
      comment: fc.option(anyText, { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: oddValue },
);

const callBatch = fc.array(record, { maxLength: 12 }).map((records) => JSON.stringify({ records }));
const evaluationBatch = fc.array(evaluationItem, { maxLength: 8 }).map((evaluations) => JSON.stringify({ evaluations }));
const report = fc.record({
  date: fc.oneof(fc.constantFrom('2026-03-19', '2026-03-20', '2026-03-21', '2026-02-30', '20260319'), anyText),
  scheduledAgents: oddValue,
  presentAgents: fc.oneof(fc.integer({ min: 0, max: 10 }), oddValue),
  incidents: fc.oneof(fc.constant([]), fc.array(fc.record({ category: anyText, description: anyText, minutesLost: oddValue }), { maxLength: 2 })),
});
const mission = fc.record({
  code: fc.oneof(fc.constantFrom('WINTER', 'SPRING', 'spring', ''), anyText),
  name: anyText,
  startsOn: fc.constantFrom('2026-03-01', '2026-04-01', '2026-13-01'),
  endsOn: fc.constantFrom('2026-03-31', '2026-02-01', '2030-01-01'),
  successOutcomes: fc.oneof(fc.constant(['sale']), fc.array(anyText, { maxLength: 3 })),
  targets: fc.oneof(fc.constant([{ site: 'TUN', target: 5 }]), fc.array(fc.record({ site: anyText, target: oddValue }), { maxLength: 2 })),
});

const QUEUE_FIELDS = ['queue', 'waiting', 'longestWaitSeconds', 'agentsAvailable', 'agentsBusy', 'agentsWrapUp', 'agentsAway'];
const wellFormedQueue = fc.record({
  queue: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('billing', 'sales', 'support') }, { weight: 1, arbitrary: anyText }),
  waiting: fc.integer({ min: 0, max: 100 }),
  longestWaitSeconds: fc.integer({ min: 0, max: 900 }),
  agentsAvailable: fc.integer({ min: 0, max: 30 }),
  agentsBusy: fc.integer({ min: 0, max: 30 }),
  agentsWrapUp: fc.integer({ min: 0, max: 30 }),
  agentsAway: fc.integer({ min: 0, max: 30 }),
});
const queueItem = fc.oneof(
  { weight: 5, arbitrary: wellFormedQueue },
  { weight: 2, arbitrary: fc.tuple(wellFormedQueue, fc.constantFrom(...QUEUE_FIELDS), oddValue).map(([q, field, value]) => ({ ...q, [field]: value })) },
  { weight: 1, arbitrary: oddValue },
);
/** Around NOW: seconds apart (so pushes repeat, correct and arrive late), ahead of it, or long before. */
const statusAt = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -180, max: 60 }).map((s) => new Date(NOW.getTime() + s * 1000).toISOString()) },
  { weight: 1, arbitrary: fc.constantFrom('2026-03-20T11:00:00+01:00', '2026-03-20T10:05:00Z', '2026-03-20T10:05:01Z', '2026-03-12T10:00:00Z', '2026-03-20T10:00:00') },
  { weight: 1, arbitrary: wideInstant },
  { weight: 1, arbitrary: oddValue },
);
const queueStatusPush = fc.record({ at: statusAt, queues: fc.array(queueItem, { maxLength: 6 }) }).map((b) => JSON.stringify(b));

/** Built once the credentials exist. */
function authorizations() {
  const key = secrets.keyA;
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(`Bearer ${key}`) },
    { weight: 1, arbitrary: fc.constant(`Bearer ${secrets.keyB}`) },
    { weight: 2, arbitrary: fc.constantFrom(`Bearer ${secrets.hqToken}`, `Bearer ${secrets.leadToken}`) },
    { weight: 1, arbitrary: fc.constant(null) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        `Bearer ${secrets.revokedKey}`,
        `bearer   ${key}  `,
        key,
        `Basic ${Buffer.from('user:pass').toString('base64')}`,
        'Bearer',
        'Bearer ',
        `Bearer ${key} ${key}`,
        `Bearer ${key.slice(0, -1)}`,
        `Bearer ${key}x`,
        `Bearer ${key.toUpperCase()}`,
        `Bearer vk_${'a'.repeat(400)}`,
        `Bearer ${secrets.hqToken.replace(/^[a-z]+_/, 'vk_')}`,
      ),
    },
    { weight: 2, arbitrary: headerText.map((t) => `Bearer ${t}`) },
    { weight: 1, arbitrary: headerText },
  );
}

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      null,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
      'application/JSON',
      'application/json-patch+json',
      'application/xml',
      '',
    ),
  },
  { weight: 1, arbitrary: headerText },
);

const GET_PATHS = ['/kpis', '/missions', '/missions/WINTER', '/daily-reports', '/qa/forms', '/queue-status'];
const queryParam = fc.oneof(fc.constantFrom('from', 'to', 'site', 'date', 'code', '__proto__', 'constructor', 'site[]', 'site[0]'), anyText);
const queryValue = fc.oneof(fc.constantFrom('2026-03-01', '2026-03-19', 'TUN', 'MRU', 'tun', '', '2026-02-30', '9999-12-31', '0000-01-01'), anyText, headerText);
const query = fc.oneof(
  fc.array(fc.tuple(queryParam, queryValue), { maxLength: 5 }).map((pairs) => (pairs.length ? `?${new URLSearchParams(pairs).toString()}` : '')),
  fc.constantFrom(
    '?',
    '?&&',
    '?from=%E0%A4%A&to=%zz',
    '?site=%00',
    '?from=2026-03-01&to=2026-03-19&site=TUN&site=TUN',
    `?site=${'A'.repeat(5000)}`,
    '?from=2026-03-01&from=2026-03-02&to=2026-03-19',
  ),
  headerText.map((t) => `?${encodeURI(t)}`),
);

function requests(): fc.Arbitrary<FuzzRequest> {
  const auth = authorizations();
  const post = (path: string, body: fc.Arbitrary<string | null>) =>
    fc.record({ method: fc.constant('POST'), path: fc.constant(path), query: fc.constant(''), authorization: auth, contentType, body });
  const anyBody = fc.oneof(rawJson, brokenJson, fc.constant(null));
  return fc.oneof(
    { weight: 5, arbitrary: post('/calls', fc.oneof({ weight: 4, arbitrary: callBatch }, { weight: 2, arbitrary: anyBody }, { weight: 1, arbitrary: bulky })) },
    { weight: 3, arbitrary: post('/evaluations', fc.oneof({ weight: 4, arbitrary: evaluationBatch }, { weight: 1, arbitrary: anyBody }, { weight: 1, arbitrary: bulky })) },
    { weight: 2, arbitrary: post('/queue-status', fc.oneof({ weight: 4, arbitrary: queueStatusPush }, { weight: 1, arbitrary: anyBody })) },
    { weight: 2, arbitrary: post('/daily-reports', fc.oneof(report.map((r) => JSON.stringify(r)), anyBody)) },
    { weight: 1, arbitrary: post('/missions', fc.oneof(mission.map((m) => JSON.stringify(m)), anyBody)) },
    {
      weight: 3,
      arbitrary: fc.record({
        method: fc.constant('GET'),
        path: fc.constantFrom(...GET_PATHS),
        query,
        authorization: auth,
        contentType: fc.constant(null),
        body: fc.constant(null),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        method: fc.constantFrom('PUT', 'PATCH', 'DELETE', 'GET', 'POST', 'HEAD', 'OPTIONS'),
        path: fc.oneof(
          fc.constantFrom('/calls', '/evaluations', '/missions/WINTER', '/qa/forms', '/', '', '/calls/', '//calls', '/CALLS', '/calls/..', '/missions/%2e%2e'),
          anyText.map((t) => `/${encodeURIComponent(t)}`),
        ),
        query,
        authorization: auth,
        contentType,
        body: anyBody,
      }),
    },
  );
}

// ── Properties ────────────────────────────────────────────────────────────────────────────────

describe('REST fuzzing', () => {
  it(
    'answers any request without a 5xx, with a JSON reason for a refusal, and writes only what it reports',
    async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(requests(), async (r) => {
          const before = await snapshot();
          const res = await send(r);
          await check(r, res, before);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }),
        { numRuns: NUM_RUNS.any, ...RUN_OPTIONS },
      );
      // The runs reached both sides: requests refused for several reasons, and requests that wrote.
      expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThanOrEqual(3);
      expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );

  it(
    'keeps the valid records of mixed batches, and the rollups equal a recomputation from the raw records',
    async () => {
      let written = 0;
      const keyName = fc.constantFrom<'keyA' | 'keyB'>('keyA', 'keyB');
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            { weight: 3, arbitrary: fc.record({ path: fc.constant('/calls'), body: callBatch, key: keyName }) },
            { weight: 1, arbitrary: fc.record({ path: fc.constant('/evaluations'), body: evaluationBatch, key: keyName }) },
          ),
          async ({ path, body, key }) => {
            const r: FuzzRequest = { method: 'POST', path, query: '', authorization: `Bearer ${secrets[key]}`, contentType: 'application/json', body };
            const before = await snapshot();
            const res = await send(r);
            expect(res.status, res.text.slice(0, 500)).toBe(200);
            await check(r, res, before);
            written += (JSON.parse(res.text) as IngestAnswer).inserted;
          },
        ),
        { numRuns: NUM_RUNS.batches, ...RUN_OPTIONS },
      );
      expect(written).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );
});
