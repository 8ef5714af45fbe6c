// Reads the JSON shapes vendors' exports come in — a list page `{ "<key>": [ … ], …paging }`, a
// bare array, or one record per line (JSON lines) — into records that each know the line they
// start on and their position in the file, so that a record that cannot be used is named by both.
// A file that is valid JSON is parsed at once (the fast path); where each record starts is worked
// out only when one of them is rejected. A broken file is scanned record by record, each parsed on
// its own: one broken record costs that record, not the whole file. Shared by the Genesys and
// Twilio importers.

export type JsonRecord = {
  value: unknown;
  /** 1-based position of the record in its file. */
  record: number;
  /** The list key it was found under (`conversations`, `calls`, `events`), or null for a bare record. */
  key: string | null;
  /** The 1-based line the record starts on and its first characters: asked for when it is rejected. */
  where(): { line: number; excerpt: string };
};

export type JsonProblem = { line: number; record?: number; reason: string; excerpt: string };

export type JsonRecords = { records: JsonRecord[]; problems: JsonProblem[] };

const EXCERPT = 200;
const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The index after the string that opens at `i` (a quote), or -1 when the text ends inside it. */
function skipString(text: string, i: number): number {
  let at = i + 1;
  for (;;) {
    const q = text.indexOf('"', at);
    if (q < 0) return -1;
    let slashes = 0;
    for (let k = q - 1; text.charCodeAt(k) === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return q + 1;
    at = q + 1;
  }
}

/** The index after the JSON value that starts at `i`, or -1 when the text ends inside it. */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return skipString(text, i);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    let depth = 0;
    let k = i;
    while (k < text.length) {
      const d = text.charCodeAt(k);
      if (d === QUOTE) {
        k = skipString(text, k);
        if (k < 0) return -1;
        continue;
      }
      if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
      else if (d === CLOSE_BRACE || d === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return k + 1;
      }
      k++;
    }
    return -1;
  }
  // A number, true, false, null or stray text: up to the next delimiter.
  let k = i;
  while (k < text.length) {
    const d = text.charCodeAt(k);
    if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d === 10 || d === 13) break;
    k++;
  }
  return k === i ? i + 1 : k;
}

/** Counts lines forward only: offsets are asked for in increasing order, so the whole file is read once. */
function lineCounter(text: string) {
  let offset = 0;
  let line = 1;
  return (to: number) => {
    for (let nl = text.indexOf('\n', offset); nl >= 0 && nl < to; nl = text.indexOf('\n', nl + 1)) line++;
    offset = Math.max(offset, to);
    return line;
  };
}

const excerptOf = (text: string, start: number, end: number) =>
  text.slice(start, Math.min(end, start + EXCERPT)).replace(/\s+/g, ' ');

/** JSON lines: the first line alone is a whole JSON object and more text follows it. */
function isJsonLines(text: string, start: number): boolean {
  if (text.charCodeAt(start) !== OPEN_BRACE) return false;
  const nl = text.indexOf('\n', start);
  if (nl < 0 || skipSpace(text, nl) >= text.length) return false;
  // Only the first line is read: a list page is one object over the whole file.
  const end = skipValue(text.slice(start, nl), 0);
  return end > 0;
}

