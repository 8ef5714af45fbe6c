// Which sites a KPI view shows and which sites its network row covers, for a principal's scope.
// A site lead sees their own site and a network over every active site, never another site's
// name or figures; HQ sees every active site, or the sites it names.
import type { KpiSite } from '@/db/queries/kpis';
import type { SiteScope } from '@/server/auth/principal';
import { badRequest, forbidden } from '@/server/errors';

export type SiteSelection = {
  /** Sites whose rows the caller gets, by code. */
  shown: KpiSite[];
  /** Sites the network row sums over. */
  networkSiteIds: number[];
};

export function normaliseCodes(codes: string[] | string | undefined): string[] {
  if (codes === undefined) return [];
  const list = Array.isArray(codes) ? codes : [codes];
  return [...new Set(list.map((c) => c.trim().toUpperCase()).filter((c) => c.length > 0))];
}

export function selectSites(allSites: KpiSite[], scope: SiteScope, siteCodes: string[] = []): SiteSelection {
  const codes = normaliseCodes(siteCodes);
  const active = allSites.filter((s) => s.active);

  if (!scope.all) {
    const own = allSites.find((s) => s.id === scope.siteId);
    if (!own) throw forbidden('Your account is not attached to a site');
    // Same answer whether the other code exists or not, so a lead cannot probe for sites.
    if (codes.some((c) => c !== own.code)) throw forbidden('A site lead reads only their own site');
    return { shown: [own], networkSiteIds: active.map((s) => s.id) };
  }

  if (codes.length === 0) return { shown: active, networkSiteIds: active.map((s) => s.id) };

  const byCode = new Map(allSites.map((s) => [s.code, s]));
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length > 0) throw badRequest(`Unknown site code${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  // Naming a site explicitly shows it even when it is no longer active (its history stays readable).
  const shown = allSites.filter((s) => codes.includes(s.code));
  return { shown, networkSiteIds: shown.map((s) => s.id) };
}
