// `vigie bench importers`: how fast each importer reads a large export. For each format, the same
// deterministic calls (cli/bench/synthetic-calls.ts, shaped to what the format can hold) are written
// by the format's own writer (untimed), then parsed a warm-up time and `runs` times, the formats in
// turn within each round so that a busy shared machine slows them alike: only ratios within one run
// mean anything. Each parse must give back every call, none rejected or held, or the bench fails.
// With --push, the queue_log file also goes the whole way: read, imported and pushed through the
// REST endpoint into a scratch database, as `vigie push --format asterisk-queue-log` does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { IMPORTERS } from '@/lib/importers';
import { csvMappingSchema, type CsvMapping } from '@/lib/importers/csv-mapping';
import { writeAmazonConnect } from '@/lib/importers/testing/amazon-connect-writer';
import { writeAsteriskCdr } from '@/lib/importers/testing/asterisk-cdr-writer';
import { writeAsteriskQueueLog } from '@/lib/importers/testing/asterisk-queue-log-writer';
import { writeMappedCsv } from '@/lib/importers/testing/csv-writer';
import { writeGenesys } from '@/lib/importers/testing/genesys-writer';
import { writeTwilio } from '@/lib/importers/testing/twilio-writer';
import { type ImportFormat, type ImportOptions, type ImportSource, type ImportedCall } from '@/lib/importers/types';
import { serveRest } from './ingest';
import { fmt, percentile, table } from './stats';
import { syntheticCalls, type SyntheticCall } from './synthetic-calls';

export type ImportersBenchOptions = { calls: number; runs: number; formats: ImportFormat[]; push: boolean; serverUrl: string };

/** The zone of the formats whose times carry no offset (CDR, the mapped CSV). */
const ZONE = 'Europe/Paris';

/** The mapping of the mapped-CSV export: a French PBX's call report, as samples/csv shows one. */
const CSV_MAPPING: CsvMapping = csvMappingSchema.parse({
  name: 'bench',
  delimiter: ';',
  header: true,
  timeZone: ZONE,
  dateFormat: 'dd/MM/yyyy HH:mm:ss',
  fields: {
    externalId: { column: 'Identifiant appel' },
    startedAt: { column: 'Date', timeColumn: 'Heure' },
    direction: { column: 'Sens', inbound: ['Entrant'], outbound: ['Sortant'] },
    queue: { column: "File d'attente" },
    agentRef: { column: 'Agent' },
    waitSeconds: { column: 'Attente', unit: 'hh:mm:ss' },
    talkSeconds: { column: 'Conversation', unit: 'hh:mm:ss' },
    holdSeconds: { column: 'Mise en attente', unit: 'hh:mm:ss' },
    wrapSeconds: { column: 'Post-appel', unit: 's' },
    abandoned: { column: 'Abandonné', true: ['Oui'], false: ['Non'] },
    resolved: { column: 'Résolu', true: ['Oui'], false: ['Non'] },
    csat: { column: 'Satisfaction' },
  },
});

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
/** A stable UUID from a number (Genesys ids, Amazon Connect ContactIds). */
const uuid = (n: number, tag: number) => `${hex(tag, 8)}-0000-4000-8000-${hex(n, 12)}`;
const wholeSecond = (iso: string) => Date.parse(iso) - (Date.parse(iso) % 1000);
const epochOf = (ms: number) => String(ms / 1000);

/** A stable id per distinct value (a queue's or an agent's id in Genesys Cloud). */
function idsBy(tag: number): (key: string) => string {
  const ids = new Map<string, string>();
  return (key) => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = uuid(ids.size + 1, tag)));
    return id;
  };
}

type Shaped = { records: ImportedCall[]; options: ImportOptions; sources: (records: ImportedCall[]) => ImportSource[] };

