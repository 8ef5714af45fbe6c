import fs from 'node:fs';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { detectFormat, IMPORT_FORMATS, IMPORTERS } from '@/lib/importers';
import type { CsvKind } from '@/server/ingest/csv';
import { pushRecords, type PushTotals } from '../push/client';
import { isVigieOwnFile, readSourceText } from '../push/import-input';
import { FORMAT_LIST, hasImportFlags, readImportFlags, type ImportRequest } from '../push/import-options';
import { reasonsOf, rejectedPathFor, writeImportRejected } from '../push/import-rejected-file';
import { importSummary, rejectionLine, runImport } from '../push/import-run';
import { readPushInput, type PushInput } from '../push/read-input';
import { writeRejected } from '../push/rejected-file';
import { requireString, type Command } from '../command';
import { UsageError } from '../errors';

/** Rejections listed on screen; the rest are in the rejected file. */
const SHOWN = 10;

type Target = { url: string; key: string; chunkSize: number };

async function send(target: Target, kind: CsvKind, records: unknown[]): Promise<{ totals: PushTotals; seconds: number }> {
  const tty = process.stderr.isTTY;
  const bar = tty ? new SingleBar({ format: ' {bar} {percentage}% | {value}/{total} records | {eta}s left', hideCursor: true, stream: process.stderr }) : null;
  bar?.start(records.length, 0);
  const started = Date.now();
  try {
    const totals = await pushRecords({
      url: target.url,
      key: target.key,
      kind,
      records,
      chunkSize: target.chunkSize,
      onChunk: (done, total) => (bar ? bar.update(done) : console.error(`sent ${done}/${total} records`)),
      onRetry: (attempt, reason, delay) => console.error(`\nretry ${attempt} in ${(delay / 1000).toFixed(1)} s (${reason})`),
    });
    return { totals, seconds: (Date.now() - started) / 1000 };
  } finally {
    bar?.stop();
  }
}

function totalsLine(name: string, kind: CsvKind, totals: PushTotals, seconds: number): string {
  return (
    `${name}: ${totals.received} ${kind} received, ${totals.inserted} inserted, ${totals.updated} updated, ` +
    `${totals.rejected.length} rejected (${seconds.toFixed(1)} s)`
  );
}

