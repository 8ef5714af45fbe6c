// What the upload page sends: the files as text, the format when the person chose one (else Vigie
// recognises it), and the options an importer needs. One schema for the preview and the commit,
// so that what was previewed is exactly what is committed.
import { z } from 'zod';
import { IMPORT_FORMATS, type ImportFormat } from '@/lib/importers/types';
import { isValidTimeZone } from '@/lib/sites/site-input';

/** Twilio's export comes as two files (calls and TaskRouter events); four leaves room, and bounds one upload. */
export const UPLOAD_MAX_FILES = 4;
/** All files together; far above 5,000 rows of Vigie's CSV, and about 150,000 queue_log calls. */
export const UPLOAD_MAX_CHARS = 16 * 1024 * 1024;
/** What recognition reads of each file: the importers' detect() reads no further (lib/importers/index.ts). */
export const RECOGNISE_HEAD_CHARS = 64 * 1024;

/** Vigie's own CSV or JSON (the REST API's records), which needs no importer. */
export const VIGIE_FORMAT = 'vigie';
export type UploadFormat = ImportFormat | typeof VIGIE_FORMAT;
export const uploadFormatSchema = z.enum([...IMPORT_FORMATS, VIGIE_FORMAT]);

export const uploadKindSchema = z.enum(['calls', 'evaluations']);

function compilesAsRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

export const uploadOptionsSchema = z.object({
  /** IANA zone of sources whose times carry no offset; the site's own zone when absent. */
  timeZone: z.string().trim().refine(isValidTimeZone, 'A time zone is an IANA name, e.g. Africa/Tunis').optional(),
  /** csv: the name of a column mapping saved for the caller's site (/upload/mappings). */
  mapping: z.string().trim().min(1).max(100).optional(),
  /** Asterisk CDR: a regular expression on dcontext that makes a call inbound. */
  inboundContext: z.string().min(1).max(200).refine(compilesAsRegExp, 'Not a regular expression').optional(),
  /** Asterisk CDR: the queue of calls whose CDR names none. */
  defaultQueue: z.string().trim().min(1).max(100).optional(),
});

const uploadFileSchema = z.object({
  name: z.string().trim().min(1).max(255),
  text: z.string().min(1, 'The file is empty'),
});

export const uploadInput = z.object({
  kind: uploadKindSchema,
  files: z
    .array(uploadFileSchema)
    .min(1)
    .max(UPLOAD_MAX_FILES)
    .refine((files) => files.reduce((sum, f) => sum + f.text.length, 0) <= UPLOAD_MAX_CHARS, {
      message: 'The files together are larger than 16 MiB: split them, or push them with the vigie push command',
    }),
  /** Absent: Vigie recognises the format from the files. */
  format: uploadFormatSchema.optional(),
  options: uploadOptionsSchema.optional(),
});

export type UploadInput = z.infer<typeof uploadInput>;
export type UploadOptions = z.infer<typeof uploadOptionsSchema>;

/** Recognition reads only the start of each file, so the page asks before sending whole files. */
export const recogniseInput = z.object({
  files: z
    .array(z.object({ name: z.string().trim().min(1).max(255), head: z.string().max(RECOGNISE_HEAD_CHARS) }))
    .min(1)
    .max(UPLOAD_MAX_FILES),
});
