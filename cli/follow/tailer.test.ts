// The tailer on real files in a temporary directory: a file that grows (a partial last line left
// for later), rotation by rename with lines still arriving in the renamed file, a rotated file gone
// before it was finished, copytruncate (smaller, and emptied then rewritten past the old offset),
// a missing file, and a position resumed after the file moved to <log>-YYYYMMDD.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tailStep, type FilePosition, type TailStep } from './tailer';

let dir: string;
let log: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-tail-'));
  log = path.join(dir, 'queue_log');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Steps until nothing more is read at once, gathering lines as `source:line:text`. */
function drain(pos: FilePosition | null, maxBytes = 1 << 20): { pos: FilePosition | null; lines: string[]; notices: string[] } {
  const lines: string[] = [];
  const notices: string[] = [];
  let step: TailStep;
  do {
    step = tailStep(log, pos, maxBytes);
    step.lines.forEach((l, i) => lines.push(`${step.source}:${step.firstLine + i}:${l}`));
    notices.push(...step.notices);
    pos = step.position;
  } while (step.more);
  return { pos, lines, notices };
}

describe('tailStep', () => {
  it('reads the lines a file gains, leaving a partial last line until its newline arrives', () => {
    fs.writeFileSync(log, 'a\nb\r\npart');
    let r = drain(null);
    expect(r.lines).toEqual(['queue_log:1:a', 'queue_log:2:b']);
    expect(r.pos!.offset).toBe(5);
    expect(drain(r.pos).lines).toEqual([]);
    fs.appendFileSync(log, 'ial\nc\n');
    r = drain(r.pos);
    expect(r.lines).toEqual(['queue_log:3:partial', 'queue_log:4:c']);
    expect(r.pos!.line).toBe(4);
  });

  it('reads a big file in budgets of bytes, cutting only at newlines', () => {
    const lines = Array.from({ length: 500 }, (_, i) => `line ${i} ${'x'.repeat(i % 37)}`);
    fs.writeFileSync(log, lines.join('\n') + '\n');
    const r = drain(null, 1000);
    expect(r.lines).toEqual(lines.map((l, i) => `queue_log:${i + 1}:${l}`));
    expect(r.pos!.offset).toBe(fs.statSync(log).size);
  });

  it('finishes the renamed file, lines the writer added to it after the rename included, then reads the new file from its start', () => {
    fs.writeFileSync(log, '1\n2\n');
    let r = drain(null);
    fs.renameSync(log, `${log}.1`);
    fs.appendFileSync(`${log}.1`, '3\n4'); // the writer has not reopened its log yet
    r = drain(r.pos);
    expect(r.lines).toEqual(['queue_log.1:3:3']);
    // No new file yet (between the rename and its creation): wait, say so, keep the place.
    expect(r.notices).toEqual([`${log} is missing: waiting for it`]);
    fs.writeFileSync(log, ''); // created empty: the writer may still be on the old file
    expect(drain(r.pos).lines).toEqual([]);
    fs.writeFileSync(log, 'new 1\nnew 2\n');
    r = drain(r.pos);
    // The old file's last line had no newline: the writer has left it, so it is a line.
    expect(r.lines).toEqual(['queue_log.1:4:4', 'queue_log:1:new 1', 'queue_log:2:new 2']);
    expect(r.notices[0]).toMatch(/was rotated: finished queue_log\.1 at line 4/);
    expect(r.pos!.ino).toBe(String(fs.statSync(log).ino));
  });

  it('finds the file it was reading under any name in the directory (dateext), after a restart', () => {
    fs.writeFileSync(log, 'a\nb\n');
    const saved = drain(null).pos;
    fs.appendFileSync(log, 'c\n');
    fs.renameSync(log, `${log}-20261203`);
    fs.writeFileSync(log, 'd\n');
    const r = drain(JSON.parse(JSON.stringify(saved)) as FilePosition);
    expect(r.lines).toEqual(['queue_log-20261203:3:c', 'queue_log:1:d']);
  });

  it('says the rest of a rotated file is lost when it is gone (compressed) before it was finished', () => {
    fs.writeFileSync(log, 'a\n');
    const saved = drain(null).pos;
    fs.appendFileSync(log, 'b\n');
    // logrotate compressed it (without delaycompress): the new log is created while the old is
    // still there (so that its inode is not the old one's, reused).
    fs.writeFileSync(`${log}.new`, 'c\n');
    fs.renameSync(`${log}.new`, log);
    const r = drain(saved);
    expect(r.lines).toEqual(['queue_log:1:c']);
    expect(r.notices[0]).toMatch(/no longer in .*: whatever it gained after line 1 is lost/);
  });

  it('reads a new file from its start even when it was given the deleted file\'s inode', () => {
    fs.writeFileSync(log, 'a\n');
    const saved = drain(null).pos;
    fs.rmSync(log);
    fs.writeFileSync(log, 'b\n'); // tmpfs and ext4 hand the freed inode out again
    expect(drain(saved).lines).toEqual(['queue_log:1:b']);
  });

  it('starts again at the top of a file truncated in place (copytruncate)', () => {
    fs.writeFileSync(log, 'one\ntwo\nthree\n');
    let r = drain(null);
    fs.truncateSync(log, 0);
    fs.appendFileSync(log, 'four\n');
    r = drain(r.pos);
    expect(r.lines).toEqual(['queue_log:1:four']);
    expect(r.notices[0]).toMatch(/truncated/);
  });

  it('notices a truncation even when the file grew back past the old offset before the next look', () => {
    fs.writeFileSync(log, 'aaaa\nbbbb\n');
    let r = drain(null);
    fs.truncateSync(log, 0);
    fs.appendFileSync(log, 'cccc\ndddd\neeee\n');
    r = drain(r.pos);
    expect(r.lines).toEqual(['queue_log:1:cccc', 'queue_log:2:dddd', 'queue_log:3:eeee']);
  });

  it('waits for a file that does not exist yet', () => {
    const r = drain(null);
    expect(r).toMatchObject({ pos: null, lines: [] });
    expect(r.notices).toEqual([`${log} does not exist (yet): waiting for it`]);
    fs.writeFileSync(log, 'x\n');
    expect(drain(null).lines).toEqual(['queue_log:1:x']);
  });
});
