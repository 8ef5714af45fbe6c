// POST /api/v1/alert-rules and GET /api/v1/alerts through the real REST handler, with real
// personal tokens on a real database: the rule answered with its id and without its secret, each
// bad body a 400 with the path of each fault and nothing written, a lead refused, and the history
// filtered by state and time within the caller's scope.
import { count, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { alertRules, alerts, auditLog, users } from '@/db/schema';
import { cliActor } from '@/server/auth/principal';
import { createUserTokenByEmail } from '@/server/keys/service';
import { handleRest } from '@/server/rest/handler';
import { contextFromRequest } from '@/server/trpc/request-context';
import { makeSite, makeUser } from '@/test/fixtures';

let h: DbHandle;
let tun: { id: number };
let dkr: { id: number };
let hqToken: string;
let leadToken: string;
const now = new Date('2026-11-02T10:00:00Z');
const SECRET = 'shared-secret-for-the-receiver';

beforeAll(async () => {
  h = await createTestDb();
  tun = await makeSite(h.db, { code: 'TUN', name: 'Tunis Lac', timezone: 'Africa/Tunis' });
  dkr = await makeSite(h.db, { code: 'DKR', name: 'Dakar Plateau', country: 'SN', timezone: 'Africa/Dakar' });
  await makeUser(h.db, 'hq_manager', { email: 'hq@alerts.test' });
  await makeUser(h.db, 'site_lead', { email: 'lead.tun@alerts.test', siteId: tun.id });
  hqToken = (await createUserTokenByEmail(h.db, cliActor(), { email: 'hq@alerts.test', name: 'scripts' })).secret;
  leadToken = (await createUserTokenByEmail(h.db, cliActor(), { email: 'lead.tun@alerts.test', name: 'sheet' })).secret;
});
afterAll(() => h.close());

async function rest(method: string, path: string, opts: { key?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const req = new Request(`http://vigie.test/api/v1${path}`, { method, headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) });
  const res = await handleRest(req, (r) => contextFromRequest(r, { handle: h, session: async () => null, now: () => now }));
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function written() {
  const [rules] = await h.db.select({ n: count() }).from(alertRules);
  const [audits] = await h.db.select({ n: count() }).from(auditLog);
  return { rules: rules!.n, audits: audits!.n };
}

const body = (extra: Record<string, unknown> = {}) => ({
  name: 'Abandon rate high',
  metric: 'abandonRate',
  scope: { sites: ['TUN'], queues: ['billing'] },
  window: { trailingMinutes: 30 },
  comparison: 'above',
  threshold: 0.08,
  minVolume: 20,
  holdMinutes: 10,
  renotifyMinutes: 60,
  severity: 'warning',
  channels: [
    { kind: 'email', to: ['ops@alerts.test'] },
    { kind: 'webhook', url: 'https://hooks.alerts.test/vigie', secret: SECRET, format: 'teams' },
  ],
  ...extra,
});

describe('POST /api/v1/alert-rules', () => {
  it('creates the rule as the token’s owner and answers it with its id, the secret replaced by secretSet', async () => {
    const res = await rest('POST', '/alert-rules', { key: hqToken, body: body() });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      id: expect.any(Number),
      name: 'Abandon rate high',
      metric: 'abandonRate',
      scope: { sites: ['TUN'], queues: ['billing'], network: false },
      window: { trailingMinutes: 30 },
      comparison: 'above',
      threshold: 0.08,
      minVolume: 20,
      holdMinutes: 10,
      renotifyMinutes: 60,
      severity: 'warning',
      channels: [
        { kind: 'email', to: ['ops@alerts.test'] },
        { kind: 'webhook', url: 'https://hooks.alerts.test/vigie', format: 'teams', secretSet: true },
      ],
      quietWhenClosed: true,
      enabled: true,
      builtIn: null,
    });
    const [owner] = await h.db.select().from(users).where(eq(users.email, 'hq@alerts.test'));
    const [row] = await h.db.select().from(alertRules).where(eq(alertRules.id, res.json.id as number));
    expect(row).toMatchObject({ createdBy: owner!.id, siteIds: [tun.id], queues: ['billing'] });
    const [entry] = await h.db.select().from(auditLog).where(eq(auditLog.action, 'alert_rule.create'));
    expect(entry).toMatchObject({ actorType: 'user_token', actorId: owner!.id, entityId: String(res.json.id) });
    expect(JSON.stringify(entry!.details)).not.toContain(SECRET);
  });

  it('answers 400 with the path and reason of each fault, and writes nothing', async () => {
    const before = await written();
    const { window: _window, ...withoutWindow } = body();
    const cases: [unknown, string[]][] = [
      [body({ metric: 'handleTime' }), ['metric']],
      [withoutWindow, ['window']],
      [body({ metric: 'callsWaiting', window: undefined, scope: {}, comparison: 'above', threshold: 'target-red' }), ['threshold']],
      [body({ threshold: 8 }), ['threshold']],
      [body({ scope: { sites: ['TUN', 'XYZ'] } }), ['scope.sites.1']],
      [body({ scope: { sites: ['tun'] } }), ['scope.sites.0']],
      [body({ comparison: 'below', threshold: 'target-amber' }), ['comparison']],
      [body({ channels: [{ kind: 'webhook', url: 'ftp://x.test', secret: 'short', format: 'xml' }] }), ['channels.0.url', 'channels.0.secret', 'channels.0.format']],
      [body({ holdMinutes: -1, minVolume: 1.5 }), ['holdMinutes', 'minVolume']],
      [body({ colour: 'red' }), ['']],
      [{}, ['name', 'metric', 'comparison', 'threshold', 'severity']],
    ];
    for (const [input, paths] of cases) {
      const res = await rest('POST', '/alert-rules', { key: hqToken, body: input });
      expect(res.status, JSON.stringify(input)).toBe(400);
      const issues = res.json.issues as { path: (string | number)[]; message: string }[];
      expect(issues.map((i) => i.path.join('.')).sort(), JSON.stringify(input)).toEqual([...paths].sort());
      expect(issues.every((i) => i.message.length > 0)).toBe(true);
    }
    const unknownSite = await rest('POST', '/alert-rules', { key: hqToken, body: body({ scope: { sites: ['XYZ'] } }) });
    expect(unknownSite.json.issues).toEqual([expect.objectContaining({ path: ['scope', 'sites', 0], message: 'No active site has the code XYZ.' })]);
    expect((await rest('POST', '/alert-rules', { key: hqToken, body: 'not a rule' })).status).toBe(400);
    expect(await written()).toEqual(before);
  });

  it('answers any body with 200 (one rule and one audit row written) or 400 (nothing written), never a 5xx', async () => {
    const fields = Object.keys(body());
    const valueFor = fc.oneof(fc.jsonValue(), fc.constantFrom(-1, 0, 1.5, 1e308, '', 'target-red', 'TUN', [], {}, null));
    const scopeFor = fc.record({ sites: fc.array(fc.oneof(fc.constantFrom('TUN', 'DKR', 'XYZ', 'tun'), fc.string()), { maxLength: 3 }), queues: fc.array(fc.string(), { maxLength: 2 }) }, { requiredKeys: [] });
    const mutated = fc.tuple(fc.dictionary(fc.constantFrom(...fields, 'extra', '__proto__'), valueFor, { maxKeys: 3 }), fc.option(scopeFor), fc.subarray(fields)).map(([changes, scope, dropped]) => {
      const next: Record<string, unknown> = { ...body(), ...changes };
      if (scope) next.scope = scope;
      for (const field of dropped.slice(0, 2)) delete next[field];
      return next;
    });
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: fc.jsonValue() }), async (input) => {
        const before = await written();
        const res = await rest('POST', '/alert-rules', { key: hqToken, body: input });
        expect([200, 400], JSON.stringify(res.json).slice(0, 300)).toContain(res.status);
        const after = await written();
        expect(after).toEqual(res.status === 200 ? { rules: before.rules + 1, audits: before.audits + 1 } : before);
        if (res.status === 400) expect(res.json.issues ?? res.json.message).toBeTruthy();
        seen.add(res.status);
      }),
      { numRuns: 150 },
    );
    // The runs reached both sides.
    expect([...seen].sort()).toEqual([200, 400]);
  }, 120_000);

  it('answers 403 to a site lead’s token and 401 without one, writing nothing', async () => {
    const before = await written();
    expect((await rest('POST', '/alert-rules', { key: leadToken, body: body() })).status).toBe(403);
    expect((await rest('POST', '/alert-rules', { body: body() })).status).toBe(401);
    expect(await written()).toEqual(before);
  });
});

