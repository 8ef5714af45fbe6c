// The upload procedures through createCaller on a real database: a site lead's queue_log is
// recognised, previewed without a write (the counts its sample's README states), committed once,
// and committed again without a change; Vigie's own CSV as before; an unknown file, a CSV export
// without its saved mapping and a telephony export sent as evaluations refused with a reason; the
// time zone of a CDR export is the site's unless told; a file of rejected lines writes nothing;
// HQ may not upload, and a lead's upload lands on the lead's own site only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { auditLog, callRecords } from '@/db/schema';
import type { CsvMappingInput } from '@/lib/importers/csv-mapping';
import type { Principal, UserPrincipal } from '@/server/auth/principal';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';
import { failureOf, makePrincipal, makeSite, siteKeyPrincipal, trpcCode } from '@/test/fixtures';
import { TRPCError } from '@trpc/server';
import { compareRollups } from './testing';

const sample = (path: string) => ({ name: path.split('/').pop()!, text: readFileSync(join(process.cwd(), 'samples', path), 'utf8') });
const QUEUE_LOG = sample('asterisk-queue-log/queue_log');
const VIGIE_CSV = sample('calls.csv');
const PBX_CSV = sample('csv/pbx-fr.csv');
const PBX_MAPPING = JSON.parse(sample('csv/pbx-fr.mapping.json').text) as CsvMappingInput;

let h: DbHandle;
let tun: { id: number };
let dkr: { id: number };
let par: { id: number };
let leadTun: UserPrincipal;
let leadDkr: UserPrincipal;
let leadPar: UserPrincipal;

const upload = (principal: Principal) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal })).ingest;

async function callCount(siteId: number): Promise<number> {
  const [row] = await h.db.select({ n: count() }).from(callRecords).where(eq(callRecords.siteId, siteId));
  return row!.n;
}
async function ingestAudits(siteId: number): Promise<number> {
  const [row] = await h.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'calls.ingest'), eq(auditLog.siteId, siteId)));
  return row!.n;
}
async function badRequest(run: () => Promise<unknown>): Promise<string> {
  const error = await failureOf(run, TRPCError);
  expect(error.code).toBe('BAD_REQUEST');
  return error.message;
}

beforeAll(async () => {
  h = await createTestDb();
  tun = await makeSite(h.db, { code: 'TUN', name: 'Tunis', timezone: 'Africa/Tunis' });
  dkr = await makeSite(h.db, { code: 'DKR', name: 'Dakar', country: 'SN', timezone: 'Africa/Dakar' });
  par = await makeSite(h.db, { code: 'PAR', name: 'Paris', country: 'FR', timezone: 'Europe/Paris' });
  leadTun = await makePrincipal(h.db, 'site_lead', tun.id);
  leadDkr = await makePrincipal(h.db, 'site_lead', dkr.id);
  leadPar = await makePrincipal(h.db, 'site_lead', par.id);
});
afterAll(() => h.close());

