import { expect, it } from 'vitest';
import { feedStatusOf } from './feed-status';

const now = new Date('2026-11-26T08:00:00Z');

it('calls a feed fresh up to a day after its last push, stale after, never without one', () => {
  expect(feedStatusOf(null, now)).toBe('never');
  expect(feedStatusOf(new Date('2026-11-26T07:00:00Z'), now)).toBe('fresh');
  expect(feedStatusOf(new Date('2026-11-25T08:00:00Z'), now)).toBe('fresh');
  expect(feedStatusOf(new Date('2026-11-25T07:59:59Z'), now)).toBe('stale');
});
