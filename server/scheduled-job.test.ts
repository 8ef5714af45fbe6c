import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Cron } from 'croner';
import { startScheduledJob } from './scheduled-job';

const started: Cron[] = [];
afterEach(() => {
  for (const job of started.splice(0)) job.stop();
  vi.restoreAllMocks();
});

describe('startScheduledJob', () => {
  it('starts one job per name in a process, and calls onStart only for the start that made it', () => {
    const onStart = vi.fn();
    const spec = { name: 'test-once', pattern: '0 0 1 1 *', failure: 'failed', run: async () => {}, onStart };
    const first = startScheduledJob(spec);
    started.push(first);
    expect(startScheduledJob(spec)).toBe(first);
    expect(onStart).toHaveBeenCalledTimes(1);
    expect(onStart).toHaveBeenCalledWith(first);
  });

  it('logs a failed run with its message instead of throwing, and runs again', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    let runs = 0;
    const job = startScheduledJob({
      name: 'test-failing',
      pattern: '0 0 1 1 *',
      failure: 'the run failed',
      run: async () => {
        runs += 1;
        throw new Error('boom');
      },
    });
    started.push(job);
    await job.trigger();
    await job.trigger();
    expect(runs).toBe(2);
    expect(logged).toHaveBeenCalledTimes(2);
    expect(logged.mock.calls[0]![0]).toBe('the run failed');
    expect((logged.mock.calls[0]![1] as Error).message).toBe('boom');
  });

  it('starts a new job once the previous one of that name was stopped', () => {
    const spec = { name: 'test-restart', pattern: '0 0 1 1 *', failure: 'failed', run: async () => {} };
    const first = startScheduledJob(spec);
    first.stop();
    const second = startScheduledJob(spec);
    started.push(second);
    expect(second).not.toBe(first);
  });
});
