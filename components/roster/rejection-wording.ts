// A rejected roster line in the reader's language: the message key of its code and the values it
// takes (the column named in words, the cell, the first line of a duplicate).
import type { RosterRejection } from '@/lib/agents/roster-csv';

export type RejectionWording = { key: `codes.${RosterRejection['code']}`; values: Record<string, string | number> };

export function rejectionWording(r: Pick<RosterRejection, 'code' | 'column' | 'value' | 'otherLine' | 'reason'>, columnWord: (column: NonNullable<RosterRejection['column']> | 'unknown') => string): RejectionWording {
  return {
    key: `codes.${r.code}`,
    values: {
      column: columnWord(r.column ?? 'unknown'),
      value: r.value ?? '',
      otherLine: r.otherLine ?? 0,
      // csv-parse's own words: only the CSV fault has no translation of its detail.
      reason: r.reason,
    },
  };
}
