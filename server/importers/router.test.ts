// importMappings through createCaller on a real database: a lead saves, replaces, reads and removes
// their own site's mappings, never another site's; HQ reads and names the site; an admin writes any
// site's; a site key reads its own; every write leaves its audit row; bad input writes nothing;
// and a saved mapping reads the French PBX sample as the importer does with the file's own mapping.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { auditLog, importMappings } from '@/db/schema';
import { csvImporter } from '@/lib/importers/csv';
import type { CsvMappingInput } from '@/lib/importers/csv-mapping';
import type { Principal, UserPrincipal } from '@/server/auth/principal';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';
import { makePrincipal, makeSite, siteKeyPrincipal, trpcCode } from '@/test/fixtures';
import { findImportMapping } from './mappings';

let h: DbHandle;
let tun: { id: number };
let dkr: { id: number };
let admin: UserPrincipal;
let hq: UserPrincipal;
let leadTun: UserPrincipal;
const NOW = new Date('2026-11-02T09:00:00Z');

const caller = (principal: Principal) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal, now: () => NOW }));

const PBX = JSON.parse(readFileSync(join(process.cwd(), 'samples/csv/pbx-fr.mapping.json'), 'utf8')) as CsvMappingInput;
const named = (name: string): CsvMappingInput => ({ ...PBX, name });

async function auditRows(action: string) {
  return h.db.select().from(auditLog).where(eq(auditLog.action, action));
}
async function storedCount(siteId: number) {
  const [row] = await h.db.select({ n: count() }).from(importMappings).where(eq(importMappings.siteId, siteId));
  return row!.n;
}

beforeAll(async () => {
  h = await createTestDb();
  tun = await makeSite(h.db, { code: 'TUN', name: 'Tunis Lac', timezone: 'Africa/Tunis' });
  dkr = await makeSite(h.db, { code: 'DKR', name: 'Dakar Plateau', timezone: 'Africa/Dakar' });
  admin = await makePrincipal(h.db, 'admin');
  hq = await makePrincipal(h.db, 'hq_manager');
  leadTun = await makePrincipal(h.db, 'site_lead', tun.id);
});
afterAll(() => h.close());

