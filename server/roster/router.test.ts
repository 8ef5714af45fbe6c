// roster through createCaller on a real database: a lead imports their site's roster (all or
// nothing, audited), previews it with a dry run, re-imports it (people absent kept, an empty name
// keeps a removed one away, a name given brings it back), removes a name while the reference and
// its figures stay; reads the list and summary; and never reaches another site. REST POST /roster
// takes the file as a JSON string.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { readRosterNames } from '@/db/queries/roster';
import { createTestDb } from '@/db/testing';
import { agentDay, auditLog, siteAgents } from '@/db/schema';
import type { Principal, UserPrincipal } from '@/server/auth/principal';
import { handleRest } from '@/server/rest/handler';
import { createUserToken } from '@/server/keys/service';
import { cliActor } from '@/server/auth/principal';
import { contextFromRequest } from '@/server/trpc/request-context';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';
import { makePrincipal, makeSite, siteKeyPrincipal, trpcCode } from '@/test/fixtures';

let h: DbHandle;
let tun: { id: number };
let dkr: { id: number };
let admin: UserPrincipal;
let hq: UserPrincipal;
let leadTun: UserPrincipal;
const NOW = new Date('2026-03-20T09:00:00Z');

const addDaysIso = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const caller = (principal: Principal) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal, now: () => NOW }));

async function rosterCount(siteId: number) {
  const [row] = await h.db.select({ n: count() }).from(siteAgents).where(eq(siteAgents.siteId, siteId));
  return row!.n;
}
async function auditRows(action: string) {
  return h.db.select().from(auditLog).where(eq(auditLog.action, action));
}

const FILE = [
  'reference;nom;équipe;date d’entrée;date de sortie',
  'AG-1;Amina Ben Salah;Facturation;06/01/2025;',
  'AG-2;Karim T.;Facturation;2025-11-03;2026-02-13',
  'AG-3;Leila M.;Ventes;2023-09-01;',
].join('\n');

beforeAll(async () => {
  h = await createTestDb();
  tun = await makeSite(h.db, { code: 'TUN', name: 'Tunis Lac', timezone: 'Africa/Tunis' });
  dkr = await makeSite(h.db, { code: 'DKR', name: 'Dakar Plateau', timezone: 'Africa/Dakar' });
  admin = await makePrincipal(h.db, 'admin');
  hq = await makePrincipal(h.db, 'hq_manager');
  leadTun = await makePrincipal(h.db, 'site_lead', tun.id);
});
afterAll(() => h.close());

describe('import', () => {
  it('previews a clean file with a dry run, writing nothing', async () => {
    const preview = await caller(leadTun).roster.import({ site: 'TUN', csv: FILE, dryRun: true });
    expect(preview).toMatchObject({ site: 'TUN', committed: false, dryRun: true, people: 3, rejected: [], added: 3, changed: 0, notInFile: 0 });
    expect(await rosterCount(tun.id)).toBe(0);
    expect(await auditRows('roster.import')).toHaveLength(0);
  });

  it('writes nothing from a file with a rejected line, and gives each with its line and reason', async () => {
    const bad = `${FILE}\nAG-4;Sami;Ventes;2026-13-01;\n;No reference;Ventes;;\nAG-1;Twice;Ventes;;`;
    const result = await caller(leadTun).roster.import({ site: 'TUN', csv: bad });
    expect(result.committed).toBe(false);
    expect(result.people).toBe(3);
    expect(result.rejected.map((r) => [r.line, r.code])).toEqual([
      [5, 'bad_date'],
      [6, 'missing_reference'],
      [7, 'duplicate_reference'],
    ]);
    expect(result.rejected[0]!.reason).toContain('2026-13-01');
    expect(await rosterCount(tun.id)).toBe(0);
    expect(await auditRows('roster.import')).toHaveLength(0);
  });

  it('imports a clean file, audited with counts and no names', async () => {
    const result = await caller(leadTun).roster.import({ site: 'TUN', csv: FILE });
    expect(result).toMatchObject({ committed: true, dryRun: false, people: 3, added: 3 });
    const names = await readRosterNames(h.db, tun.id);
    expect(names.get('AG-2')).toEqual({ name: 'Karim T.', team: 'Facturation', startDate: '2025-11-03', endDate: '2026-02-13' });
    expect(names.get('AG-1')?.startDate).toBe('2025-01-06');
    const [audit] = await auditRows('roster.import');
    expect(audit).toMatchObject({ actorType: 'user', actorId: leadTun.userId, entity: 'site_agents', entityId: 'TUN', siteId: tun.id });
    expect(JSON.stringify(audit!.details)).not.toContain('Amina');
  });

  it('re-imports: people absent from the file are kept, the file replaces the columns it has and no other', async () => {
    const result = await caller(leadTun).roster.import({ site: 'TUN', csv: 'reference,team,end date\nAG-1,Ventes,2026-03-31\nAG-9,Ventes,\nAG-2,Facturation,\n' });
    expect(result).toMatchObject({ committed: true, added: 1, changed: 2, unchanged: 0, notInFile: 1 });
    const names = await readRosterNames(h.db, tun.id);
    expect(names.size).toBe(4);
    // No name or start column: the stored name and start date stay; the file's team and end date replace the stored ones.
    expect(names.get('AG-1')).toEqual({ name: 'Amina Ben Salah', team: 'Ventes', startDate: '2025-01-06', endDate: '2026-03-31' });
    // An empty end date cell clears the stored one (back on the headcount).
    expect(names.get('AG-2')?.endDate).toBeNull();
    expect(names.get('AG-3')?.name).toBe('Leila M.');
    await caller(leadTun).roster.import({ site: 'TUN', csv: 'reference,end date\nAG-2,2026-02-13\n' });
    expect((await readRosterNames(h.db, tun.id)).get('AG-2')?.endDate).toBe('2026-02-13');
  });

  it("rejects an end date that would fall before the roster's start date, writing nothing", async () => {
    const before = (await auditRows('roster.import')).length;
    const result = await caller(leadTun).roster.import({ site: 'TUN', csv: 'reference,end date\nAG-9,2026-01-01\nAG-3,2020-01-31\n' });
    expect(result).toMatchObject({ committed: false, people: 1 });
    expect(result.rejected).toEqual([expect.objectContaining({ line: 3, code: 'end_before_start', column: 'endDate', value: '2020-01-31' })]);
    const names = await readRosterNames(h.db, tun.id);
    expect(names.get('AG-3')?.endDate).toBeNull();
    expect(names.get('AG-9')?.endDate).toBeNull();
    expect(await auditRows('roster.import')).toHaveLength(before);
  });

  it('refuses a header-only file as nothing to import', async () => {
    const result = await caller(admin).roster.import({ site: 'TUN', csv: 'reference,name\n' });
    expect(result).toMatchObject({ committed: false, people: 0, rejected: [] });
  });
});