/** Vigie's own CSV or JSON, pushed as it is (the behaviour from before the importers). */
async function pushOwnFile(file: string, input: PushInput, target: Target): Promise<number> {
  const { totals, seconds } = await send(target, input.kind, input.records);
  console.log(totalsLine(path.basename(file), input.kind, totals, seconds));
  const written = writeRejected(file, input, totals.rejected);
  if (!written) return 0;
  for (const r of totals.rejected.slice(0, SHOWN)) {
    console.log(`  #${r.index} ${r.externalId ?? '(no id)'}: ${r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  }
  if (totals.rejected.length > SHOWN) console.log(`  … and ${totals.rejected.length - SHOWN} more`);
  console.log(`Rejected rows written to ${written}`);
  return 3;
}

/** A telephony export: the importer turns it into call records, which are pushed like Vigie's own. */
async function pushImport(files: string[], request: ImportRequest & { format: NonNullable<ImportRequest['format']> }, target: Target): Promise<number> {
  const run = await runImport(files, request.format, request, target);
  const { records, rejected } = run.result;
  for (const line of importSummary(run)) console.log(line);

  let refused: PushTotals['rejected'] = [];
  if (records.length > 0) {
    const { totals, seconds } = await send(target, 'calls', records);
    refused = totals.rejected;
    console.log(totalsLine(files.map((f) => path.basename(f)).join(', '), 'calls', totals, seconds));
  } else {
    console.log('No call to push.');
  }
  const lines = [
    ...rejected.map(rejectionLine),
    ...refused.map((r) => `  refused by the server, ${r.externalId ?? `record #${r.index}`}: ${reasonsOf(r)}`),
  ];
  const written = writeImportRejected(rejectedPathFor(files[0]!), run.format, run.sources, rejected, refused, records);
  if (!written) return 0;
  for (const line of lines.slice(0, SHOWN)) console.log(line);
  if (lines.length > SHOWN) console.log(`  … and ${lines.length - SHOWN} more`);
  console.log(`Rejected lines written to ${written}`);
  return 3;
}

export const pushCommand: Command = {
  name: 'push',
  summary: 'send call records or QA evaluations (CSV or JSON), or a telephony export read by its importer, to a Vigie server with a site key',
  usage:
    'push --url URL --key KEY [--kind calls|evaluations] [--chunk-size 5000] FILE.csv|FILE.json\n' +
    `                    push --url URL --key KEY --format ${FORMAT_LIST.replaceAll(', ', '|')} [--mapping NAME|FILE.json] [--timezone ZONE] [--inbound-context REGEX] [--default-queue NAME] [--chunk-size 5000] FILE [FILE…]\n` +
    '                    (without --format, an export vigie recognises is read by its importer; rotated queue_log files are read oldest first)\n' +
    `                    formats: ${IMPORT_FORMATS.map((f) => `${f} = ${IMPORTERS[f].label}`).join('; ')}`,
  options: {
    url: { type: 'string' },
    key: { type: 'string' },
    kind: { type: 'string' },
    'chunk-size': { type: 'string' },
    format: { type: 'string' },
    mapping: { type: 'string' },
    timezone: { type: 'string' },
    'inbound-context': { type: 'string' },
    'default-queue': { type: 'string' },
  },
  positionals: true,
  async run(values, positionals) {
    const url = requireString(values, 'url');
    const key = requireString(values, 'key');
    if (positionals.length === 0) throw new UsageError('Name the file to push.');
    const kind = values.kind === undefined ? undefined : String(values.kind);
    if (kind !== undefined && kind !== 'calls' && kind !== 'evaluations') throw new UsageError('--kind is calls or evaluations');
    const chunkSize = values['chunk-size'] === undefined ? 5000 : Number(values['chunk-size']);
    if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 5000) throw new UsageError('--chunk-size is a whole number from 1 to 5000');
    const request = readImportFlags(values);
    if (request.format === null && positionals.length > 1) {
      throw new UsageError('Several files go with --format (e.g. --format twilio calls.json events.json, or --format asterisk-queue-log queue_log.1 queue_log); Vigie\'s own CSV or JSON is pushed one file at a time.');
    }
    if (request.format !== null && kind !== undefined) throw new UsageError('--kind is for Vigie\'s own CSV and JSON; an import gives call records');
    const missing = positionals.find((f) => !fs.existsSync(f) || !fs.statSync(f).isFile());
    if (missing !== undefined) throw new UsageError(`No such file: ${missing}`);
    const target = { url, key, chunkSize };

    if (request.format !== null) return pushImport(positionals, { ...request, format: request.format }, target);

    const file = positionals[0]!;
    const text = readSourceText(file);
    const own = isVigieOwnFile(text);
    if (!own) {
      const format = detectFormat(text, path.basename(file));
      if (format !== null) {
        if (kind === 'evaluations') throw new UsageError(`${path.basename(file)} looks like ${format}, which holds calls, not evaluations`);
        console.log(`${path.basename(file)}: recognised as ${format} (${IMPORTERS[format].label})`);
        return pushImport([file], { ...request, format }, target);
      }
    }
    if (hasImportFlags(values)) throw new UsageError(`${path.basename(file)} is Vigie's own CSV or JSON: --timezone, --inbound-context and --default-queue apply to an export read by an importer`);
    let input: PushInput;
    try {
      input = readPushInput(file, kind, text);
    } catch (error) {
      if (own) throw error;
      throw new UsageError(
        `${path.basename(file)} is neither Vigie's own CSV or JSON nor an export vigie recognises (${(error as Error).message.replace(`${file}: `, '')}). ` +
          `Name its format with --format: ${FORMAT_LIST}.`,
      );
    }
    return pushOwnFile(file, input, target);
  },
};