describe('a site lead', () => {
  it('saves a mapping for their own site (site left out), audited, and reads it back', async () => {
    const saved = await caller(leadTun).importMappings.save({ mapping: named('pbx-fr') });
    expect(saved).toMatchObject({ site: 'TUN', name: 'pbx-fr', createdBy: leadTun.name, updatedBy: leadTun.name, createdAt: NOW.toISOString() });
    expect(saved.mapping.fields.startedAt).toEqual({ column: 'Date', timeColumn: 'Heure' });
    const [audit] = await auditRows('import_mapping.create');
    expect(audit).toMatchObject({ actorType: 'user', actorId: leadTun.userId, entity: 'import_mapping', entityId: 'pbx-fr', siteId: tun.id });
    expect((audit!.details as { mapping: { name: string } }).mapping.name).toBe('pbx-fr');
    expect((await caller(leadTun).importMappings.list({})).mappings.map((m) => m.name)).toEqual(['pbx-fr']);
    expect((await caller(leadTun).importMappings.get({ name: 'pbx-fr', site: 'TUN' })).mapping.timeZone).toBe('Europe/Paris');
  });

  it('replaces a mapping of the same name, the audit row holding what it replaced', async () => {
    await caller(leadTun).importMappings.save({ mapping: { ...named('pbx-fr'), timeZone: 'Africa/Tunis' } });
    expect((await caller(leadTun).importMappings.get({ name: 'pbx-fr' })).mapping.timeZone).toBe('Africa/Tunis');
    const [audit] = await auditRows('import_mapping.replace');
    expect((audit!.details as { replaced: { timeZone: string } }).replaced.timeZone).toBe('Europe/Paris');
    expect(await storedCount(tun.id)).toBe(1);
    await caller(leadTun).importMappings.save({ mapping: named('pbx-fr') });
  });

  it("is refused another site's mappings, to read or to write, whether the code exists or not", async () => {
    await caller(admin).importMappings.save({ site: 'DKR', mapping: named('dakar') });
    expect(await trpcCode(() => caller(leadTun).importMappings.list({ site: 'DKR' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(leadTun).importMappings.get({ site: 'DKR', name: 'dakar' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(leadTun).importMappings.get({ site: 'ZZZ', name: 'dakar' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(leadTun).importMappings.save({ site: 'DKR', mapping: named('mine') }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(leadTun).importMappings.remove({ site: 'DKR', name: 'dakar' }))).toBe('FORBIDDEN');
    expect(await storedCount(dkr.id)).toBe(1);
  });

  it('is answered 404 for a name the site has not saved, and for removing it', async () => {
    expect(await trpcCode(() => caller(leadTun).importMappings.get({ name: 'nothing' }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => caller(leadTun).importMappings.remove({ name: 'nothing' }))).toBe('NOT_FOUND');
  });
});

describe('bad input', () => {
  it('is a 400 with the reasons, and nothing is written or audited', async () => {
    const auditBefore = (await h.db.select({ n: count() }).from(auditLog))[0]!.n;
    const before = await storedCount(tun.id);
    const bad = { ...named('broken'), timeZone: 'Mars/Olympus', fields: { ...PBX.fields, talkSeconds: { column: 'Conversation', unit: 'hours' } } };
    const error = await caller(leadTun)
      .importMappings.save({ mapping: bad as unknown as CsvMappingInput })
      .then(
        () => null,
        (e: unknown) => e as { code: string; message: string },
      );
    expect(error?.code).toBe('BAD_REQUEST');
    expect(error?.message).toMatch(/Not a time zone/);
    expect(await trpcCode(() => caller(leadTun).importMappings.save({ mapping: { ...named('a/b') } }))).toBe('BAD_REQUEST');
    expect(await trpcCode(() => caller(admin).importMappings.save({ mapping: named('no-site') }))).toBe('BAD_REQUEST');
    expect(await storedCount(tun.id)).toBe(before);
    expect((await h.db.select({ n: count() }).from(auditLog))[0]!.n).toBe(auditBefore);
  });
});

describe('headquarters', () => {
  it('reads any site it names, and must name one', async () => {
    expect((await caller(hq).importMappings.list({ site: 'DKR' })).mappings.map((m) => m.name)).toEqual(['dakar']);
    expect((await caller(hq).importMappings.get({ site: 'TUN', name: 'pbx-fr' })).site).toBe('TUN');
    expect(await trpcCode(() => caller(hq).importMappings.list({}))).toBe('BAD_REQUEST');
    expect(await trpcCode(() => caller(hq).importMappings.list({ site: 'ZZZ' }))).toBe('NOT_FOUND');
  });

  it('may not write (HQ managers), while an admin writes and removes any site’s, audited', async () => {
    expect(await trpcCode(() => caller(hq).importMappings.save({ site: 'TUN', mapping: named('hq') }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(hq).importMappings.remove({ site: 'TUN', name: 'pbx-fr' }))).toBe('FORBIDDEN');
    await caller(admin).importMappings.save({ site: 'TUN', mapping: named('by-admin') });
    expect(await caller(admin).importMappings.remove({ site: 'TUN', name: 'by-admin' })).toEqual({ removed: 'by-admin' });
    const [removed] = await auditRows('import_mapping.remove');
    expect(removed).toMatchObject({ actorId: admin.userId, entityId: 'by-admin', siteId: tun.id });
    expect(await h.db.select().from(importMappings).where(and(eq(importMappings.siteId, tun.id), eq(importMappings.name, 'by-admin')))).toEqual([]);
  });
});

describe('a site key', () => {
  it('reads its own site’s mappings and no other, and writes none', async () => {
    const key = caller(siteKeyPrincipal(tun.id));
    expect((await key.importMappings.list({})).mappings.map((m) => m.name)).toEqual(['pbx-fr']);
    expect((await key.importMappings.get({ name: 'pbx-fr' })).site).toBe('TUN');
    expect(await trpcCode(() => key.importMappings.get({ site: 'DKR', name: 'dakar' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => key.importMappings.save({ mapping: named('key') }))).toBe('FORBIDDEN');
  });

  it('nobody reads without a credential', async () => {
    expect(await trpcCode(() => caller({ kind: 'anonymous' }).importMappings.list({ site: 'TUN' }))).toBe('UNAUTHORIZED');
  });
});

describe('findImportMapping', () => {
  it('gives the saved mapping, which reads the sample as the file’s own mapping does', async () => {
    const mapping = await findImportMapping(h.db, tun.id, 'pbx-fr');
    expect(mapping).not.toBeNull();
    expect(await findImportMapping(h.db, tun.id, 'dakar')).toBeNull();
    const text = readFileSync(join(process.cwd(), 'samples/csv/pbx-fr.csv'), 'utf8');
    const viaStore = csvImporter.parse([{ name: 'pbx-fr.csv', text }], { mapping });
    const viaFile = csvImporter.parse([{ name: 'pbx-fr.csv', text }], { mapping: PBX });
    expect(viaStore).toEqual(viaFile);
    expect(viaStore.records).toHaveLength(17);
  });
});
