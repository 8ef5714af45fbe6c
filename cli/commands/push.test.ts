// `vigie push` through the CLI entry point against the real REST handler on loopback and a real
// database: Vigie's own files as before, telephony exports read by their importer (named with
// --format or recognised), the rejected lines written beside the file, and the usage errors.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Pushes in this file come faster than a site's allowance: the limit is not what is tested here.
vi.hoisted(() => {
  process.env.VIGIE_PUSH_RATE_PER_MINUTE = '100000';
  process.env.VIGIE_PUSH_BURST = '100000';
});
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { upsertImportMappingRow } from '@/db/queries/import-mappings';
import { callRecords } from '@/db/schema';
import { IMPORTERS } from '@/lib/importers';
import { cliActor } from '@/server/auth/principal';
import { createSiteKey } from '@/server/keys/service';
import { handleRest } from '@/server/rest/handler';
import { contextFromRequest } from '@/server/trpc/request-context';
import { makeSite } from '@/test/fixtures';
import { readMappingFile } from '../push/mapping-client';
import { main } from '../vigie';

const SAMPLES = path.resolve(import.meta.dirname, '../../samples');
let h: DbHandle;
let server: http.Server;
let url: string;
let dir: string;
let sites = 0;

beforeAll(async () => {
  h = await createTestDb();
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
    });
    const response = await handleRest(request, (r) => contextFromRequest(r, { handle: h, session: async () => null }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-push-'));
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh site and its key, so each test reads only what it pushed. */
async function site(): Promise<{ id: number; key: string }> {
  const code = `P${String.fromCharCode(65 + Math.floor(sites / 26), 65 + (sites % 26))}`;
  sites++;
  const row = await makeSite(h.db, { code, timezone: 'Europe/Paris', country: 'FR' });
  return { id: row.id, key: (await createSiteKey(h.db, cliActor(), { siteCode: code, name: 'pbx' })).secret };
}

/** A sample copied to the scratch folder (the rejected file is written beside it). */
function copy(sample: string, as = path.basename(sample)): string {
  const to = path.join(dir, `${sites}-${as}`);
  fs.copyFileSync(path.join(SAMPLES, sample), to);
  return to;
}

async function push(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await main(['push', ...args]);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

async function stored(siteId: number) {
  return h.db.select().from(callRecords).where(eq(callRecords.siteId, siteId));
}

const byId = <T extends { externalId: string }>(rows: T[]) => [...rows].sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0));

/** What the database keeps of a record, to compare with what the importer gave. */
function asStored(r: { externalId: string; startedAt: string | Date; queue: string; agentRef?: string | null; waitSeconds: number; talkSeconds: number; abandoned: boolean; direction: string }) {
  return {
    externalId: r.externalId,
    startedAt: new Date(r.startedAt).toISOString(),
    direction: r.direction,
    queue: r.queue,
    agentRef: r.agentRef ?? null,
    waitSeconds: r.waitSeconds,
    talkSeconds: r.talkSeconds,
    abandoned: r.abandoned,
  };
}

describe('vigie push of Vigie\'s own files', () => {
  it('pushes samples/calls.csv as before, with no importer, its rejected rows in a CSV beside it', async () => {
    const { id, key } = await site();
    const file = copy('calls.csv');
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '').length - 1;
    const run = await push('--url', url, '--key', key, file);
    const totals = /calls\.csv: (\d+) calls received, (\d+) inserted, 0 updated, (\d+) rejected/.exec(run.out);
    expect(run.out).not.toMatch(/recognised as/);
    expect(totals?.slice(1).map(Number)).toEqual([lines, lines - Number(totals?.[3]), Number(totals?.[3])]);
    // The sample holds a row that cannot be stored (a start without offset, a CSAT of 7).
    expect(Number(totals![3])).toBeGreaterThan(0);
    expect(run.code).toBe(3);
    expect(fs.readFileSync(file.replace(/\.csv$/, '.rejected.csv'), 'utf8')).toMatch(/^externalId,.*,errors\n/);
    expect(await stored(id)).toHaveLength(lines - Number(totals![3]));
  });

  it('refuses importer flags for Vigie\'s own file', async () => {
    const { key } = await site();
    const run = await push('--url', url, '--key', key, '--timezone', 'Europe/Paris', copy('calls.json'));
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/calls\.json is Vigie's own CSV or JSON/);
  });
});

