// The QA categories in their display order, each with one colour from the same colour-blind-safe
// palette as the site series.
export const QA_CATEGORY_ORDER = ['language', 'culture', 'compliance', 'resolution', 'soft_skills'] as const;
export type QaCategoryName = (typeof QA_CATEGORY_ORDER)[number];

export const CATEGORY_COLORS: Record<QaCategoryName, string> = {
  language: '#0072B2',
  culture: '#D55E00',
  compliance: '#009E73',
  resolution: '#CC79A7',
  soft_skills: '#E69F00',
};
