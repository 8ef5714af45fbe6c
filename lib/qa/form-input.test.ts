import { describe, expect, it } from 'vitest';
import { createDraftInput } from './form-input';

describe('QA form input', () => {
  it('reports every problem of a criteria list at once, duplicates included', () => {
    const base = { key: 'a', label: 'A', category: 'language', weight: 1, maxScore: 5, critical: false } as const;
    const result = createDraftInput.safeParse({
      code: 'std',
      name: 'Standard',
      criteria: [base, { ...base, weight: 0 }, { ...base, key: 'b', maxScore: 1.5 }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['criteria.1.key', 'criteria.1.weight', 'criteria.2.maxScore']);
  });

  it('upper-cases the code and keeps an empty description as none', () => {
    const parsed = createDraftInput.parse({ code: ' std-2 ', name: ' Standard ', description: '  ', criteria: [{ key: 'a', label: 'A', category: 'culture', weight: 0.5, maxScore: 1, critical: true }] });
    expect(parsed).toMatchObject({ code: 'STD-2', name: 'Standard', description: null });
  });
});