/** A base call as each format can hold it (its documented limits: see the writers' arbitraries). */
function shape(format: ImportFormat, calls: SyntheticCall[]): Shaped {
  const one = (name: string, write: (records: ImportedCall[]) => string) => (records: ImportedCall[]) => [{ name, text: write(records) }];
  switch (format) {
    case 'asterisk-queue-log':
      return {
        records: calls.map((c, i) => {
          const ms = wholeSecond(c.startedAt);
          const base = { externalId: `ql:${epochOf(ms)}.${i}:${c.queue}:${epochOf(ms)}`, startedAt: new Date(ms).toISOString(), direction: 'inbound' as const, queue: c.queue, waitSeconds: c.waitSeconds, holdSeconds: 0, wrapSeconds: 0 };
          if (c.abandoned) return { ...base, talkSeconds: 0, abandoned: true, outcome: i % 3 === 0 ? 'timeout' : 'abandoned' };
          return { ...base, agentRef: `PJSIP/${2000 + Number(c.agentRef.slice(1))}`, talkSeconds: c.talkSeconds, abandoned: false, outcome: i % 4 === 0 ? 'completed-caller' : 'completed-agent' };
        }),
        options: {},
        sources: one('queue_log', writeAsteriskQueueLog),
      };
    case 'asterisk-cdr':
      return {
        records: calls.map((c, i) => {
          const ms = wholeSecond(c.startedAt);
          const uid = `${epochOf(ms)}.${i}`;
          const agent = `PJSIP/${2000 + Number(c.agentRef.slice(1))}`;
          const base = { startedAt: new Date(ms).toISOString(), holdSeconds: 0, wrapSeconds: 0, waitSeconds: c.waitSeconds };
          if (c.direction === 'outbound') {
            return { ...base, externalId: `cdr:${uid}:PJSIP/trunk-${hex(i, 8)}`, direction: 'outbound' as const, queue: 'default', agentRef: agent, talkSeconds: Math.max(1, c.talkSeconds), abandoned: false, outcome: 'answered' };
          }
          if (c.abandoned) return { ...base, externalId: `cdr:${uid}:600`, direction: 'inbound' as const, queue: c.queue, talkSeconds: 0, abandoned: true, outcome: 'no answer' };
          return { ...base, externalId: `cdr:${uid}:${agent}-${hex(i, 8)}`, direction: 'inbound' as const, queue: c.queue, agentRef: agent, talkSeconds: Math.max(1, c.talkSeconds), abandoned: false, outcome: 'answered' };
        }),
        options: { timeZone: ZONE },
        sources: one('Master.csv', (records) => writeAsteriskCdr(records, { timeZone: ZONE })),
      };
    case 'amazon-connect':
      return {
        records: calls.map((c, i) => {
          const answered = !c.abandoned || c.direction === 'outbound';
          const base = { externalId: `ac:${uuid(i, 0xac)}`, startedAt: new Date(wholeSecond(c.startedAt)).toISOString(), direction: c.direction, queue: c.queue, waitSeconds: c.waitSeconds, outcome: 'customer_disconnect' };
          if (!answered) return { ...base, talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0, abandoned: true };
          return { ...base, agentRef: `agent.${c.agentRef.toLowerCase()}`, talkSeconds: c.talkSeconds, holdSeconds: c.holdSeconds, wrapSeconds: c.wrapSeconds, abandoned: false };
        }),
        options: {},
        sources: one('ctr.jsonl', (records) => writeAmazonConnect(records)),
      };
    case 'genesys': {
      const queueId = idsBy(0x9e);
      const agentId = idsBy(0xa9);
      return {
        records: calls.map((c, i) => {
          const queue = queueId(c.queue);
          const base = { externalId: `gc:${uuid(i, 0x6c)}:${queue}:1`, startedAt: c.startedAt, queue };
          if (c.direction === 'inbound' && c.abandoned) return { ...base, direction: 'inbound' as const, waitSeconds: c.waitSeconds, talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0, abandoned: true };
          return {
            ...base,
            direction: c.direction,
            agentRef: agentId(c.agentRef),
            waitSeconds: c.direction === 'outbound' ? 0 : c.waitSeconds,
            talkSeconds: Math.max(1, c.talkSeconds),
            holdSeconds: c.holdSeconds,
            wrapSeconds: c.wrapSeconds,
            abandoned: false,
          };
        }),
        options: {},
        sources: one('conversations.json', writeGenesys),
      };
    }
    case 'twilio':
      return {
        records: calls.map((c, i) => {
          const base = { externalId: `tw:WT${hex(i + 1, 32)}`, startedAt: new Date(wholeSecond(c.startedAt)).toISOString(), direction: c.direction, queue: c.queue, waitSeconds: c.waitSeconds, holdSeconds: 0 };
          if (c.abandoned) return { ...base, talkSeconds: 0, wrapSeconds: 0, abandoned: true };
          return { ...base, agentRef: c.agentRef, talkSeconds: c.talkSeconds, wrapSeconds: c.wrapSeconds, abandoned: false };
        }),
        options: {},
        sources: writeTwilio,
      };
    case 'csv':
      return {
        records: calls.map((c) => ({
          externalId: c.externalId,
          startedAt: new Date(wholeSecond(c.startedAt)).toISOString(),
          direction: c.direction,
          queue: c.queue,
          agentRef: c.agentRef,
          waitSeconds: c.waitSeconds,
          talkSeconds: c.talkSeconds,
          holdSeconds: c.holdSeconds,
          wrapSeconds: c.wrapSeconds,
          abandoned: c.abandoned,
          ...(c.resolved === null ? {} : { resolved: c.resolved }),
          ...(c.csat === null ? {} : { csat: c.csat }),
        })),
        options: { mapping: CSV_MAPPING },
        sources: one('calls.csv', (records) => writeMappedCsv(records, CSV_MAPPING)),
      };
  }
}

