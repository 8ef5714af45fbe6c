// Series colours: one per site, stable for a site across pages (its rank among all site codes),
// picked from a palette that stays distinguishable for the common colour-vision deficiencies.
export const SITE_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#8C564B', '#332288', '#882255', '#44AA99'];
export const NETWORK_COLOR = '#334155';

export function siteColor(code: string, allCodes: readonly string[]): string {
  const rank = [...allCodes].sort().indexOf(code);
  return SITE_COLORS[(rank < 0 ? 0 : rank) % SITE_COLORS.length]!;
}