describe('vigie push --format csv with a mapping file', () => {
  it('pushes what the mapping reads, lists the rejected lines and writes them with their reasons', async () => {
    const { id, key } = await site();
    const file = copy('csv/pbx-fr.csv');
    const run = await push('--url', url, '--key', key, '--format', 'csv', '--mapping', path.join(SAMPLES, 'csv/pbx-fr.mapping.json'), file);
    // samples/csv/README.md: 17 records, 7 rejected (lines 18 to 24), 1 note.
    expect(run.code).toBe(3);
    expect(run.out).toMatch(/^csv: 17 calls read from .*pbx-fr\.csv, 7 lines rejected/m);
    expect(run.out).toMatch(/^note: /m);
    expect(run.out).toMatch(/: 17 calls received, 17 inserted, 0 updated, 0 rejected/);
    expect(run.out).toMatch(/pbx-fr\.csv line 18: /);
    expect(run.out).toMatch(new RegExp(`Rejected lines written to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.rejected\\.txt`));
    const rows = await stored(id);
    expect(rows).toHaveLength(17);
    expect(rows.find((r) => r.externalId === 'PBX-20261024-0001')).toMatchObject({ direction: 'inbound', queue: 'Facturation', waitSeconds: 12, talkSeconds: 271, outcome: 'sale' });

    const original = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    const report = fs.readFileSync(`${file}.rejected.txt`, 'utf8').split('\n');
    expect(report[0]).toMatch(/^# vigie push --format csv/);
    const places = report.filter((l) => l.startsWith('# ') && / line \d+: /.test(l)).map((l) => Number(/ line (\d+): /.exec(l)![1]));
    expect(places).toEqual([18, 19, 20, 21, 22, 23, 24]);
    // Each reason is followed by its line byte for byte.
    for (const n of places) {
      const at = report.findIndex((l) => l.includes(` line ${n}: `));
      expect(report[at + 1]).toBe(original[n - 1]);
    }
    expect(report.find((l) => l.includes(' line 23: '))).toMatch(/over a day/);
  });

  it('fetches the mapping the site saved, by name, with the site key', async () => {
    const { id, key } = await site();
    const mapping = readMappingFile(path.join(SAMPLES, 'csv/pbx-fr.mapping.json'));
    await upsertImportMappingRow(h.db, { siteId: id, mapping, userId: null }, new Date());
    const run = await push('--url', `${url}/api/v1`, '--key', key, '--mapping', 'pbx-fr', copy('csv/pbx-fr.csv'));
    expect(run.code).toBe(3);
    expect(await stored(id)).toHaveLength(17);
  });

  it('says so when the key\'s site has no mapping of that name (another site\'s is not reachable)', async () => {
    const owner = await site();
    await upsertImportMappingRow(h.db, { siteId: owner.id, mapping: readMappingFile(path.join(SAMPLES, 'csv/pbx-fr.mapping.json')), userId: null }, new Date());
    const other = await site();
    const run = await push('--url', url, '--key', other.key, '--format', 'csv', '--mapping', 'pbx-fr', copy('csv/pbx-fr.csv'));
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/No mapping "pbx-fr" for this key's site \(The site P\w+ has no mapping named 'pbx-fr'\)/);
    expect(await stored(other.id)).toHaveLength(0);
  });

  it('says a CSV it does not know is a mapped CSV, and asks for the mapping', async () => {
    const { key } = await site();
    const run = await push('--url', url, '--key', key, copy('csv/pbx-fr.csv'));
    expect(run.code).toBe(2);
    expect(run.out).toMatch(/pbx-fr\.csv: recognised as csv/);
    expect(run.err).toMatch(/csv needs the column mapping: --mapping NAME/);
  });

  it('explains a mapping file that is not a mapping, before reading the export', async () => {
    const { key } = await site();
    const bad = path.join(dir, 'bad.mapping.json');
    fs.writeFileSync(bad, JSON.stringify({ name: 'bad', dateFormat: 'iso', fields: {} }));
    const run = await push('--url', url, '--key', key, '--format', 'csv', '--mapping', bad, copy('csv/pbx-fr.csv'));
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/is not a valid column mapping:\n\s+fields\.externalId: /);
  });
});

