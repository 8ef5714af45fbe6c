// Which format an upload is in, from the start of each file: Vigie's own CSV or JSON first (the
// records of the REST API need no importer), else the importers' own guess (lib/importers).
import { detectFormat, IMPORTERS } from '@/lib/importers';
import type { CsvKind } from './csv';
import { VIGIE_FORMAT, type UploadFormat } from './upload-input';

/** The columns that make a header Vigie's own, compared without case, spaces or underscores. */
const VIGIE_HEADERS: Record<CsvKind, string[]> = {
  calls: ['externalid', 'startedat', 'direction'],
  evaluations: ['externalid', 'evaluatedat', 'formcode'],
};

function firstLine(text: string): string {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  const end = start.search(/\r?\n/);
  return end < 0 ? start : start.slice(0, end);
}

function vigieCsvKind(text: string): CsvKind | null {
  const cells = new Set(
    firstLine(text)
      .split(',')
      .map((cell) => cell.replace(/[^A-Za-z0-9]/g, '').toLowerCase()),
  );
  if (VIGIE_HEADERS.evaluations.every((c) => cells.has(c))) return 'evaluations';
  if (VIGIE_HEADERS.calls.every((c) => cells.has(c))) return 'calls';
  return null;
}

// JSON exports of the vendors (Amazon Connect, Genesys, Twilio) never name a field externalId.
function vigieJsonKind(text: string): CsvKind | null {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('{') && !head.startsWith('[')) return null;
  if (!/"externalId"\s*:\s*["\d]/.test(head)) return null;
  if (/"evaluatedAt"\s*:/.test(head)) return 'evaluations';
  return /"startedAt"\s*:/.test(head) ? 'calls' : null;
}

/** What Vigie's own files hold (calls or evaluations), or null when the text is not one of them. */
export function recogniseVigie(text: string): { kind: CsvKind; syntax: 'csv' | 'json' } | null {
  const json = vigieJsonKind(text);
  if (json) return { kind: json, syntax: 'json' };
  const csv = vigieCsvKind(text);
  return csv ? { kind: csv, syntax: 'csv' } : null;
}

export type FileRecognition = { name: string; format: UploadFormat | null };

export type Recognition = {
  /** The one format of the files, or null when none is recognised or they disagree. */
  format: UploadFormat | null;
  /** For Vigie's own files: whether they hold calls or evaluations. */
  kind: CsvKind | null;
  files: FileRecognition[];
};

/**
 * The format of an upload. A file nothing recognises does not veto the others (Twilio's events
 * export may be recognised by the calls beside it); two files recognised as different formats do.
 */
export function recogniseUpload(files: readonly { name: string; text: string }[]): Recognition {
  let kind: CsvKind | null = null;
  const recognised = files.map((file): FileRecognition => {
    const vigie = recogniseVigie(file.text);
    if (vigie) {
      kind ??= vigie.kind;
      return { name: file.name, format: VIGIE_FORMAT };
    }
    return { name: file.name, format: detectFormat(file.text, file.name) };
  });
  const formats = new Set(recognised.flatMap((f) => (f.format ? [f.format] : [])));
  const [only] = formats;
  return { format: formats.size === 1 && only ? only : null, kind: formats.size === 1 && only === VIGIE_FORMAT ? kind : null, files: recognised };
}

/** A format's name as the page shows it. */
export function uploadFormatLabel(format: UploadFormat): string {
  return format === VIGIE_FORMAT ? 'Vigie CSV/JSON' : IMPORTERS[format].label;
}

/** Why an upload's format could not be settled, in words for the person who chose the files. */
export function unrecognisedReason(recognition: Recognition): string {
  const known = recognition.files.flatMap((f) => (f.format ? [`${f.name} (${uploadFormatLabel(f.format)})`] : []));
  if (known.length > 1) {
    const list = known.join(', ');
    return `These files are in different formats: ${list}. Upload them one format at a time, or choose the format.`;
  }
  return 'Vigie does not recognise this file: choose its format.';
}
