// Which site a QA request is about, decided from the caller's scope: a site lead only ever
// reaches their own site, and another site is "not found" rather than "forbidden", so that a
// lead cannot learn which codes exist.
import type { Db } from '@/db/client';
import { listSitesForKpis } from '@/db/queries/kpis';
import { findSiteByCode } from '@/db/queries/sites';
import type { Site } from '@/db/schema';
import type { SiteScope } from '@/server/auth/principal';
import { notFound } from '@/server/errors';
import { selectSites, type SiteSelection } from '@/server/kpi/site-selection';

export async function siteInScope(db: Db, scope: SiteScope, code: string): Promise<Site> {
  const site = await findSiteByCode(db, code);
  if (!site || (!scope.all && scope.siteId !== site.id)) throw notFound('Site');
  return site;
}

/** The sites a multi-site QA view shows and the network it compares them with (as the KPIs do). */
export async function selectQaSites(db: Db, scope: SiteScope, codes: string[] | string | undefined): Promise<SiteSelection> {
  const list = codes === undefined ? [] : Array.isArray(codes) ? codes : [codes];
  return selectSites(await listSitesForKpis(db), scope, list);
}
