import { describe, expect, it } from 'vitest';
import { actionFamilies, auditQueryOf, EMPTY_AUDIT_FILTERS, startOfDayIn } from './audit-filters';

describe('audit filters', () => {
  it("reads a day as midnight in the reader's time zone, across a DST change", () => {
    expect(startOfDayIn('2026-03-29', 'Europe/Paris')?.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    // Paris moves to summer time on 29 March: the next midnight is only 23 hours later.
    expect(startOfDayIn('2026-03-29', 'Europe/Paris', 1)?.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfDayIn('2026-01-31', 'Indian/Mauritius', 1)?.toISOString()).toBe('2026-01-31T20:00:00.000Z');
    expect(startOfDayIn('31/01/2026', 'UTC')).toBeNull();
  });

  it('sends only the filters that are set, the end day included', () => {
    expect(auditQueryOf(EMPTY_AUDIT_FILTERS, 'UTC')).toEqual({});
    expect(auditQueryOf({ actor: ' hq@ ', action: 'user.', entity: 'site', site: 'TUN', from: '2026-11-02', to: '2026-11-02' }, 'Africa/Tunis')).toEqual({
      actor: 'hq@',
      action: 'user.',
      entity: 'site',
      site: 'TUN',
      from: new Date('2026-11-01T23:00:00Z'),
      to: new Date('2026-11-02T23:00:00Z'),
    });
  });

  it('groups actions into families by their last dot', () => {
    expect(actionFamilies(['user.create', 'user.update', 'qa.form.create', 'qa.rescore.create', 'login'])).toEqual(['qa.form.', 'qa.rescore.', 'user.']);
  });
});
