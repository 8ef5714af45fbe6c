// Reads the complete lines a log file gained since a saved position, across log rotation (the file
// renamed and a new one created), copytruncate (the same file emptied) and the moment between a
// rename and the new file's creation. Polling, not fs.watch: a watch follows an inode, and
// rotation is precisely the path changing inode.
//
// A position names the file by identity (device + inode), not by path, so after a rotation (or a
// restart in the middle of one) the file being read is found again wherever it was renamed to.
import fs from 'node:fs';
import path from 'node:path';

export type FilePosition = {
  /** Device and inode, as decimal strings (inodes may exceed 2^53 on some file systems). */
  dev: string;
  ino: string;
  /** Bytes consumed: the end of the last complete line read. */
  offset: number;
  /** Lines consumed, so that a rejection names the line of the file. */
  line: number;
  /** Base64 of the (at most 32) bytes before `offset`: tells a file emptied and rewritten past the offset, or an inode reused. */
  tail: string;
};

export type TailStep = {
  /** Where the next step starts (null: no file yet). */
  position: FilePosition | null;
  lines: string[];
  /** The name of the file the lines come from (the rotated name while finishing a rotated file). */
  source: string;
  /** 1-based line number of lines[0] in its file. */
  firstLine: number;
  /** True when more may be read at once (the step stopped at its byte budget, or just changed file). */
  more: boolean;
  /** What happened to the file, in words (rotation, truncation, waiting for it), for the log. */
  notices: string[];
};

const TAIL_BYTES = 32;
const NEWLINE = 0x0a;

type Opened = { fd: number; file: string; stat: fs.BigIntStats };

/** The log cannot be read at all (permissions): a matter for whoever installed the follower. */
export class LogReadError extends Error {
  override name = 'UsageError';
}

function open(file: string): Opened | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new LogReadError(`Cannot read ${file}: permission denied. Run vigie follow as a user that can read the log (e.g. asterisk).`);
    }
    throw error;
  }
  // Identity from the descriptor, not from a stat of the path: the path may be renamed in between.
  return { fd, file, stat: fs.fstatSync(fd, { bigint: true }) };
}

function close(opened: Opened | null) {
  if (opened) fs.closeSync(opened.fd);
}

const isSame = (stat: fs.BigIntStats, pos: FilePosition) => String(stat.dev) === pos.dev && String(stat.ino) === pos.ino;

export function startOf(stat: fs.BigIntStats): FilePosition {
  return { dev: String(stat.dev), ino: String(stat.ino), offset: 0, line: 0, tail: '' };
}

/** Whether the bytes before the saved offset are still those that were read there. */
function tailMatches(opened: Opened, pos: FilePosition): boolean {
  if (pos.offset === 0) return true;
  const expected = Buffer.from(pos.tail, 'base64');
  const actual = Buffer.alloc(expected.length);
  const read = fs.readSync(opened.fd, actual, 0, expected.length, pos.offset - expected.length);
  return read === expected.length && actual.equals(expected);
}

/**
 * The complete lines from `pos`, at most `maxBytes` of them. When `finished` (a rotated file the
 * writer has left), a last line without its newline is a line; otherwise it is left for later.
 */
function readLines(opened: Opened, pos: FilePosition, maxBytes: number, finished: boolean): { lines: string[]; position: FilePosition; more: boolean } {
  const size = Number(opened.stat.size);
  const want = Math.min(size - pos.offset, maxBytes);
  if (want <= 0) return { lines: [], position: pos, more: false };
  const buffer = Buffer.alloc(want);
  const got = fs.readSync(opened.fd, buffer, 0, want, pos.offset);
  const bytes = buffer.subarray(0, got);
  const lastNewline = bytes.lastIndexOf(NEWLINE);
  let consumed: number;
  if (lastNewline >= 0) consumed = lastNewline + 1;
  // A "line" longer than the whole budget is no log line: taken as one, for the importer to reject.
  else if (finished || got === maxBytes) consumed = got;
  else return { lines: [], position: pos, more: false };

  const text = bytes.subarray(0, consumed).toString('utf8');
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);

  const offset = pos.offset + consumed;
  const tailStart = Math.max(0, consumed - TAIL_BYTES);
  const tail =
    consumed >= TAIL_BYTES || pos.offset === 0
      ? Buffer.from(bytes.subarray(tailStart, consumed)).toString('base64')
      : Buffer.concat([Buffer.from(pos.tail, 'base64'), bytes.subarray(0, consumed)]).subarray(-TAIL_BYTES).toString('base64');
  return { lines, position: { ...pos, offset, line: pos.line + lines.length, tail }, more: offset < size && got === maxBytes };
}

