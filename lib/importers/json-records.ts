// Reads the JSON shapes vendors' exports come in — a list page `{ "<key>": [ … ], …paging }`, a
// bare array, or one record per line (JSON lines) — record by record, handing each to the caller
// with the line it starts on and its position in the file, so that a record that cannot be used is
// named by both. Records are parsed one at a time and handed on, never all held at once: a 400 MB
// export costs one record's objects, not the whole file's. A record written on one line (the way
// the APIs and their exports write them) is parsed from its line as it stands; any other layout is
// found by scanning braces. One broken record costs that record, not the whole file. Shared by the
// Genesys and Twilio importers.

/** Where a record is: its 1-based line and position, and its first characters when it is rejected. */
export class JsonPlace {
  constructor(
    private readonly text: string,
    readonly line: number,
    readonly record: number,
    private readonly start: number,
    private readonly end: number,
  ) {}
  where(): { line: number; excerpt: string } {
    return { line: this.line, excerpt: excerptOf(this.text, this.start, this.end) };
  }
}

/**
 * Called with each record: its value, the list key it was found under (`conversations`, `calls`,
 * `events`) or null for a bare record, and its place.
 */
export type JsonVisitor = (value: unknown, key: string | null, place: JsonPlace) => void;

export type JsonProblem = { line: number; record?: number; reason: string; excerpt: string };

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


/**
 * The end of the object that starts at `i` when it is written on its own line (followed by nothing,
 * or by the comma before the next element), checked by parsing it: its value, or undefined when the
 * object runs on past its line or is not valid JSON, and the scan must find its end.
 */
function objectOnItsLine(text: string, i: number): { value: unknown; end: number } | undefined {
  const nl = text.indexOf('\n', i);
  let e = nl < 0 ? text.length : nl;
  while (e > i && isSpace(text.charCodeAt(e - 1))) e--;
  if (text.charCodeAt(e - 1) === COMMA) e--;
  if (text.charCodeAt(e - 1) !== CLOSE_BRACE) return undefined;
  try {
    // A value that parses from `i` to `e` is the whole object opening at `i`: it closes exactly at `e`.
    return { value: JSON.parse(text.slice(i, e)), end: e };
  } catch {
    return undefined;
  }
}

/** Reads `text` value by value, each record parsed on its own and handed to `visit`. */
function scanJsonRecords(text: string, listKeys: readonly string[], visit: JsonVisitor): JsonProblem[] {
  const lineAt = lineCounter(text);
  const problems: JsonProblem[] = [];
  let position = 0;
  /** Where the element being read starts: a list that breaks is reported there. */
  let elementStart = 0;

  const take = (start: number, end: number, key: string | null) => {
    position++;
    const line = lineAt(start);
    let value: unknown;
    try {
      value = JSON.parse(text.slice(start, end));
    } catch {
      problems.push({ line, record: position, reason: 'This record is not valid JSON', excerpt: excerptOf(text, start, end) });
      return;
    }
    visit(value, key, new JsonPlace(text, line, position, start, end));
  };

  /** Reads the elements of the array opening at `i`; returns the index after it, or -1. */
  const readArray = (i: number, key: string | null): number => {
    let k = skipSpace(text, i + 1);
    if (text.charCodeAt(k) === CLOSE_BRACKET) return k + 1;
    while (k < text.length) {
      elementStart = k;
      let end: number;
      const own = text.charCodeAt(k) === OPEN_BRACE ? objectOnItsLine(text, k) : undefined;
      if (own) {
        end = own.end;
        position++;
        visit(own.value, key, new JsonPlace(text, lineAt(k), position, k, end));
      } else {
        end = skipValue(text, k);
        if (end < 0) return -1;
        take(k, end, key);
      }
      k = skipSpace(text, end);
      const c = text.charCodeAt(k);
      if (c === CLOSE_BRACKET) return k + 1;
      if (c !== COMMA) return -1;
      k = skipSpace(text, k + 1);
    }
    return -1;
  };

  /**
   * A top-level object: a list page when it holds one of the list keys, else a record of its own.
   * Returns the index after it, or -1 when it never closes. A page that reads cleanly to its closing
   * brace is not scanned a second time for its end: only records and broken pages are.
   */
  const readObject = (start: number): number => {
    let end: number | undefined;
    const endOf = () => (end ??= skipValue(text, start));
    const bound = () => (endOf() < 0 ? text.length : endOf());
    let k = skipSpace(text, start + 1);
    let found = false;
    let clean = true;
    while (k < text.length && text.charCodeAt(k) === QUOTE) {
      clean = false;
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
          problems.push({ line: lineAt(at), record: position + 1, reason: `The "${key}" list is cut short or broken here`, excerpt: excerptOf(text, at, bound()) });
          return endOf();
        }
        k = after;
      } else {
        const after = skipValue(text, k);
        if (after < 0) break;
        k = after;
      }
      k = skipSpace(text, k);
      if (text.charCodeAt(k) === COMMA) k = skipSpace(text, k + 1);
      clean = true;
    }
    if (found && clean && text.charCodeAt(k) === CLOSE_BRACE) return k + 1;
    if (!found) take(start, bound(), null);
    return endOf();
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
    let end: number;
    if (c === OPEN_BRACE) {
      end = readObject(i);
      // An object that never closes: what its list held up to the break is read; the scan stops.
      if (end < 0) break;
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
  return problems;
}

/** The records a value read from one line holds: the elements of an array or of a list page's lists, else the value itself. */
function visitRecordsIn(value: unknown, listKeys: readonly string[], place: () => JsonPlace, visit: JsonVisitor): void {
  if (Array.isArray(value)) {
    for (const v of value) visit(v, null, place());
    return;
  }
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    let listed = false;
    for (const key of Object.keys(object)) {
      const list = object[key];
      if (listKeys.includes(key) && Array.isArray(list)) {
        listed = true;
        for (const v of list) visit(v, key, place());
      }
    }
    if (listed) return;
  }
  visit(value, null, place());
}

function readJsonLines(text: string, listKeys: readonly string[], visit: JsonVisitor): JsonProblem[] {
  const problems: JsonProblem[] = [];
  let position = 0;
  let lineNo = 0;
  for (let from = 0; from < text.length; ) {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl;
    const start = from;
    from = end + 1;
    lineNo++;
    const raw = text.slice(start, end);
    if (raw.trim() === '') continue;
    const line = lineNo;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      position++;
      problems.push({ line, record: position, reason: 'This record is not valid JSON', excerpt: excerptOf(text, start, end) });
      continue;
    }
    visitRecordsIn(value, listKeys, () => new JsonPlace(text, line, ++position, start, end), visit);
  }
  return problems;
}

/**
 * Hands every record of `text` to `visit`, in file order, and returns what could not be read.
 * Records are the elements of an array (bare, or under one of `listKeys` in a wrapping object) or,
 * for any other object, the object itself.
 */
export function readJsonRecords(text: string, listKeys: readonly string[], visit: JsonVisitor): JsonProblem[] {
  if (isJsonLines(text, skipSpace(text, 0))) return readJsonLines(text, listKeys, visit);
  return scanJsonRecords(text, listKeys, visit);
}