describe('removing a name', () => {
  it('keeps the reference, the dates and the figures; an import without the name keeps it away, one naming the person brings it back', async () => {
    await h.db.insert(agentDay).values({ siteId: tun.id, day: '2026-03-10', agentRef: 'AG-3', calls: 12, offered: 12, handled: 11, handleSeconds: 3300 });
    await caller(leadTun).roster.removeName({ site: 'TUN', agentRef: 'AG-3' });
    const [row] = await h.db.select().from(siteAgents).where(and(eq(siteAgents.siteId, tun.id), eq(siteAgents.agentRef, 'AG-3')));
    expect(row).toMatchObject({ name: null, team: 'Ventes', startDate: '2023-09-01', nameRemovedAt: NOW });
    const [figures] = await h.db.select().from(agentDay).where(and(eq(agentDay.siteId, tun.id), eq(agentDay.agentRef, 'AG-3')));
    expect(figures).toMatchObject({ calls: 12, handled: 11, handleSeconds: 3300 });
    const [audit] = await auditRows('roster.remove_name');
    expect(audit).toMatchObject({ entity: 'site_agents', entityId: 'AG-3', siteId: tun.id, details: { agentRef: 'AG-3' } });
    expect(JSON.stringify(audit)).not.toContain('Leila');

    const list = await caller(hq).roster.list({ site: 'TUN' });
    expect(list.people.find((p) => p.agentRef === 'AG-3')).toMatchObject({ name: null, nameRemovedAt: NOW.toISOString(), tenureBand: 'over2y' });

    await caller(leadTun).roster.import({ site: 'TUN', csv: 'reference,name,team,start\nAG-3,,Ventes,2023-09-01\n' });
    expect((await readRosterNames(h.db, tun.id)).get('AG-3')?.name).toBeNull();
    const back = await caller(leadTun).roster.import({ site: 'TUN', csv: 'reference,name,team,start\nAG-3,Leila M.,Ventes,2023-09-01\n', dryRun: true });
    expect(back.namesBack).toBe(1);
    await caller(leadTun).roster.import({ site: 'TUN', csv: 'reference,name,team,start\nAG-3,Leila M.,Ventes,2023-09-01\n' });
    const [again] = await h.db.select().from(siteAgents).where(and(eq(siteAgents.siteId, tun.id), eq(siteAgents.agentRef, 'AG-3')));
    expect(again).toMatchObject({ name: 'Leila M.', nameRemovedAt: null });
  });

  it('is not found for a reference not on the roster, writing no audit row', async () => {
    const before = (await auditRows('roster.remove_name')).length;
    expect(await trpcCode(() => caller(leadTun).roster.removeName({ site: 'TUN', agentRef: 'NOBODY' }))).toBe('NOT_FOUND');
    expect(await auditRows('roster.remove_name')).toHaveLength(before);
  });
});

