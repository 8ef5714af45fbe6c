// The state file on a real directory: written whole (no temporary file left, the old state intact
// when a write fails), read back equal, absent = a fresh start, unreadable = a clear error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyState, FollowStateError, loadState, saveState } from './state-store';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-state-'));
  file = path.join(dir, 'state', 'follow.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const sample = () => {
  const state = emptyState('asterisk-queue-log', '/var/log/asterisk/queue_log');
  state.file = { dev: '2049', ino: '18446744073709551615', offset: 120, line: 3, tail: Buffer.from('|COMPLETECALLER|3|60|1\n').toString('base64') };
  state.tracker = { open: { '1764766800.12': { queue: 'support' } } };
  state.outbox = [
    { externalId: 'ql:1.1:support:1764766800', startedAt: '2026-12-03T13:00:00.000Z', direction: 'inbound', queue: 'support', waitSeconds: 4, talkSeconds: 60, holdSeconds: 0, wrapSeconds: 0, abandoned: false },
  ];
  return state;
};

describe('state store', () => {
  it('has no state before the first save, then reads back what it saved (inodes beyond 2^53 intact)', () => {
    expect(loadState(file)).toBeNull();
    const state = sample();
    saveState(file, state);
    const back = loadState(file)!;
    expect({ ...back, savedAt: '' }).toEqual({ ...state, savedAt: '' });
    expect(Date.parse(back.savedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['follow.json']);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('replaces the file by rename: a reader holding the old file still reads the old state whole', () => {
    saveState(file, sample());
    const before = fs.statSync(file).ino;
    const reader = fs.openSync(file, 'r');
    const next = sample();
    next.outbox = [];
    saveState(file, next);
    expect(fs.statSync(file).ino).not.toBe(before);
    const old = JSON.parse(fs.readFileSync(reader, 'utf8')) as { outbox: unknown[] };
    fs.closeSync(reader);
    expect(old.outbox).toHaveLength(1);
    expect(loadState(file)!.outbox).toEqual([]);
  });

  it('refuses a state file it cannot read, saying what to do, rather than starting over silently', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (const text of ['', '{"version":1,"format":"asterisk-queue-log"', JSON.stringify({ ...sample(), version: 2 }), JSON.stringify({ ...sample(), outbox: [{}] })]) {
      fs.writeFileSync(file, text);
      const error = (() => {
        try {
          loadState(file);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(FollowStateError);
      expect((error as Error).message).toMatch(/is not a state vigie follow wrote .*move it aside to start again/);
    }
  });
});
