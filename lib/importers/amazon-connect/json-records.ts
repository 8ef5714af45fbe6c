// The JSON values of a contact-record export, whatever way they were delivered: one object per
// line (Kinesis Data Firehose), objects written back to back with no separator (Firehose to S3
// without a newline processor), or arrays of objects (a script's dump). Each value keeps the line it
// starts on and its position, so a broken one is named and the rest are still read.

export type JsonValue = { line: number; record: number; text: string };
export type JsonRecord = { line: number; record: number; value: unknown; text: string } | { line: number; record: number; error: string; text: string };

const OPEN_OBJECT = 123; // {
const CLOSE_OBJECT = 125; // }
const OPEN_ARRAY = 91; // [
const CLOSE_ARRAY = 93; // ]
const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;

const isSpaceOrComma = (c: number) => c === 32 || c === 9 || c === 13 || c === NEWLINE || c === 44;

/**
 * Reads each top-level object (and each object of a top-level array). An object that does not end
 * before a line that starts with "{" in its first column is cut there: that is how a truncated JSON
 * line looks in a JSON-lines file, and the next line is a record of its own.
 */
export function readJsonRecords(text: string): JsonRecord[] {
  const out: JsonRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let record = 0;
  let arrayDepth = 0;
  const advanceTo = (to: number) => {
    for (let k = text.indexOf('\n', i); k >= 0 && k < to; k = text.indexOf('\n', k + 1)) line += 1;
    i = to;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      line += 1;
      i += 1;
      continue;
    }
    if (isSpaceOrComma(c)) {
      i += 1;
      continue;
    }
    if (c === OPEN_ARRAY) {
      arrayDepth += 1;
      i += 1;
      continue;
    }
    if (c === CLOSE_ARRAY && arrayDepth > 0) {
      arrayDepth -= 1;
      i += 1;
      continue;
    }
    record += 1;
    const startLine = line;
    if (c !== OPEN_OBJECT) {
      // Not an object: skip to the end of the line and name it.
      let end = text.indexOf('\n', i);
      if (end < 0) end = n;
      out.push({ line: startLine, record, error: 'This is not a JSON object (a contact record starts with "{")', text: text.slice(i, Math.min(end, i + 200)) });
      advanceTo(end);
      continue;
    }
    // A line that is one whole object (the JSON-lines delivery) is parsed as it stands, unscanned.
    const lineEnd = text.indexOf('\n', i);
    const lineStop = lineEnd < 0 ? n : text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    if (text.charCodeAt(lineStop - 1) === CLOSE_OBJECT && (i === 0 || text.charCodeAt(i - 1) === NEWLINE)) {
      const whole = text.slice(i, lineStop);
      let value: unknown;
      try {
        value = JSON.parse(whole);
      } catch {
        value = undefined;
      }
      if (value !== undefined) {
        out.push({ line: startLine, record, value, text: whole });
        i = lineStop;
        continue;
      }
    }
    const end = objectEnd(text, i);
    const slice = text.slice(i, end.at);
    if (end.complete) {
      try {
        out.push({ line: startLine, record, value: JSON.parse(slice), text: slice });
      } catch (error) {
        out.push({ line: startLine, record, error: `This record is not valid JSON: ${(error as Error).message}`, text: slice });
      }
    } else {
      out.push({ line: startLine, record, error: 'This record is cut short: its braces do not close', text: slice });
    }
    advanceTo(end.at);
  }
  return out;
}

/** Where the object starting at `from` ends (after its closing brace), or where it was cut. */
function objectEnd(text: string, from: number): { at: number; complete: boolean } {
  const n = text.length;
  let depth = 0;
  let i = from;
  // The next newline, found again only once passed: a line is scanned once, however many strings it holds.
  let newline = text.indexOf('\n', from);
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Jump to the closing quote: one not preceded by an odd number of backslashes.
      let q = i + 1;
      for (;;) {
        q = text.indexOf('"', q);
        if (q < 0) return { at: n, complete: false };
        let backslashes = 0;
        for (let b = q - 1; text.charCodeAt(b) === BACKSLASH; b--) backslashes += 1;
        if (backslashes % 2 === 0) break;
        q += 1;
      }
      // A string does not hold a raw newline in JSON: the line was cut inside a string.
      while (newline >= 0 && newline < i) newline = text.indexOf('\n', newline + 1);
      if (newline >= 0 && newline < q && text.charCodeAt(newline + 1) === OPEN_OBJECT) return { at: newline, complete: false };
      i = q + 1;
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth += 1;
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth -= 1;
      if (depth === 0) return { at: i + 1, complete: true };
    } else if (c === NEWLINE && text.charCodeAt(i + 1) === OPEN_OBJECT) {
      return { at: i, complete: false };
    }
    i += 1;
  }
  return { at: n, complete: false };
}