describe('vigie push --format: usage errors', () => {
  const usage = async (...args: string[]) => {
    const run = await push('--url', url, '--key', 'vk_unused', ...args);
    expect(run.code).toBe(2);
    return run.err;
  };

  it('names the formats when --format is not one of them', async () => {
    expect(await usage('--format', 'avaya', copy('calls.csv'))).toMatch(/--format is one of asterisk-queue-log, asterisk-cdr, amazon-connect, genesys, twilio, csv \(not "avaya"\)/);
  });

  it('takes several files only with --format', async () => {
    expect(await usage(copy('calls.csv'), copy('calls.json'))).toMatch(/Several files go with --format/);
  });

  it('refuses a file that is neither Vigie\'s own nor a format it recognises, listing the formats', async () => {
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'Monday: call the carrier\nTuesday: nothing\n');
    expect(await usage(file)).toMatch(/notes\.txt is neither Vigie's own CSV or JSON nor an export vigie recognises .*Name its format with --format: asterisk-queue-log, asterisk-cdr, amazon-connect, genesys, twilio, csv\./s);
  });

  it('asks for the time zone of a format whose times carry no offset', async () => {
    const file = path.join(dir, 'Master.csv');
    fs.writeFileSync(file, '');
    expect(await usage('--format', 'asterisk-cdr', file)).toMatch(/asterisk-cdr times carry no offset: name the zone they were written in with --timezone/);
  });

  it('refuses an unknown zone, a bad rule, and a flag the format does not read', async () => {
    const file = copy('calls.csv');
    expect(await usage('--format', 'asterisk-cdr', '--timezone', 'Europe/Parys', file)).toMatch(/--timezone is an IANA zone .*not "Europe\/Parys"/);
    expect(await usage('--format', 'asterisk-cdr', '--timezone', 'Europe/Paris', '--inbound-context', '^(from-trunk', file)).toMatch(/--inbound-context is not a valid regular expression/);
    expect(await usage('--format', 'genesys', '--inbound-context', '^from-', file)).toMatch(/--inbound-context is the Asterisk CDR's rule .*genesys does not read it/);
    expect(await usage('--format', 'twilio', '--mapping', 'pbx-fr', file)).toMatch(/--mapping goes with --format csv, not twilio/);
    expect(await usage('--format', 'twilio', '--kind', 'calls', file)).toMatch(/--kind is for Vigie's own CSV and JSON/);
  });

  it('names a file that does not exist', async () => {
    expect(await usage('--format', 'genesys', path.join(dir, 'missing.json'))).toMatch(/No such file: .*missing\.json/);
  });
});

describe('vigie push of telephony exports', () => {
  it('recognises an Asterisk queue_log, pushes its calls, tells what was held back and writes the rejected lines', async () => {
    const { id, key } = await site();
    const file = copy('asterisk-queue-log/queue_log');
    const run = await push('--url', url, '--key', key, file);
    // samples/asterisk-queue-log: 37 calls, 2 lines rejected (line 1, a completion whose entry is
    // before the log; line 71, a damaged epoch), 2 calls still open at the end.
    expect(run.code).toBe(3);
    expect(run.out).toMatch(/^\d+-queue_log: recognised as asterisk-queue-log \(/m);
    expect(run.out).toMatch(/^asterisk-queue-log: 37 calls read from .*queue_log, 2 lines rejected/m);
    expect(run.out).toMatch(/^2 calls still open at the end of the file: held back$/m);
    expect(run.out).toMatch(/^note: 14 lines of agent events/m);
    expect(run.out).toMatch(/: 37 calls received, 37 inserted, 0 updated, 0 rejected/);
    expect(run.out).toMatch(/queue_log line 71: The time is not a Unix epoch/);
    const rows = await stored(id);
    expect(rows).toHaveLength(37);
    expect(rows.every((r) => r.externalId.startsWith('ql:') && r.direction === 'inbound')).toBe(true);
    const outcomes: Record<string, number> = {};
    for (const r of rows) outcomes[r.outcome ?? ''] = (outcomes[r.outcome ?? ''] ?? 0) + 1;
    expect(outcomes).toEqual({
      'completed-agent': 9,
      'completed-caller': 19,
      'transferred-blind': 1,
      'transferred-attended': 1,
      abandoned: 4,
      timeout: 1,
      'exit-key': 1,
      'exit-empty': 1,
    });
    expect(rows.filter((r) => r.abandoned)).toHaveLength(7);
    expect(rows.find((r) => r.externalId === 'ql:1794812528.49:support-fr:1794812537')).toMatchObject({
      queue: 'support-fr',
      agentRef: 'PJSIP/2003',
      waitSeconds: 4,
      talkSeconds: 283,
      abandoned: false,
      outcome: 'completed-caller',
    });
    const expected = IMPORTERS['asterisk-queue-log'].parse([{ name: file, text: fs.readFileSync(file, 'utf8') }], {});
    expect(byId(rows.map(asStored))).toEqual(byId(expected.records.map(asStored)));

    const original = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    const report = fs.readFileSync(`${file}.rejected.txt`, 'utf8').split('\n');
    expect(report.slice(1, 5)).toEqual([
      `# ${file} line 1: ${expected.rejected[0]!.reason}`,
      original[0],
      `# ${file} line 71: The time is not a Unix epoch: '17948O8145'`,
      original[70],
    ]);
  });

  it('reads a rotated queue_log oldest first, and stores each call once when pushed again', async () => {
    const { id, key } = await site();
    const whole = fs.readFileSync(path.join(SAMPLES, 'asterisk-queue-log/queue_log'), 'utf8').split('\n');
    const cut = Math.floor(whole.length / 2);
    const live = path.join(dir, `${sites}-rotated`, 'queue_log');
    fs.mkdirSync(path.dirname(live));
    fs.writeFileSync(`${live}.1`, `${whole.slice(0, cut).join('\n')}\n`);
    fs.writeFileSync(live, whole.slice(cut).join('\n'));
    const first = await push('--url', url, '--key', key, '--format', 'asterisk-queue-log', live, `${live}.1`);
    expect(first.out).toContain(`asterisk-queue-log: 37 calls read from ${live}.1, ${live}, 2 lines rejected`);
    expect(first.out).toMatch(/^2 calls still open at the end of the files: held back$/m);
    const again = await push('--url', url, '--key', key, '--format', 'asterisk-queue-log', `${live}.1`, live);
    expect(again.out).toMatch(/: 37 calls received, 0 inserted, \d+ updated, 0 rejected/);
    expect(await stored(id)).toHaveLength(37);
  });

  it('reads an Asterisk CDR in the zone named, and refuses it without one', async () => {
    const { id, key } = await site();
    const file = copy('asterisk-cdr/Master.csv');
    const without = await push('--url', url, '--key', key, file);
    expect(without.code).toBe(2);
    expect(without.out).toMatch(/Master\.csv: recognised as asterisk-cdr/);
    expect(without.err).toMatch(/--timezone/);
    const run = await push('--url', url, '--key', key, '--format', 'asterisk-cdr', '--timezone', 'Europe/Paris', file);
    const expected = IMPORTERS['asterisk-cdr'].parse([{ name: file, text: fs.readFileSync(file, 'utf8') }], { timeZone: 'Europe/Paris' });
    // samples/asterisk-cdr/README.md: 20 records, 3 rejected; 5 inbound abandoned, 3 outbound.
    expect([expected.records.length, expected.rejected.length, expected.held]).toEqual([20, 3, 0]);
    expect(run.code).toBe(3);
    expect(run.out).toContain(`asterisk-cdr: ${expected.records.length} calls read from ${file}, ${expected.rejected.length} lines rejected`);
    const rows = await stored(id);
    expect(byId(rows.map(asStored))).toEqual(byId(expected.records.map(asStored)));
    expect([rows.filter((r) => r.abandoned).length, rows.filter((r) => r.direction === 'outbound').length]).toEqual([5, 3]);
  });

  it('recognises Amazon Connect contact records, with the duplicates resolved by the importer', async () => {
    const { id, key } = await site();
    const file = copy('amazon-connect/contact-records.jsonl');
    const expected = IMPORTERS['amazon-connect'].parse([{ name: file, text: fs.readFileSync(file, 'utf8') }], {});
    // samples/amazon-connect/README.md: 28 calls, 2 rejected, 0 held.
    expect([expected.records.length, expected.rejected.length, expected.held]).toEqual([28, 2, 0]);
    const run = await push('--url', url, '--key', key, file);
    expect(run.out).toMatch(/contact-records\.jsonl: recognised as amazon-connect/);
    expect(run.out).toMatch(/^note: 3 duplicate contact records/m);
    expect(byId((await stored(id)).map(asStored))).toEqual(byId(expected.records.map(asStored)));
  });

  it('pushes Twilio\'s calls and TaskRouter events together, as the importer reads them', async () => {
    const { id, key } = await site();
    const calls = copy('twilio/calls.json');
    const events = copy('twilio/events.json');
    const expected = IMPORTERS.twilio.parse(
      [calls, events].map((f) => ({ name: f, text: fs.readFileSync(f, 'utf8') })),
      {},
    );
    const run = await push('--url', url, '--key', key, '--format', 'twilio', calls, events);
    // samples/twilio/README.md: 23 records, 2 rejected, 2 held.
    expect([expected.records.length, expected.rejected.length, expected.held]).toEqual([23, 2, 2]);
    expect(run.code).toBe(3);
    expect(run.out).toMatch(/^2 calls still open at the end of the files: held back$/m);
    expect(run.out).toContain(`twilio: ${expected.records.length} calls read from ${calls}, ${events}`);
    const rows = await stored(id);
    expect(byId(rows.map(asStored))).toEqual(byId(expected.records.map(asStored)));
  });

  it('recognises a Genesys Cloud export without --format and says so', async () => {
    const { id, key } = await site();
    const file = copy('genesys/conversations.json');
    const expected = IMPORTERS.genesys.parse([{ name: file, text: fs.readFileSync(file, 'utf8') }], {});
    const run = await push('--url', url, '--key', key, file);
    // samples/genesys/README.md: 22 records, 2 rejected, 2 held.
    expect([expected.records.length, expected.rejected.length, expected.held]).toEqual([22, 2, 2]);
    expect(run.out).toMatch(/conversations\.json: recognised as genesys/);
    const n = expected.records.length;
    expect(run.out).toMatch(new RegExp(`: ${n} calls received, ${n} inserted, 0 updated, 0 rejected`));
    expect(byId((await stored(id)).map(asStored))).toEqual(byId(expected.records.map(asStored)));
  });
});