/** The file with this identity in the log's directory: `<log>.1` first, then any name (`<log>-20261203`, …). */
function findRotated(logPath: string, pos: FilePosition): Opened | null {
  const dir = path.dirname(logPath);
  const first = `${logPath}.1`;
  const names = [first, ...safeReaddir(dir).map((n) => path.join(dir, n)).filter((f) => f !== first && f !== logPath)];
  for (const file of names) {
    let opened: Opened | null;
    try {
      opened = open(file);
    } catch {
      continue; // a file we may not read (EACCES) or a directory entry gone since the listing
    }
    if (opened && opened.stat.isFile() && isSame(opened.stat, pos)) return opened;
    close(opened);
  }
  return null;
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * One step of following `logPath` from `pos` (null: never read; start at the file's first byte).
 * Never throws for a missing file; it says so in `notices` and keeps the position.
 */
export function tailStep(logPath: string, pos: FilePosition | null, maxBytes: number): TailStep {
  const name = path.basename(logPath);
  const none = (position: FilePosition | null, notices: string[] = [], more = false): TailStep => ({
    position,
    lines: [],
    source: name,
    firstLine: (position?.line ?? 0) + 1,
    more,
    notices,
  });
  const current = open(logPath);
  try {
    if (pos === null) {
      if (!current) return none(null, [`${logPath} does not exist (yet): waiting for it`]);
      pos = startOf(current.stat);
    }
    if (current && isSame(current.stat, pos)) {
      const notices: string[] = [];
      if (Number(current.stat.size) < pos.offset || !tailMatches(current, pos)) {
        notices.push(`${logPath} was truncated (or rewritten) after line ${pos.line}: reading it again from its start`);
        pos = { ...pos, offset: 0, line: 0, tail: '' };
      }
      const read = readLines(current, pos, maxBytes, false);
      return { position: read.position, lines: read.lines, source: name, firstLine: pos.line + 1, more: read.more, notices };
    }

    // The path names another file, or none: the file we were reading was rotated away (or deleted).
    const rotated = findRotated(logPath, pos);
    try {
      if (rotated && (Number(rotated.stat.size) < pos.offset || !tailMatches(rotated, pos))) {
        if (!current) return none(pos, [`${logPath} is missing: waiting for it`]);
        return none(startOf(current.stat), [`${path.basename(rotated.file)} no longer holds what was read of it: starting on the new ${logPath}`], true);
      }
      if (rotated) {
        const source = path.basename(rotated.file);
        const read = readLines(rotated, pos, maxBytes, false);
        // More: the next step reads on, or finds the rotated file drained and moves to the new one.
        if (read.lines.length > 0 || read.more) return { ...read, more: true, source, firstLine: pos.line + 1, notices: [] };
        // Drained. The writer may still append to the renamed file until it reopens its log, so
        // the new file is started only once it holds something.
        if (!current || current.stat.size === 0n) return none(pos, current ? [] : [`${logPath} is missing: waiting for it`]);
        const last = readLines(rotated, pos, maxBytes, true);
        return {
          position: startOf(current.stat),
          lines: last.lines,
          source,
          firstLine: pos.line + 1,
          more: true,
          notices: [`${logPath} was rotated: finished ${source} at line ${last.position.line}, now reading the new ${logPath}`],
        };
      }
      if (!current) return none(pos, [`${logPath} is missing: waiting for it`]);
      return none(
        startOf(current.stat),
        [
          `${logPath} was rotated and the file read until then (inode ${pos.ino}) is no longer in ${path.dirname(logPath)}: ` +
            `whatever it gained after line ${pos.line} is lost (compressed or deleted before it was read; see delaycompress). Reading the new ${logPath}`,
        ],
        true,
      );
    } finally {
      close(rotated);
    }
  } finally {
    close(current);
  }
}
