// What every importer shares: a pure function from a telephony source's own export to Vigie's
// CallRecords, with each line it could not use named and explained. Pure (no fs, no database), so
// the CLI, the server's upload preview and `vigie follow` run the very same code.
import type { CallRecordInput } from '@/lib/ingest/call-record.schema';

/** The formats `vigie push --format`, `vigie follow` and the upload page take. */
export const IMPORT_FORMATS = ['asterisk-queue-log', 'asterisk-cdr', 'amazon-connect', 'genesys', 'twilio', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One file of an export, by the name it was given (rejections point into it). */
export type ImportSource = { name: string; text: string };

/** A record as POST /api/v1/calls takes it. */
export type ImportedCall = CallRecordInput;

/** A line (or JSON record) the importer could not turn into a call, and why, in plain words. */
export type ImportRejection = {
  /** The source's name. */
  source: string;
  /** 1-based line of the file; for JSON, the line the record starts on when known, else 0. */
  line: number;
  /** For JSON arrays and JSON lines: the 1-based position of the record in its file. */
  record?: number;
  reason: string;
  /** The start of the offending line or record (at most 200 characters), to show beside the reason. */
  excerpt?: string;
};

export type ImportResult = {
  records: ImportedCall[];
  rejected: ImportRejection[];
  /** Calls still open at the end of the input (queue_log: entered, not yet ended): held back, not guessed. */
  held: number;
  /** Facts about the whole input worth telling the user (e.g. "12 duplicate ContactIds: newest kept"). */
  notes: string[];
};

export type ImportOptions = {
  /** IANA zone for sources whose times carry no offset (Asterisk CDR, many CSV exports). */
  timeZone?: string;
  /** Asterisk CDR: a regular expression on dcontext that makes a call inbound (default documented by the importer). */
  inboundContext?: string;
  /** Asterisk CDR: the queue name when the CDR names none (default "default"). */
  defaultQueue?: string;
  /** csv: the column mapping (lib/importers/csv-mapping.ts). */
  mapping?: unknown;
};

export type Importer = {
  format: ImportFormat;
  /** Shown on the upload page and in `vigie push --help`. */
  label: string;
  /** Whether this text looks like this format (the upload page and `vigie push` without --format). Cheap: reads the first lines. */
  detect(text: string, fileName?: string): boolean;
  /** Which options the importer needs from the user (e.g. timeZone for CDR), shown by the upload page. */
  needs: ('timeZone' | 'mapping')[];
  parse(sources: ImportSource[], options: ImportOptions): ImportResult;
};
