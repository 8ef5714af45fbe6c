// GET /api/v1/import-mappings and /import-mappings/{name} through the real REST handler, with real
// site keys and tokens: what `vigie push --format csv --mapping NAME` fetches with its site's key,
// a lead's token on their own site, HQ naming the site, 400 and 404 with their reasons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { csvMappingSchema, type CsvMappingInput } from '@/lib/importers/csv-mapping';
import { cliActor, type UserPrincipal } from '@/server/auth/principal';
import { createSiteKey, createUserTokenByEmail } from '@/server/keys/service';
import { handleRest } from '@/server/rest/handler';
import { contextFromRequest } from '@/server/trpc/request-context';
import { makePrincipal, makeSite, makeUser } from '@/test/fixtures';
import { saveImportMapping } from './mappings';

let h: DbHandle;
let tunKey: string;
let dkrKey: string;
let hqToken: string;
let leadToken: string;
const NOW = new Date('2026-11-02T09:00:00Z');

const MAPPING: CsvMappingInput = {
  name: 'pbx export',
  delimiter: ';',
  dateFormat: 'epoch-s',
  fields: {
    externalId: { column: 'id' },
    startedAt: { column: 'at' },
    direction: { constant: 'inbound' },
    queue: { column: 'queue' },
    waitSeconds: { column: 'wait', unit: 's' },
    talkSeconds: { column: 'talk', unit: 'hh:mm:ss' },
    abandoned: { column: 'gave up', true: ['1'], false: ['0'] },
  },
};

beforeAll(async () => {
  h = await createTestDb();
  const tun = await makeSite(h.db, { code: 'TUN', name: 'Tunis Lac', timezone: 'Africa/Tunis' });
  await makeSite(h.db, { code: 'DKR', name: 'Dakar Plateau', timezone: 'Africa/Dakar' });
  tunKey = (await createSiteKey(h.db, cliActor(), { siteCode: 'TUN', name: 'pbx' })).secret;
  dkrKey = (await createSiteKey(h.db, cliActor(), { siteCode: 'DKR', name: 'pbx' })).secret;
  await makeUser(h.db, 'hq_manager', { email: 'hq@mappings.test' });
  await makeUser(h.db, 'site_lead', { email: 'lead.tun@mappings.test', siteId: tun.id });
  hqToken = (await createUserTokenByEmail(h.db, cliActor(), { email: 'hq@mappings.test', name: 'bi' })).secret;
  leadToken = (await createUserTokenByEmail(h.db, cliActor(), { email: 'lead.tun@mappings.test', name: 'sheet' })).secret;
  const admin: UserPrincipal = await makePrincipal(h.db, 'admin');
  await saveImportMapping(h.db, admin, cliActor(), { site: 'TUN', mapping: MAPPING }, NOW);
  await saveImportMapping(h.db, admin, cliActor(), { site: 'DKR', mapping: { ...MAPPING, name: 'dakar', delimiter: ',' } }, NOW);
});
afterAll(() => h.close());

async function get(path: string, key?: string) {
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  const res = await handleRest(new Request(`http://vigie.test/api/v1${path}`, { headers }), (r) =>
    contextFromRequest(r, { handle: h, session: async () => null, now: () => NOW }),
  );
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('GET /api/v1/import-mappings/{name}', () => {
  it("answers the key's own site's mapping by its name (spaces encoded), a mapping the importer takes as it is", async () => {
    const res = await get('/import-mappings/pbx%20export', tunKey);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ site: 'TUN', name: 'pbx export', createdBy: null, updatedBy: null });
    expect(csvMappingSchema.parse(res.json.mapping)).toEqual(csvMappingSchema.parse(MAPPING));
  });

  it('is 404 for a name the site has not saved, with the reason', async () => {
    const res = await get('/import-mappings/dakar', tunKey);
    expect(res.status).toBe(404);
    expect(res.json.message).toBe("The site TUN has no mapping named 'dakar'");
  });

  it("refuses another site's code to a key (403), and answers HQ's token for the site it names", async () => {
    expect((await get('/import-mappings/dakar?site=DKR', tunKey)).status).toBe(403);
    expect((await get('/import-mappings/dakar', dkrKey)).status).toBe(200);
    expect((await get('/import-mappings/dakar?site=DKR', hqToken)).json).toMatchObject({ site: 'DKR', name: 'dakar' });
  });

  it('is 400 for a name that cannot be one, and 401 without a credential', async () => {
    const bad = await get('/import-mappings/a%2Fb', tunKey);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('A mapping name is 1 to 64 letters');
    expect((await get('/import-mappings/pbx%20export')).status).toBe(401);
  });
});

describe('GET /api/v1/import-mappings', () => {
  it("lists the key's site's mappings, and a lead token's own site's", async () => {
    const byKey = await get('/import-mappings', tunKey);
    expect(byKey.status).toBe(200);
    expect((byKey.json.mappings as { name: string }[]).map((m) => m.name)).toEqual(['pbx export']);
    const byLead = await get('/import-mappings?site=TUN', leadToken);
    expect((byLead.json.mappings as { site: string }[]).map((m) => m.site)).toEqual(['TUN']);
    expect((await get('/import-mappings?site=DKR', leadToken)).status).toBe(403);
  });

  it('asks headquarters to name the site (400), and answers 404 for a code no site has', async () => {
    const unnamed = await get('/import-mappings', hqToken);
    expect(unnamed.status).toBe(400);
    expect(JSON.stringify(unnamed.json)).toContain('Name the site whose mappings these are.');
    expect((await get('/import-mappings?site=ZZZ', hqToken)).status).toBe(404);
    expect((await get('/import-mappings?site=not-a-code', hqToken)).status).toBe(400);
  });
});
