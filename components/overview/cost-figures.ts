// What the overview shows of contracts.costs, picked out of its answer: the cost per handled call
// of each site for the comparison table, the points of the cost-versus-quality chart and the
// saving of each offshore site against the reference site. Every figure is the server's
// (docs/contracts.md); nothing here computes a cost, it only chooses and orders.
import type { SiteCost, SiteCosts } from '@/lib/contracts/cost-types';
import { NO_VALUE } from '@/lib/kpi/format';
import { numberFormat } from '@/lib/intl/formatters';

export type CostQuality = 'qa_score' | 'csat';

/** Each site's costs by code, for the comparison table's rows. */
export function costsByCode(costs: SiteCosts | undefined): Map<string, SiteCost> {
  return new Map((costs?.sites ?? []).map((s) => [s.code, s]));
}

export type CostPoint = { key: string; label: string; name: string; x: number; y: number; color: string; reference: boolean };

const qualityOf = (site: SiteCost, quality: CostQuality) => (quality === 'qa_score' ? site.qaScore : site.csat);

/** One point per site with both an HQ cost per handled call and the chosen quality; the reference site flagged. */
export function costPoints(costs: SiteCosts, quality: CostQuality, colorOf: (code: string) => string): CostPoint[] {
  const points: CostPoint[] = [];
  for (const site of costs.sites) {
    const x = site.hqPerHandled;
    const y = qualityOf(site, quality);
    if (x === null || y === null) continue;
    points.push({ key: site.code, label: site.code, name: site.name, x, y, color: colorOf(site.code), reference: site.code === costs.referenceSite });
  }
  return points;
}

export type SavingRow = {
  code: string;
  name: string;
  handled: number;
  /** The site's HQ cost per handled call. */
  perHandled: number | null;
  /** The reference site's. */
  referencePerHandled: number | null;
  /** (reference's − site's) × the site's handled calls, HQ currency; positive is a saving. */
  saving: number | null;
};

/**
 * The saving of each offshore (or nearshore) site against the reference site for the same volume,
 * largest first, sites without a figure last. Empty when there is no reference site among the
 * answer's sites (a site lead sees only their own site, and a network may have no onshore contract).
 */
export function savingRows(costs: SiteCosts): SavingRow[] {
  const reference = costs.sites.find((s) => s.code === costs.referenceSite);
  if (!reference) return [];
  return costs.sites
    .filter((s) => s.code !== reference.code && s.kind !== 'onshore' && s.currency !== null)
    .map((s) => ({
      code: s.code,
      name: s.name,
      handled: s.handled,
      perHandled: s.hqPerHandled,
      referencePerHandled: reference.hqPerHandled,
      saving: s.savingVsReference,
    }))
    .sort((a, b) => (a.saving === null ? 1 : b.saving === null ? -1 : b.saving - a.saving) || a.code.localeCompare(b.code));
}

/** Sites with a contract whose cost could not be put in HQ's currency: a month's exchange rate is missing. */
export function sitesMissingRate(costs: SiteCosts): string[] {
  return costs.sites.filter((s) => s.currency !== null && s.amount !== null && s.hqAmount === null).map((s) => s.code);
}

/** Money in HQ's currency: cents for a cost per call, whole units for a saving. */
export function formatMoney(value: number | null, currency: string, locale: string, whole = false): string {
  if (value === null) return NO_VALUE;
  return numberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(value);
}