describe('an Asterisk queue_log', () => {
  it('is recognised from the start of the file', async () => {
    const answer = await upload(leadTun).recogniseUpload({ files: [{ name: QUEUE_LOG.name, head: QUEUE_LOG.text.slice(0, 65536) }] });
    expect(answer).toMatchObject({ format: 'asterisk-queue-log', kind: null });
  });

  it('is previewed with the README counts, its rejected lines with their reasons, and nothing written', async () => {
    const preview = await upload(leadTun).previewUpload({ kind: 'calls', files: [QUEUE_LOG] });
    expect(preview).toMatchObject({ kind: 'calls', format: 'asterisk-queue-log', total: 41, valid: 37, held: 2, rejectedCount: 2, timeZone: null });
    expect(preview.rejected.map((r) => [r.source, r.line])).toEqual([
      ['queue_log', 1],
      ['queue_log', 71],
    ]);
    expect(preview.rejected[0]!.reason).toMatch(/COMPLETEAGENT for a call that never entered queue support-fr/);
    expect(preview.rejected[1]!.reason).toMatch(/not a Unix epoch: '17948O8145'/);
    expect(preview.rejected[1]!.excerpt).toContain('17948O8145');
    // The importer's own notes, passed through as it wrote them.
    expect(preview.notes).toHaveLength(4);
    expect(preview.notes[3]).toMatch(/^2 calls still in a queue or with an agent/);
    expect(preview.preview).toHaveLength(20);
    expect(preview.preview.every((r) => String(r.externalId).startsWith('ql:'))).toBe(true);
    expect(await callCount(tun.id)).toBe(0);
    expect(await ingestAudits(tun.id)).toBe(0);
  });

  it('is committed once: the records stored with their rollups, and a second commit changes nothing', async () => {
    const first = await upload(leadTun).commitUpload({ kind: 'calls', files: [QUEUE_LOG] });
    expect(first).toMatchObject({ format: 'asterisk-queue-log', total: 41, valid: 37, held: 2, inserted: 37, updated: 0, unchanged: 0, rejectedCount: 2 });
    expect(await callCount(tun.id)).toBe(37);
    const [call] = await h.db
      .select()
      .from(callRecords)
      .where(and(eq(callRecords.siteId, tun.id), eq(callRecords.externalId, 'ql:1794812528.49:support-fr:1794812537')));
    expect(call).toMatchObject({ queue: 'support-fr', agentRef: 'PJSIP/2003', waitSeconds: 4, talkSeconds: 283, abandoned: false });
    const { actual, expected } = await compareRollups(h.db, tun.id);
    expect(actual).toEqual(expected);

    const again = await upload(leadTun).commitUpload({ kind: 'calls', files: [QUEUE_LOG], format: 'asterisk-queue-log' });
    expect(again).toMatchObject({ valid: 37, inserted: 0, updated: 0, unchanged: 37 });
    expect(await callCount(tun.id)).toBe(37);
  });

  it('lands on the lead’s own site: the procedures take no site', async () => {
    const before = await callCount(tun.id);
    await upload(leadDkr).commitUpload({ kind: 'calls', files: [QUEUE_LOG] });
    expect(await callCount(dkr.id)).toBe(37);
    expect(await callCount(tun.id)).toBe(before);
  });

  it('of rejected lines only is committed without a write, and the answer says nothing was stored', async () => {
    const orphan = { name: 'queue_log', text: QUEUE_LOG.text.split('\n')[0]! + '\n' };
    const audits = await ingestAudits(par.id);
    const answer = await upload(leadPar).commitUpload({ kind: 'calls', files: [orphan], format: 'asterisk-queue-log' });
    expect(answer).toMatchObject({ total: 1, valid: 0, inserted: 0, updated: 0, unchanged: 0, rejectedCount: 1 });
    expect(await callCount(par.id)).toBe(0);
    expect(await ingestAudits(par.id)).toBe(audits);
  });

  it('is refused as evaluations: a telephony export holds calls', async () => {
    expect(await badRequest(() => upload(leadTun).previewUpload({ kind: 'evaluations', files: [QUEUE_LOG] }))).toMatch(/hold calls/);
  });
});

describe("Vigie's own CSV", () => {
  it('is previewed and committed as before: the bad row rejected with its field, the others stored', async () => {
    const lead = await makePrincipal(h.db, 'site_lead', (await makeSite(h.db, { code: 'CSV' })).id);
    const preview = await upload(lead).previewUpload({ kind: 'calls', files: [VIGIE_CSV] });
    expect(preview).toMatchObject({ format: 'vigie', total: 8, valid: 7, held: 0, rejectedCount: 1, notes: [] });
    expect(preview.rejected[0]).toMatchObject({ source: 'calls.csv', line: 0, record: 8, externalId: 'TUN-20261125-0008' });
    expect(preview.rejected[0]!.reason).toMatch(/^startedAt: /);
    const commit = await upload(lead).commitUpload({ kind: 'calls', files: [VIGIE_CSV] });
    expect(commit).toMatchObject({ valid: 7, inserted: 7, updated: 0, unchanged: 0, rejectedCount: 1 });
  });

  it('is recognised as evaluations by its header', async () => {
    const head = 'externalId,evaluatedAt,formCode,agentRef,evaluator,score.greeting\n';
    expect(await upload(leadTun).recogniseUpload({ files: [{ name: 'qa.csv', head }] })).toMatchObject({ format: 'vigie', kind: 'evaluations' });
  });
});