describe('reads', () => {
  it('lists the roster with tenure on the site’s today, and whether the caller may edit it', async () => {
    const asLead = await caller(leadTun).roster.list({ site: 'TUN' });
    expect(asLead).toMatchObject({ site: { code: 'TUN' }, asOf: '2026-03-20', canEdit: true });
    expect(asLead.people.map((p) => p.agentRef)).toEqual(['AG-1', 'AG-2', 'AG-3', 'AG-9']);
    expect(asLead.people.find((p) => p.agentRef === 'AG-2')).toMatchObject({ onHeadcount: false, tenureBand: null });
    expect((await caller(hq).roster.list({ site: 'TUN' })).canEdit).toBe(false);
  });

  it('summarises tenure and attrition by month', async () => {
    const summary = await caller(leadTun).roster.summary({ site: 'TUN', from: '2026-02-01', to: '2026-03-31' });
    // On 2026-03-20: AG-1 (since January 2025, ends 31 March), AG-3 (since 2023), AG-9 (no start date); AG-2 left in February.
    expect(summary.tenure).toMatchObject({ asOf: '2026-03-20', headcount: 3, unknownStart: 1, bands: { under3m: 0, m3to6: 0, m6to12: 0, y1to2: 1, over2y: 1 } });
    expect(summary.months.map((m) => [m.month, m.leavers])).toEqual([
      ['2026-02', 1],
      ['2026-03', 1],
    ]);
    expect(summary.months[0]!.attrition).toBeCloseTo(1 / summary.months[0]!.meanHeadcount);
  });
});

describe('a roster of the largest size', () => {
  it('imports 10,000 people in one go, and a re-import of them changes nothing', async () => {
    const big = await makeSite(h.db, { code: 'BIG', name: 'Big site', timezone: 'Europe/Paris' });
    const lines = Array.from({ length: 10_000 }, (_, i) => `B-${i};Person ${i};Team ${i % 40};${addDaysIso('2020-01-01', i % 2000)};`);
    const csv = `reference;name;team;start date;end date\n${lines.join('\n')}\n`;
    expect(await caller(admin).roster.import({ site: 'BIG', csv })).toMatchObject({ committed: true, added: 10_000, rejected: [] });
    expect(await rosterCount(big.id)).toBe(10_000);
    expect(await caller(admin).roster.import({ site: 'BIG', csv })).toMatchObject({ committed: true, added: 0, changed: 0, unchanged: 10_000 });
  }, 60_000);
});

describe('access', () => {
  it("keeps a lead to their own site: another site's roster is not found to read and refused to write", async () => {
    await caller(admin).roster.import({ site: 'DKR', csv: 'reference,name\nDK-1,Awa Diallo\n' });
    expect(await trpcCode(() => caller(leadTun).roster.list({ site: 'DKR' }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => caller(leadTun).roster.summary({ site: 'DKR', from: '2026-03-01', to: '2026-03-19' }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => caller(leadTun).roster.import({ site: 'DKR', csv: 'reference\nX\n' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(leadTun).roster.import({ site: 'ZZZ', csv: 'reference\nX\n' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(leadTun).roster.removeName({ site: 'DKR', agentRef: 'DK-1' }))).toBe('FORBIDDEN');
    expect((await readRosterNames(h.db, dkr.id)).get('DK-1')?.name).toBe('Awa Diallo');
  });

  it('leaves HQ managers and site keys reading at most, and an admin naming an unknown site gets not found', async () => {
    expect(await trpcCode(() => caller(hq).roster.import({ site: 'TUN', csv: 'reference\nX\n' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(hq).roster.removeName({ site: 'TUN', agentRef: 'AG-1' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(siteKeyPrincipal(tun.id)).roster.import({ site: 'TUN', csv: 'reference\nX\n' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(siteKeyPrincipal(tun.id)).roster.list({ site: 'TUN' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller({ kind: 'anonymous' }).roster.list({ site: 'TUN' }))).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => caller(admin).roster.import({ site: 'ZZZ', csv: 'reference\nX\n' }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => caller(admin).roster.import({ site: 'TUN', csv: 'x'.repeat(2 * 1024 * 1024 + 1) }))).toBe('BAD_REQUEST');
    expect(await rosterCount(tun.id)).toBe(4);
  });
});

describe('REST POST /api/v1/roster', () => {
  it("imports with a lead's token, the file as a JSON string, and answers the rejections of a bad one", async () => {
    const { secret } = await createUserToken(h.db, cliActor(), { userId: leadTun.userId, name: 'hr sync' });
    const post = (body: unknown) =>
      handleRest(
        new Request('http://vigie.test/api/v1/roster', { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
        (r) => contextFromRequest(r, { handle: h, session: async () => null, now: () => NOW }),
      );
    const ok = await post({ site: 'TUN', csv: 'reference,name\nAG-20,Nour\n' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ site: 'TUN', committed: true, added: 1 });
    const bad = await post({ site: 'TUN', csv: 'reference,name,start\nAG-21,Nour,yesterday\n' });
    expect(bad.status).toBe(200);
    expect(await bad.json()).toMatchObject({ committed: false, rejected: [{ line: 2, code: 'bad_date', column: 'startDate' }] });
    expect((await readRosterNames(h.db, tun.id)).has('AG-21')).toBe(false);
    expect((await post({ site: 'DKR', csv: 'reference\nX\n' })).status).toBe(403);
    expect((await post({ site: 'TUN' })).status).toBe(400);
  });
});
