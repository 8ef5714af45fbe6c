import type { Metadata } from 'next';
import Link from 'next/link';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { paramsOf, readRange, readSites } from '@/components/kpi/dashboard-state';
import { costsInput, kpiRangeInput, todayInput } from '@/components/kpi/query-inputs';
import { OVERVIEW_DEFAULT_PRESET } from '@/components/overview/presets';
import { PageHeader } from '@/components/layout/page-header';
import { OverviewDashboard } from '@/components/overview/overview-dashboard';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { requireSignedIn } from '@/server/auth/current-session';
import { HydrateClient, prefetch, serverTRPC } from '@/server/trpc/rsc';
import { getServerCaller } from '@/server/trpc/server-caller';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('overview');
  return { title: t('title') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The overview's queries, fetched while the page renders so that its sections come drawn with the
 * HTML: the same inputs as the client components read from the URL (the same query keys).
 */
async function prefetchOverview(query: Record<string, string | string[] | undefined>, isSiteLead: boolean) {
  const params = paramsOf(query);
  const range = readRange(params, { now: new Date(), timeZone: await getTimeZone(), defaultPreset: OVERVIEW_DEFAULT_PRESET });
  const sites = isSiteLead ? [] : readSites(params);
  const missions = serverTRPC.missions.behindPace.queryOptions();
  if (range.choice === 'today') return prefetch(serverTRPC.kpi.today.queryOptions(todayInput(sites)), missions);
  const input = kpiRangeInput(range, sites);
  return prefetch(
    serverTRPC.kpi.comparison.queryOptions(input),
    serverTRPC.kpi.trend.queryOptions(input),
    serverTRPC.contracts.costs.queryOptions(costsInput(range, sites)),
    serverTRPC.kpi.targets.queryOptions(),
    missions,
  );
}

export default async function OverviewPage({ searchParams }: Props) {
  const principal = await requireSignedIn();
  const isSiteLead = principal.role === 'site_lead';
  // HQ gets every site (for the filter and stable chart colours); a lead gets only their own.
  const [sites, t] = await Promise.all([
    (await getServerCaller()).sites.list(),
    getTranslations('overview'),
    searchParams.then((query) => prefetchOverview(query, isSiteLead)),
  ]);
  const canAddSites = principal.role === 'admin';
  return (
    <>
      <PageHeader title={t('title')} description={isSiteLead ? t('descriptionSite') : t('descriptionNetwork')} />
      {sites.length === 0 ? (
        <Card>
          <EmptyState
            title={t('empty.title')}
            description={canAddSites ? t('empty.descriptionAdmin') : t('empty.description')}
            action={
              canAddSites ? (
                <Link href="/settings/sites" className={buttonClasses('primary')}>
                  {t('empty.addSite')}
                </Link>
              ) : null
            }
          />
        </Card>
      ) : (
        <HydrateClient>
          <OverviewDashboard sites={sites.map((s) => ({ code: s.code, name: s.name, active: s.active }))} isSiteLead={isSiteLead} />
        </HydrateClient>
      )}
    </>
  );
}