describe('GET /api/v1/alerts', () => {
  let ids: Record<'tunResolved' | 'tunFiring' | 'dkrFiring' | 'network', number>;

  beforeAll(async () => {
    const insert = async (values: Partial<typeof alerts.$inferInsert> & { firedAt: Date }) => {
      const [row] = await h.db
        .insert(alerts)
        .values({
          ruleName: 'Abandon rate high',
          scopeKey: `${values.siteId ?? 'network'}-${values.firedAt.toISOString()}`,
          metric: 'abandonRate',
          severity: 'warning',
          threshold: 0.08,
          comparison: 'above',
          value: 0.12,
          window: { trailingMinutes: 30 },
          figures: { numerator: 6, denominator: 50, volume: 50, formula: 'inbound abandoned (not short) ÷ offered' },
          ...values,
        })
        .returning({ id: alerts.id });
      return row!.id;
    };
    ids = {
      tunResolved: await insert({ siteId: tun.id, firedAt: new Date('2026-10-31T08:00:00Z'), status: 'resolved', resolvedAt: new Date('2026-10-31T08:40:00Z'), resolvedValue: 0.05 }),
      tunFiring: await insert({ siteId: tun.id, queue: 'billing', firedAt: new Date('2026-11-02T09:10:00Z') }),
      dkrFiring: await insert({ siteId: dkr.id, firedAt: new Date('2026-11-01T15:00:00Z') }),
      network: await insert({ siteId: null, firedAt: new Date('2026-11-02T06:00:00Z'), status: 'resolved', resolvedAt: new Date('2026-11-02T07:00:00Z') }),
    };
  });

  const idsOf = async (query: string, key = hqToken) => {
    const res = await rest('GET', `/alerts${query}`, { key });
    expect(res.status, query).toBe(200);
    return (res.json.alerts as { id: number }[]).map((a) => a.id);
  };

  it('answers every alert to headquarters, newest first, filtered by state and by when it fired', async () => {
    expect(await idsOf('')).toEqual([ids.tunFiring, ids.network, ids.dkrFiring, ids.tunResolved]);
    expect(await idsOf('?state=all')).toEqual([ids.tunFiring, ids.network, ids.dkrFiring, ids.tunResolved]);
    expect(await idsOf('?state=firing')).toEqual([ids.tunFiring, ids.dkrFiring]);
    expect(await idsOf('?state=resolved')).toEqual([ids.network, ids.tunResolved]);
    expect(await idsOf('?from=2026-11-01&to=2026-11-01')).toEqual([ids.dkrFiring]);
    expect(await idsOf('?state=resolved&from=2026-11-02T00:00:00Z')).toEqual([ids.network]);
    expect(await idsOf('?to=2026-11-01T15:00:00Z')).toEqual([ids.tunResolved]);
    expect(await idsOf('?site=DKR')).toEqual([ids.dkrFiring]);
    expect(await idsOf('?limit=2')).toEqual([ids.tunFiring, ids.network]);

    const res = await rest('GET', '/alerts?state=resolved&site=TUN', { key: hqToken });
    expect(res.json).toEqual({
      alerts: [
        {
          id: ids.tunResolved,
          rule: { id: null, name: 'Abandon rate high' },
          site: 'TUN',
          siteName: 'Tunis Lac',
          queue: null,
          metric: 'abandonRate',
          severity: 'warning',
          state: 'resolved',
          firedAt: '2026-10-31T08:00:00.000Z',
          resolvedAt: '2026-10-31T08:40:00.000Z',
          value: 0.12,
          resolvedValue: 0.05,
          threshold: 0.08,
          comparison: 'above',
          window: { trailingMinutes: 30 },
          figures: { numerator: 6, denominator: 50, volume: 50, formula: 'inbound abandoned (not short) ÷ offered' },
        },
      ],
    });
  });

  it("answers a site lead their own site's alerts only, never the network's, and 403 for another site", async () => {
    expect(await idsOf('', leadToken)).toEqual([ids.tunFiring, ids.tunResolved]);
    expect(await idsOf('?state=firing', leadToken)).toEqual([ids.tunFiring]);
    expect((await rest('GET', '/alerts?site=DKR', { key: leadToken })).status).toBe(403);
  });

  it('answers 400 to a bad filter', async () => {
    for (const query of ['?state=open', '?from=yesterday', '?from=2026-11-02T09:00:00', '?from=2026-11-03&to=2026-11-02', '?limit=0', '?limit=501', '?site=XYZ', '?colour=red']) {
      expect((await rest('GET', `/alerts${query}`, { key: hqToken })).status, query).toBe(400);
    }
    expect((await rest('GET', '/alerts')).status).toBe(401);
  });
});
