// Asterisk CDR as cdr_csv writes it (/var/log/asterisk/cdr-csv/Master.csv): one line per call leg,
// times on the PBX's clock without an offset (hence options.timeZone), direction from dcontext.
// Field-by-field rules and what is lost: docs/importers/asterisk-cdr.md.
import { numberedLines, splitCdrLine } from './asterisk-cdr/fields';
import { isKnownZone, zoneClock } from './wall-clock';
import { readCdrRow } from './asterisk-cdr/row';
import type { ImportedCall, ImportOptions, ImportRejection, ImportResult, ImportSource, Importer } from './types';

/**
 * Contexts FreePBX, Issabel and plain Asterisk dialplans route calls from the outside through, and
 * FreePBX's from-internal-xfer, where the leg after an agent's transfer of a caller lands.
 */
export const DEFAULT_INBOUND_CONTEXT = '^(from-trunk|from-pstn|from-did|from-external|ext-queues|from-internal-xfer)';
export const DEFAULT_QUEUE = 'default';

const EXCERPT = 200;
const START_FIELD = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function wholeInputRejection(sources: ImportSource[], reason: string): ImportResult {
  return { records: [], rejected: [{ source: sources[0]?.name ?? '', line: 0, reason }], held: 0, notes: [] };
}

function inboundRule(options: ImportOptions): RegExp | string {
  const pattern = options.inboundContext ?? DEFAULT_INBOUND_CONTEXT;
  try {
    return new RegExp(pattern);
  } catch (error) {
    return `The inbound context rule is not a valid regular expression (${pattern}): ${(error as Error).message}`;
  }
}

function parse(sources: ImportSource[], options: ImportOptions): ImportResult {
  const zone = options.timeZone;
  if (!zone) {
    return wholeInputRejection(sources, 'This format needs a time zone (the PBX writes its local time without an offset): choose the zone of the PBX, e.g. Europe/Paris');
  }
  if (!isKnownZone(zone)) return wholeInputRejection(sources, `Unknown time zone '${zone}': give an IANA zone such as Europe/Paris or Africa/Casablanca`);
  const inbound = inboundRule(options);
  if (typeof inbound === 'string') return wholeInputRejection(sources, inbound);
  const ctx = { clock: zoneClock(zone), inbound, defaultQueue: options.defaultQueue?.trim() || DEFAULT_QUEUE };

  const records: ImportedCall[] = [];
  const rejected: ImportRejection[] = [];
  const seen = new Set<string>();
  let repeated = 0;
  let ambiguous = 0;
  for (const source of sources) {
    for (const [line, text] of numberedLines(source.text)) {
      if (text.trim() === '') continue;
      const reject = (reason: string) => rejected.push({ source: source.name, line, reason, excerpt: text.slice(0, EXCERPT) });
      if (text.includes('\u0000')) {
        reject('The line contains a NUL character: the file is damaged here');
        continue;
      }
      const split = splitCdrLine(text);
      if ('error' in split) {
        reject(`The line is not a CSV line as cdr_csv writes it: ${split.error}`);
        continue;
      }
      const row = readCdrRow(split.fields, ctx);
      if (!row.ok) {
        reject(row.reason);
        continue;
      }
      // The same CDR written twice (a file read again, two files that overlap) is one call.
      if (seen.has(row.call.externalId)) {
        repeated += 1;
        continue;
      }
      seen.add(row.call.externalId);
      if (row.ambiguous) ambiguous += 1;
      records.push(row.call);
    }
  }
  const notes: string[] = [];
  if (repeated > 0) notes.push(`${repeated} CDR line${repeated === 1 ? '' : 's'} repeated an earlier one (same uniqueid and destination, or same start, source, destination and channel): the first kept`);
  if (ambiguous > 0) {
    notes.push(`${ambiguous} call${ambiguous === 1 ? '' : 's'} started during the hour that ${zone} lives twice when the clocks go back: each read as the first of the two instants`);
  }
  return { records, rejected, held: 0, notes };
}

/** Whether the first non-empty line is a cdr_csv line: 16 to 21 fields, a start time in the tenth. */
function detect(text: string): boolean {
  for (const [, line] of numberedLines(text.slice(0, 8192))) {
    if (line.trim() === '') continue;
    const split = splitCdrLine(line);
    if ('error' in split) return false;
    const { fields } = split;
    return fields.length >= 16 && fields.length <= 21 && START_FIELD.test(fields[9] ?? '') && /^\d+$/.test(fields[12] ?? '') && /^\d+$/.test(fields[13] ?? '');
  }
  return false;
}

export const asteriskCdrImporter: Importer = {
  format: 'asterisk-cdr',
  label: 'Asterisk CDR (cdr-csv Master.csv)',
  detect,
  needs: ['timeZone'],
  parse,
};
