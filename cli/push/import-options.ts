// The importer options of `vigie push`, read from the command line and checked before any file is
// read or anything is sent: a wrong zone or rule is one plain sentence, not a file of rejected lines.
import { IMPORT_FORMATS, type ImportFormat, type ImportOptions } from '@/lib/importers/types';
import { isValidTimeZone } from '@/lib/sites/site-input';
import { UsageError } from '../errors';

export type ImportFlags = {
  format?: string;
  mapping?: string;
  timezone?: string;
  'inbound-context'?: string;
  'default-queue'?: string;
};

/** What the flags ask for; `mapping` is still a name or a path, fetched or read later. */
export type ImportRequest = { format: ImportFormat | null; mapping: string | null; options: Omit<ImportOptions, 'mapping'> };

export const FORMAT_LIST = IMPORT_FORMATS.join(', ');

function text(value: unknown, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${flag} needs a value`);
  return value.trim();
}

function isFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value);
}

export function readImportFlags(values: Record<string, unknown>): ImportRequest {
  const rawFormat = text(values.format, 'format');
  if (rawFormat !== undefined && !isFormat(rawFormat)) throw new UsageError(`--format is one of ${FORMAT_LIST} (not "${rawFormat}")`);
  const mapping = text(values.mapping, 'mapping') ?? null;
  // A mapping only means something to the mapped CSV; naming one picks that format.
  const format = rawFormat ?? (mapping !== null ? 'csv' : null);

  const timeZone = text(values.timezone, 'timezone');
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
    throw new UsageError(`--timezone is an IANA zone such as Europe/Paris or Africa/Casablanca (not "${timeZone}")`);
  }
  const inboundContext = text(values['inbound-context'], 'inbound-context');
  if (inboundContext !== undefined) {
    try {
      new RegExp(inboundContext);
    } catch (error) {
      throw new UsageError(`--inbound-context is not a valid regular expression: ${(error as Error).message}`);
    }
  }
  const defaultQueue = text(values['default-queue'], 'default-queue');
  if (defaultQueue !== undefined && defaultQueue.length > 100) throw new UsageError('--default-queue is at most 100 characters');

  const options: ImportRequest['options'] = {};
  if (timeZone !== undefined) options.timeZone = timeZone;
  if (inboundContext !== undefined) options.inboundContext = inboundContext;
  if (defaultQueue !== undefined) options.defaultQueue = defaultQueue;
  const request = { format, mapping, options };
  if (format !== null) checkFlagsFor(format, [], request);
  return request;
}

/**
 * The checks that depend on the format, once it is known (named, or recognised from the file):
 * flags another format would read are refused rather than ignored, and what the importer needs is
 * asked for by name.
 */
export function checkFlagsFor(format: ImportFormat, needs: readonly ('timeZone' | 'mapping')[], request: ImportRequest): void {
  if (request.mapping !== null && format !== 'csv') throw new UsageError(`--mapping goes with --format csv, not ${format}`);
  if (request.options.inboundContext !== undefined && format !== 'asterisk-cdr') {
    throw new UsageError(`--inbound-context is the Asterisk CDR's rule for inbound calls; ${format} does not read it`);
  }
  if (needs.includes('timeZone') && request.options.timeZone === undefined) {
    throw new UsageError(`${format} times carry no offset: name the zone they were written in with --timezone, e.g. --timezone Europe/Paris`);
  }
  if (needs.includes('mapping') && request.mapping === null) {
    throw new UsageError(`${format} needs the column mapping: --mapping NAME (saved for the site) or --mapping ./mapping.json`);
  }
}

/** Whether any importer flag was given (they make no sense for Vigie's own CSV and JSON). */
export function hasImportFlags(values: Record<string, unknown>): boolean {
  return ['format', 'mapping', 'timezone', 'inbound-context', 'default-queue'].some((f) => values[f] !== undefined);
}
