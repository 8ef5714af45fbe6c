// Which site a QA request is about, decided from the caller's scope: a site lead only ever
// reaches their own site, and another site is "not found" rather than "forbidden", so that a
// lead cannot learn which codes exist.
import type { Db } from '@/db/client';
import { listSitesForKpis } from '@/db/queries/kpis';
import { findSiteByCode } from '@/db/queries/sites';
import type { Site } from '@/db/schema';
import type { Principal, SiteScope } from '@/server/auth/principal';
import { forbidden, notFound } from '@/server/errors';
import { selectSites, type SiteSelection } from '@/server/kpi/site-selection';

export async function siteInScope(db: Db, scope: SiteScope, code: string): Promise<Site> {
  const site = await findSiteByCode(db, code);
  if (!site || (!scope.all && scope.siteId !== site.id)) throw notFound('Site');
  return site;
}

/**
 * The site a lead-or-administrator write is for: a site lead's own (another code is refused the
 * same whether it exists or not, with `otherSiteMessage`), any existing site for an administrator.
 */
export async function siteForLeadOrAdmin(db: Db, principal: Principal, code: string, otherSiteMessage: string): Promise<Site> {
  if (principal.kind !== 'user' || (principal.role !== 'site_lead' && principal.role !== 'admin')) throw forbidden(otherSiteMessage);
  const site = await findSiteByCode(db, code);
  if (principal.role === 'site_lead') {
    if (!site || principal.siteId === null || site.id !== principal.siteId) throw forbidden(otherSiteMessage);
    return site;
  }
  if (!site) throw notFound('Site');
  return site;
}

/** Whether a caller may write for a site: its own lead, or an administrator. */
export function writesForSite(principal: Principal, siteId: number): boolean {
  return principal.kind === 'user' && (principal.role === 'admin' || (principal.role === 'site_lead' && principal.siteId === siteId));
}

/** The sites a multi-site QA view shows and the network it compares them with (as the KPIs do). */
export async function selectQaSites(db: Db, scope: SiteScope, codes: string[] | string | undefined): Promise<SiteSelection> {
  const list = codes === undefined ? [] : Array.isArray(codes) ? codes : [codes];
  return selectSites(await listSitesForKpis(db), scope, list);
}