describe('refusals', () => {
  it('an unknown file: choose its format', async () => {
    const notes = { name: 'notes.txt', text: 'Hello\nThese are my notes\n' };
    expect(await upload(leadTun).recogniseUpload({ files: [{ name: notes.name, head: notes.text }] })).toMatchObject({ format: null });
    expect(await badRequest(() => upload(leadTun).previewUpload({ kind: 'calls', files: [notes] }))).toBe('Vigie does not recognise this file: choose its format.');
  });

  it('files of two formats together', async () => {
    const message = await badRequest(() => upload(leadTun).previewUpload({ kind: 'calls', files: [QUEUE_LOG, VIGIE_CSV] }));
    expect(message).toMatch(/different formats: queue_log \(Asterisk queue_log\), calls.csv \(Vigie CSV\/JSON\)/);
  });

  it('a CSV export without its saved mapping, or with a name no mapping has', async () => {
    expect(await badRequest(() => upload(leadTun).previewUpload({ kind: 'calls', files: [PBX_CSV] }))).toMatch(/needs a saved column mapping/);
    expect(await badRequest(() => upload(leadTun).previewUpload({ kind: 'calls', files: [PBX_CSV], options: { mapping: 'pbx-fr' } }))).toBe(
      'No column mapping named "pbx-fr" is saved for this site.',
    );
  });

  it('HQ, an admin, a site key (it pushes through the REST API) and nobody may not upload', async () => {
    for (const role of ['hq_manager', 'admin'] as const) {
      const principal = await makePrincipal(h.db, role);
      expect(await trpcCode(() => upload(principal).previewUpload({ kind: 'calls', files: [QUEUE_LOG] }))).toBe('FORBIDDEN');
      expect(await trpcCode(() => upload(principal).commitUpload({ kind: 'calls', files: [QUEUE_LOG] }))).toBe('FORBIDDEN');
      expect(await trpcCode(() => upload(principal).recogniseUpload({ files: [{ name: 'queue_log', head: 'x' }] }))).toBe('FORBIDDEN');
    }
    expect(await trpcCode(() => upload({ kind: 'anonymous' }).previewUpload({ kind: 'calls', files: [QUEUE_LOG] }))).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => upload(siteKeyPrincipal(par.id)).commitUpload({ kind: 'calls', files: [QUEUE_LOG] }))).toBe('FORBIDDEN');
    expect(await callCount(par.id)).toBe(0);
  });

  it('more than four files, or an empty one, before anything is read', async () => {
    expect(await trpcCode(() => upload(leadTun).previewUpload({ kind: 'calls', files: Array(5).fill(QUEUE_LOG) }))).toBe('BAD_REQUEST');
    expect(await trpcCode(() => upload(leadTun).previewUpload({ kind: 'calls', files: [{ name: 'queue_log', text: '' }] }))).toBe('BAD_REQUEST');
  });
});

describe('a CSV export with a saved mapping', () => {
  it('is read with the mapping saved for the lead’s site', async () => {
    await createCaller(createInnerContext({ db: h.db, driver: h.driver, principal: leadTun })).importMappings.save({ mapping: PBX_MAPPING });
    const preview = await upload(leadTun).previewUpload({ kind: 'calls', files: [PBX_CSV], options: { mapping: 'pbx-fr' } });
    expect(preview).toMatchObject({ format: 'csv', total: 24, valid: 17, held: 0, rejectedCount: 7 });
    expect(preview.rejected.map((r) => r.line)).toEqual([18, 19, 20, 21, 22, 23, 24]);
    // Another site's lead has no mapping of that name.
    expect(await badRequest(() => upload(leadDkr).previewUpload({ kind: 'calls', files: [PBX_CSV], options: { mapping: 'pbx-fr' } }))).toMatch(/No column mapping named "pbx-fr"/);
  });
});

describe('an Asterisk CDR export (local times without an offset)', () => {
  const CDR = sample('asterisk-cdr/Master.csv');

  it('is read in the site’s own time zone unless another is given', async () => {
    const own = await upload(leadTun).previewUpload({ kind: 'calls', files: [CDR] });
    expect(own).toMatchObject({ format: 'asterisk-cdr', timeZone: 'Africa/Tunis' });
    expect(own.valid).toBeGreaterThan(0);
    const first = own.preview[0]!;
    expect(String(first.startedAt)).toMatch(/^2026-03-28T09:00:05(\+01:00|\.000\+01:00)$/);

    const newYork = await upload(leadTun).previewUpload({ kind: 'calls', files: [CDR], options: { timeZone: 'America/New_York' } });
    expect(newYork.timeZone).toBe('America/New_York');
    expect(String(newYork.preview[0]!.startedAt)).toMatch(/^2026-03-28T09:00:05(\.000)?-04:00$/);
  });

  it('refuses a zone that is not an IANA name', async () => {
    expect(await trpcCode(() => upload(leadTun).previewUpload({ kind: 'calls', files: [CDR], options: { timeZone: '+01:00' } }))).toBe('BAD_REQUEST');
  });
});

describe('a Twilio export in two files', () => {
  it('is recognised as one format and read together', async () => {
    const files = [sample('twilio/calls.json'), sample('twilio/events.json')];
    const preview = await upload(leadTun).previewUpload({ kind: 'calls', files });
    expect(preview.format).toBe('twilio');
    expect(preview.valid).toBeGreaterThan(0);
    expect(preview.total).toBe(preview.valid + preview.rejectedCount + preview.held);
  });
});
