// The importers by format, and the guess of a file's format from its first lines (the upload page
// and `vigie push` without --format). Order matters for the guess: the specific formats first, the
// mapped CSV (any delimited text that is not Vigie's own CSV) last.
import { amazonConnectImporter } from './amazon-connect';
import { asteriskCdrImporter } from './asterisk-cdr';
import { asteriskQueueLogImporter } from './asterisk-queue-log';
import { csvImporter } from './csv';
import { genesysImporter } from './genesys';
import { twilioImporter } from './twilio';
import { IMPORT_FORMATS, type ImportFormat, type Importer } from './types';

export const IMPORTERS: Record<ImportFormat, Importer> = {
  'asterisk-queue-log': asteriskQueueLogImporter,
  'asterisk-cdr': asteriskCdrImporter,
  'amazon-connect': amazonConnectImporter,
  genesys: genesysImporter,
  twilio: twilioImporter,
  csv: csvImporter,
};

/** How much of a file the guess reads: the first lines say what a format is. */
const SNIFF_CHARS = 64 * 1024;

export function isImportFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value);
}

/** The format a file looks like, or null (e.g. Vigie's own CSV or JSON, which need no importer). */
export function detectFormat(text: string, fileName?: string): ImportFormat | null {
  const head = text.slice(0, SNIFF_CHARS).replace(/^\uFEFF/, '');
  for (const format of IMPORT_FORMATS) {
    if (IMPORTERS[format].detect(head, fileName)) return format;
  }
  return null;
}

export type { ImportFormat, Importer, ImportOptions, ImportResult, ImportRejection, ImportSource, ImportedCall } from './types';
export { IMPORT_FORMATS } from './types';
