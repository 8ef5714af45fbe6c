// What the upload page sends for the files and settings a person has chosen, or what it still
// waits for: a format when Vigie recognised none, a saved mapping when the format is a mapped CSV.
import type { UploadFormat, UploadInput } from '@/server/ingest/upload-input';
import type { ChosenFile } from './read-files';

export type UploadKind = UploadInput['kind'];
export type FormatNeed = 'timeZone' | 'mapping';
/** A format the page offers, with what its importer needs from the person (none for Vigie's own files). */
export type FormatOption = { value: UploadFormat; label: string; needs: readonly FormatNeed[] };

export type UploadSettings = {
  kind: UploadKind;
  /** The format recognised or chosen; null while Vigie recognises none and the person has chosen none. */
  format: UploadFormat | null;
  /** The zone of offset-less times; the site's own zone until changed. */
  timeZone: string;
  /** The saved mapping's name; empty until chosen. */
  mapping: string;
};

export type UploadRequest = { input: UploadInput } | { waitingFor: 'format' | 'mapping' };

export function needsOf(formats: readonly FormatOption[], format: UploadFormat | null): readonly FormatNeed[] {
  return formats.find((f) => f.value === format)?.needs ?? [];
}

export function uploadRequest(files: readonly ChosenFile[], settings: UploadSettings, formats: readonly FormatOption[]): UploadRequest {
  if (!settings.format) return { waitingFor: 'format' };
  const needs = needsOf(formats, settings.format);
  if (needs.includes('mapping') && !settings.mapping) return { waitingFor: 'mapping' };
  const options = {
    ...(needs.includes('timeZone') && { timeZone: settings.timeZone }),
    ...(needs.includes('mapping') && { mapping: settings.mapping }),
  };
  return { input: { kind: settings.kind, files: [...files], format: settings.format, ...(Object.keys(options).length > 0 && { options }) } };
}
