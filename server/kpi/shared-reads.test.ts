import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { shareInFlight } from './shared-reads';

// Two distinct objects stand for two databases: only their identity matters here.
const dbA = {} as Db;
const dbB = {} as Db;

function counter() {
  let runs = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const compute = async () => {
    runs++;
    await gate;
    return { run: runs };
  };
  return { compute, release, runs: () => runs };
}

describe('shareInFlight', () => {
  it('computes once for identical reads in flight, then afresh once the answer is out', async () => {
    const c = counter();
    const first = shareInFlight(dbA, 'k', c.compute);
    const second = shareInFlight(dbA, 'k', c.compute);
    c.release();
    expect(await first).toBe(await second);
    expect(c.runs()).toBe(1);
    await shareInFlight(dbA, 'k', c.compute);
    expect(c.runs()).toBe(2);
  });

  it('never shares across keys or databases', async () => {
    const c = counter();
    const reads = [shareInFlight(dbA, 'k', c.compute), shareInFlight(dbA, 'other', c.compute), shareInFlight(dbB, 'k', c.compute)];
    c.release();
    await Promise.all(reads);
    expect(c.runs()).toBe(3);
  });

  it('gives every sharer the failure, and the next read tries again', async () => {
    let attempts = 0;
    const failing = async () => {
      attempts++;
      await Promise.resolve();
      throw new Error('database away');
    };
    const reads = [shareInFlight(dbA, 'f', failing), shareInFlight(dbA, 'f', failing)];
    for (const r of reads) await expect(r).rejects.toThrow('database away');
    expect(attempts).toBe(1);
    await expect(shareInFlight(dbA, 'f', failing)).rejects.toThrow('database away');
    expect(attempts).toBe(2);
  });
});