/** Reads `text` value by value, each record parsed on its own: the path for files that are not valid JSON. */
function scanJsonRecords(text: string, listKeys: readonly string[]): JsonRecords {
  const lineAt = lineCounter(text);
  const records: JsonRecord[] = [];
  const problems: JsonProblem[] = [];
  let position = 0;
  /** Where the element being read starts: a list that breaks is reported there. */
  let elementStart = 0;

  const take = (start: number, end: number, key: string | null) => {
    position++;
    const line = lineAt(start);
    const slice = text.slice(start, end);
    try {
      records.push({ value: JSON.parse(slice), record: position, key, where: () => ({ line, excerpt: excerptOf(text, start, end) }) });
    } catch {
      problems.push({ line, record: position, reason: 'This record is not valid JSON', excerpt: excerptOf(text, start, end) });
    }
  };

  /** Reads the elements of the array opening at `i`; returns the index after it, or -1. */
  const readArray = (i: number, key: string | null): number => {
    let k = skipSpace(text, i + 1);
    if (text.charCodeAt(k) === CLOSE_BRACKET) return k + 1;
    while (k < text.length) {
      elementStart = k;
      const end = skipValue(text, k);
      if (end < 0) return -1;
      take(k, end, key);
      k = skipSpace(text, end);
      const c = text.charCodeAt(k);
      if (c === CLOSE_BRACKET) return k + 1;
      if (c !== COMMA) return -1;
      k = skipSpace(text, k + 1);
    }
    return -1;
  };

  /** A top-level object: a list page when it holds one of the list keys, else a record of its own. */
  const readObject = (start: number, end: number) => {
    let k = skipSpace(text, start + 1);
    let found = false;
    while (k < end - 1 && text.charCodeAt(k) === QUOTE) {
      const keyEnd = skipString(text, k);
      if (keyEnd < 0) break;
      const key = text.slice(k + 1, keyEnd - 1);
      k = skipSpace(text, keyEnd);
      if (text.charCodeAt(k) !== COLON) break;
      k = skipSpace(text, k + 1);
      if (listKeys.includes(key) && text.charCodeAt(k) === OPEN_BRACKET) {
        found = true;
        const after = readArray(k, key);
        if (after < 0) {
          const at = Math.max(k, elementStart);
          problems.push({ line: lineAt(at), record: position + 1, reason: `The "${key}" list is cut short or broken here`, excerpt: excerptOf(text, at, end) });
          return;
        }
        k = after;
      } else {
        const after = skipValue(text, k);
        if (after < 0) break;
        k = after;
      }
      k = skipSpace(text, k);
      if (text.charCodeAt(k) === COMMA) k = skipSpace(text, k + 1);
    }
    if (!found) take(start, end, null);
  };

  let i = skipSpace(text, 0);
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACKET) {
      const end = readArray(i, null);
      if (end < 0) {
        const at = Math.max(i, elementStart);
        problems.push({ line: lineAt(at), record: position + 1, reason: 'The list is cut short or broken here', excerpt: excerptOf(text, at, text.length) });
        break;
      }
      i = skipSpace(text, end);
      continue;
    }
    const end = skipValue(text, i);
    if (c === OPEN_BRACE && end > 0) readObject(i, end);
    else if (c === OPEN_BRACE) {
      // An object that never closes: read what its list holds up to the break, then stop.
      readObject(i, text.length);
      break;
    } else {
      // Not a record: a stray value or text between records.
      const nl = text.indexOf('\n', i);
      const lineEnd = nl < 0 ? text.length : nl;
      const line = lineAt(i);
      const piece = text.slice(i, lineEnd).trim();
      if (piece !== ',') {
        problems.push({ line, reason: 'This line is not a JSON record', excerpt: excerptOf(text, i, lineEnd) });
      }
      i = skipSpace(text, lineEnd);
      continue;
    }
    i = skipSpace(text, end);
    if (text.charCodeAt(i) === COMMA) i = skipSpace(text, i + 1);
  }
  return { records, problems };
}

type Listed = { value: unknown; key: string | null }[];

/** The records a parsed value holds: the elements of an array or of a list page's lists, else the value itself. */
function recordsIn(value: unknown, listKeys: readonly string[]): Listed {
  if (Array.isArray(value)) return value.map((v: unknown) => ({ value: v, key: null }));
  const out: Listed = [];
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const list = object[key];
      if (listKeys.includes(key) && Array.isArray(list)) for (const v of list) out.push({ value: v, key });
    }
    if (out.length > 0 || listKeys.some((key) => Array.isArray(object[key]))) return out;
  }
  return [{ value, key: null }];
}

function readJsonLines(text: string, listKeys: readonly string[]): JsonRecords {
  const records: JsonRecord[] = [];
  const problems: JsonProblem[] = [];
  let position = 0;
  let lineNo = 0;
  for (let from = 0; from < text.length; ) {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(from, end);
    from = end + 1;
    lineNo++;
    if (raw.trim() === '') continue;
    const line = lineNo;
    const where = () => ({ line, excerpt: excerptOf(raw, 0, raw.length) });
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      position++;
      problems.push({ line, record: position, reason: 'This record is not valid JSON', excerpt: where().excerpt });
      continue;
    }
    for (const item of recordsIn(value, listKeys)) {
      position++;
      records.push({ value: item.value, record: position, key: item.key, where });
    }
  }
  return { records, problems };
}

/** The scan of a valid file, run the first time a record's line is asked for. */
class LaterScan {
  private scanned: JsonRecords | undefined;
  constructor(
    private readonly text: string,
    private readonly listKeys: readonly string[],
  ) {}
  where(index: number) {
    this.scanned ??= scanJsonRecords(this.text, this.listKeys);
    return this.scanned.records[index]?.where() ?? { line: 0, excerpt: '' };
  }
}

/** A record of a valid file (a class, not a closure per record: files hold hundreds of thousands). */
class ScannedLater implements JsonRecord {
  constructor(
    readonly value: unknown,
    readonly record: number,
    readonly key: string | null,
    private readonly scan: LaterScan,
  ) {}
  where() {
    return this.scan.where(this.record - 1);
  }
}

/**
 * Reads every record of `text`. Records are the elements of an array (bare, or under one of
 * `listKeys` in a wrapping object) or, for any other object, the object itself.
 */
export function readJsonRecords(text: string, listKeys: readonly string[]): JsonRecords {
  if (isJsonLines(text, skipSpace(text, 0))) return readJsonLines(text, listKeys);
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    return scanJsonRecords(text, listKeys);
  }
  if (whole === null || typeof whole !== 'object') return scanJsonRecords(text, listKeys);
  // Valid JSON: the scan that finds each record's line runs once, and only if a record is rejected.
  const scan = new LaterScan(text, listKeys);
  const records: JsonRecord[] = recordsIn(whole, listKeys).map((item, index) => new ScannedLater(item.value, index + 1, item.key, scan));
  return { records, problems: [] };
}
