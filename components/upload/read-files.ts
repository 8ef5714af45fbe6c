// The files a person chose, read as text in the browser, within the limits the server sets
// (server/ingest/upload-input.ts: at most 4 files, 16 MiB together), so that an oversized choice
// is refused before it is sent.
export const MAX_FILES = 4;
export const MAX_TOTAL_BYTES = 16 * 1024 * 1024;
/** What the server's recognition reads of each file (RECOGNISE_HEAD_CHARS). */
export const HEAD_CHARS = 64 * 1024;

export type ChosenFile = { name: string; text: string };

export type ReadFiles = { files: ChosenFile[] } | { refused: 'tooMany' | 'tooLarge' };

export async function readChosenFiles(list: FileList | readonly File[]): Promise<ReadFiles> {
  const chosen = Array.from(list);
  if (chosen.length > MAX_FILES) return { refused: 'tooMany' };
  if (chosen.reduce((sum, f) => sum + f.size, 0) > MAX_TOTAL_BYTES) return { refused: 'tooLarge' };
  return { files: await Promise.all(chosen.map(async (f) => ({ name: f.name, text: await f.text() }))) };
}

/** The start of each file: enough for the server to recognise the format without the whole upload. */
export function headsOf(files: readonly ChosenFile[]): { name: string; head: string }[] {
  return files.map((f) => ({ name: f.name, head: f.text.slice(0, HEAD_CHARS) }));
}