type Input = { format: ImportFormat; sources: ImportSource[]; options: ImportOptions; bytes: number };

/** The export of `calls` calls in each format, checked to read back whole. */
export function importerInputs(calls: number, formats: readonly ImportFormat[]): Input[] {
  const base = syntheticCalls(calls, { prefix: 'bench', seed: 18 });
  return formats.map((format) => {
    const shaped = shape(format, base);
    const sources = shaped.sources(shaped.records);
    const bytes = sources.reduce((n, s) => n + Buffer.byteLength(s.text), 0);
    return { format, sources, options: shaped.options, bytes };
  });
}

function parseChecked(input: Input, calls: number) {
  const result = IMPORTERS[input.format].parse(input.sources, input.options);
  if (result.records.length !== calls || result.rejected.length > 0 || result.held > 0) {
    const first = result.rejected[0];
    throw new Error(
      `${input.format}: the importer read ${result.records.length} of the ${calls} calls its writer wrote ` +
        `(${result.rejected.length} rejected, ${result.held} held)${first ? `; first rejection: line ${first.line}: ${first.reason}` : ''}`,
    );
  }
  return result;
}

/** A full garbage collection, so that memory figures are the parse's and not the previous one's. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

const MB = 1024 * 1024;

type Measured = { format: ImportFormat; bytes: number; times: number[]; cpu: number[]; heapKept: number; rssGrowth: number };

function measure(inputs: Input[], calls: number, runs: number): Measured[] {
  const gc = collector();
  const out: Measured[] = inputs.map((i) => ({ format: i.format, bytes: i.bytes, times: [], cpu: [], heapKept: 0, rssGrowth: 0 }));
  // Warm-up: each importer once (JIT, lazily built tables), its memory measured on the way with
  // its result still held, then let go.
  const held: unknown[] = [];
  inputs.forEach((input, i) => {
    gc();
    const before = process.memoryUsage();
    held.push(parseChecked(input, calls));
    const after = process.memoryUsage();
    out[i]!.heapKept = after.heapUsed - before.heapUsed;
    out[i]!.rssGrowth = after.rss - before.rss;
    held.length = 0;
  });
  for (let run = 0; run < runs; run++) {
    inputs.forEach((input, i) => {
      gc();
      const cpu = process.cpuUsage();
      const started = performance.now();
      parseChecked(input, calls);
      out[i]!.times.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      out[i]!.cpu.push((used.user + used.system) / 1000);
    });
  }
  return out;
}

/** The queue_log file from disk to the database: read, import, push (REST on loopback, PGlite or PostgreSQL). */
async function endToEnd(input: Input, calls: number, serverUrl: string): Promise<string> {
  const { scratchDatabase } = await import('./databases');
  const { createSiteKey } = await import('@/server/keys/service');
  const { cliActor } = await import('@/server/auth/principal');
  const { sites } = await import('@/db/schema');
  const { runImport } = await import('../push/import-run');
  const { pushRecords } = await import('../push/client');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-importers-'));
  const handle = await scratchDatabase('pglite', serverUrl, 'importers');
  let server: Awaited<ReturnType<typeof serveRest>> | null = null;
  try {
    await handle.db.insert(sites).values({ code: 'QLB', name: 'queue_log bench', country: 'FR', timezone: ZONE });
    const key = (await createSiteKey(handle.db, cliActor(), { siteCode: 'QLB', name: 'bench' })).secret;
    server = await serveRest(handle);
    const url = server.origin;
    const file = path.join(dir, 'queue_log');
    fs.writeFileSync(file, input.sources[0]!.text);
    const started = performance.now();
    const run = await runImport([file], input.format, { format: input.format, mapping: null, options: {} }, { url, key });
    const imported = performance.now();
    const totals = await pushRecords({ url, key, kind: 'calls', records: run.result.records, chunkSize: 5000 });
    const seconds = (performance.now() - started) / 1000;
    if (totals.inserted !== calls) throw new Error(`push: ${totals.inserted} of ${calls} calls inserted (${totals.rejected.length} rejected)`);
    return (
      `End to end (asterisk-queue-log, PGlite): ${calls} calls read and imported in ${fmt((imported - started) / 1000, 2)} s, ` +
      `pushed in chunks of 5,000 in ${fmt(seconds - (imported - started) / 1000, 1)} s; ${fmt(calls / seconds, 0)} calls/s from file to database.`
    );
  } finally {
    await server?.close();
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchImporters(opts: ImportersBenchOptions): Promise<string> {
  const inputs = importerInputs(opts.calls, opts.formats);
  const measured = measure(inputs, opts.calls, opts.runs);
  const rows = measured.map((m) => {
    const sorted = [...m.times].sort((a, b) => a - b);
    const median = percentile(sorted, 50) / 1000;
    const rate = (s: number) => opts.calls / (s / 1000);
    return [
      m.format,
      fmt(m.bytes / MB, 1),
      fmt(rate(percentile(sorted, 50)), 0),
      fmt(rate(sorted[sorted.length - 1]!), 0),
      fmt(rate(sorted[0]!), 0),
      fmt(median, 2),
      fmt(percentile([...m.cpu].sort((a, b) => a - b), 50) / 1000, 2),
      fmt(m.bytes / MB / median, 1),
      fmt(m.heapKept / MB, 0),
      fmt(m.rssGrowth / MB, 0),
    ];
  });
  const lines = [
    `Importers: ${opts.calls} calls per format written by the format's writer, parsed once to warm up then ${opts.runs} times, the formats in turn each round (a full GC before each parse).`,
    'records/s from the median parse (min = the slowest run, max = the fastest); CPU s: the median parse\'s process CPU time (user + system, GC threads included),',
    'steadier than wall time on a shared machine; heap kept and RSS growth: after the warm-up parse, its result still held.',
    '',
    table(['format', 'file MB', 'records/s', 'min', 'max', 'median s', 'CPU s', 'MB/s', 'heap kept MB', 'RSS growth MB'], rows),
    '',
    `Peak RSS of the whole run: ${fmt(process.resourceUsage().maxRSS / 1024, 0)} MB.`,
  ];
  if (opts.push) {
    const input = inputs.find((i) => i.format === 'asterisk-queue-log') ?? importerInputs(opts.calls, ['asterisk-queue-log'])[0]!;
    lines.push(await endToEnd(input, opts.calls, opts.serverUrl));
  }
  return lines.join('\n');
}
