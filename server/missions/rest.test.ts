// REST /api/v1/missions over real Request/Response objects, real tokens and site keys: DESIGN's
// shapes exactly, and every status of the contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { cliActor } from '@/server/auth/principal';
import { ingestCalls } from '@/server/ingest/calls';
import { createSiteKey, createUserTokenByEmail } from '@/server/keys/service';
import { handleRest, openApiDocument } from '@/server/rest/handler';
import { contextFromRequest } from '@/server/trpc/context';
import { makeSite, makeUser } from '@/test/fixtures';

let h: DbHandle;
let hqToken: string;
let leadToken: string;
let tunKey: string;
const NOW = new Date('2025-03-06T12:00:00Z');

beforeAll(async () => {
  h = await createTestDb();
  const tun = await makeSite(h.db, { code: 'TUN', name: 'Tunis Lac', timezone: 'Africa/Tunis' });
  await makeSite(h.db, { code: 'DKR', name: 'Dakar Plateau', country: 'SN', timezone: 'Africa/Dakar' });
  await makeUser(h.db, 'hq_manager', { email: 'hq@missions.test' });
  await makeUser(h.db, 'site_lead', { email: 'lead@missions.test', siteId: tun.id });
  hqToken = (await createUserTokenByEmail(h.db, cliActor(), { email: 'hq@missions.test', name: 'bi' })).secret;
  leadToken = (await createUserTokenByEmail(h.db, cliActor(), { email: 'lead@missions.test', name: 'script' })).secret;
  tunKey = (await createSiteKey(h.db, cliActor(), { siteCode: 'TUN', name: 'pbx' })).secret;
  const records = ['2025-03-02T10:00:00+01:00', '2025-03-03T10:00:00+01:00', '2025-03-04T10:00:00+01:00'].map((startedAt, i) => ({
    externalId: `c-${i}`,
    startedAt,
    direction: 'outbound',
    queue: 'sales',
    waitSeconds: 0,
    talkSeconds: 100,
    holdSeconds: 0,
    wrapSeconds: 10,
    abandoned: false,
    missionCode: 'FIBRE',
    outcome: 'upsold',
  }));
  await ingestCalls(h.db, { siteId: tun.id, records, actor: cliActor() });
});
afterAll(() => h.close());

async function rest(method: string, path: string, opts: { key?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const req = new Request(`http://vigie.test/api/v1${path}`, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const res = await handleRest(req, (r) => contextFromRequest(r, { handle: h, session: async () => null, now: () => NOW }));
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const FIBRE = {
  code: 'FIBRE',
  name: 'Fibre upsell',
  startsOn: '2025-03-01',
  endsOn: '2025-03-10',
  successOutcomes: ['upsold'],
  targets: [
    { site: 'TUN', target: 6 },
    { site: 'DKR', target: 4 },
  ],
};

describe('POST /api/v1/missions', () => {
  it('creates a mission for HQ and echoes its definition', async () => {
    const res = await rest('POST', '/missions', { key: hqToken, body: FIBRE });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      code: 'FIBRE',
      name: 'Fibre upsell',
      description: null,
      startsOn: '2025-03-01',
      endsOn: '2025-03-10',
      successOutcomes: ['upsold'],
      targets: [
        { site: 'DKR', target: 4 },
        { site: 'TUN', target: 6 },
      ],
    });
  });

  it('answers 400 with the issues, 401, 403 and 409', async () => {
    const bad = await rest('POST', '/missions', { key: hqToken, body: { ...FIBRE, code: 'B', targets: [{ site: 'TUN', target: 0 }] } });
    expect(bad.status).toBe(400);
    expect(bad.json.issues).toBeInstanceOf(Array);
    expect((await rest('POST', '/missions', { body: { ...FIBRE, code: 'N1' } })).status).toBe(401);
    expect((await rest('POST', '/missions', { key: leadToken, body: { ...FIBRE, code: 'N1' } })).status).toBe(403);
    expect((await rest('POST', '/missions', { key: tunKey, body: { ...FIBRE, code: 'N1' } })).status).toBe(403);
    expect((await rest('POST', '/missions', { key: hqToken, body: FIBRE })).status).toBe(409);
  });
});

describe('GET /api/v1/missions/{code}', () => {
  it('answers exactly DESIGN’s shape', async () => {
    const res = await rest('GET', '/missions/FIBRE', { key: hqToken });
    expect(res.status).toBe(200);
    // 12:00 UTC on 6 March: five complete days in Tunis and Dakar, half the window.
    expect(res.json).toEqual({
      code: 'FIBRE',
      name: 'Fibre upsell',
      startsOn: '2025-03-01',
      endsOn: '2025-03-10',
      sites: [
        { code: 'DKR', target: 4, achieved: 0, completion: 0, pace: 0 },
        { code: 'TUN', target: 6, achieved: 3, completion: 0.5, pace: 1 },
      ],
    });
  });

  it('gives a site lead their own row only; 404 for an unknown mission; 401 without a credential', async () => {
    const res = await rest('GET', '/missions/FIBRE', { key: leadToken });
    expect(res.status).toBe(200);
    expect((res.json.sites as { code: string }[]).map((s) => s.code)).toEqual(['TUN']);
    expect((await rest('GET', '/missions/NOPE', { key: hqToken })).status).toBe(404);
    expect((await rest('GET', '/missions/FIBRE')).status).toBe(401);
    expect((await rest('GET', '/missions/FIBRE', { key: tunKey })).status).toBe(403);
  });
});

describe('GET /api/v1/missions', () => {
  it('lists missions with their overall figures and sites', async () => {
    const res = await rest('GET', '/missions', { key: hqToken });
    expect(res.status).toBe(200);
    const [mission] = res.json.missions as Record<string, unknown>[];
    expect(Object.keys(mission!).sort()).toEqual(
      ['achieved', 'code', 'completion', 'description', 'endsOn', 'name', 'pace', 'sites', 'startsOn', 'successOutcomes', 'target'].sort(),
    );
    expect(mission).toMatchObject({ code: 'FIBRE', target: 10, achieved: 3, completion: 0.3, pace: 0.6 });
  });

  it('is documented in the OpenAPI document', () => {
    const paths = Object.keys(openApiDocument('http://vigie.test').paths ?? {});
    expect(paths).toEqual(expect.arrayContaining(['/missions', '/missions/{code}', '/daily-reports']));
  });
});
