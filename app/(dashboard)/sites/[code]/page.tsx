import type { Metadata } from 'next';
import Link from 'next/link';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { paramsOf, readRange, withParams } from '@/components/kpi/dashboard-state';
import { RangePicker } from '@/components/kpi/range-picker';
import { SiteHeader } from '@/components/sites/site-header';
import { SiteSections } from '@/components/sites/site-sections';
import { requireSignedIn } from '@/server/auth/current-session';
import type { SiteFacts } from '@/server/kpi/site-facts';
import { siteRangeInput } from '@/components/kpi/query-inputs';
import { HydrateClient, prefetch, serverTRPC } from '@/server/trpc/rsc';
import { presetRange, shiftDay, type DateRange } from '@/lib/kpi/periods';
import { readableSite } from './readable-site';

const SITE_DEFAULT_PRESET = 'last_30_days' as const;

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ code }, t] = await Promise.all([params, getTranslations('sitePage')]);
  return { title: t('title', { code: decodeURIComponent(code).toUpperCase() }) };
}

/** The QA section shows the twelve weeks that end with the page's period (components/qa/site-qa-section.tsx). */
const QA_WEEKS = 12;

/**
 * The site page's queries, fetched while the page renders so that its sections come drawn with
 * the HTML: the same inputs as its sections ask with (the same query keys).
 */
function prefetchSite(site: SiteFacts, range: DateRange, live: boolean) {
  const code = site.code;
  const qaRange = { from: shiftDay(range.to, -(QA_WEEKS * 7 - 1)), to: range.to, sites: [code] };
  const shared = [
    serverTRPC.kpi.queues.queryOptions({ site: code, from: range.from, to: range.to }),
    serverTRPC.kpi.outOfHours.queryOptions({ site: code, from: range.from, to: range.to }),
    serverTRPC.kpi.qaCategories.queryOptions(siteRangeInput(site, range)),
    serverTRPC.qa.trends.queryOptions(qaRange),
    serverTRPC.qa.calibrationSummary.queryOptions({ ...qaRange, granularity: 'month' }),
    serverTRPC.missions.forSite.queryOptions({ site: code }),
    serverTRPC.reports.history.queryOptions({ site: code, from: range.from, to: range.to }),
    serverTRPC.coaching.summary.queryOptions({ site: code, from: range.from, to: range.to }),
  ];
  if (live) return prefetch(serverTRPC.kpi.siteToday.queryOptions({ code }), ...shared);
  return prefetch(
    serverTRPC.kpi.comparison.queryOptions(siteRangeInput(site, range)),
    serverTRPC.kpi.trend.queryOptions(siteRangeInput(site, range)),
    serverTRPC.kpi.targets.queryOptions(),
    ...shared,
  );
}

export default async function SitePage({ params, searchParams }: Props) {
  await requireSignedIn();
  const [{ code }, query, timeZone, t, tContracts] = await Promise.all([params, searchParams, getTimeZone(), getTranslations('sitePage'), getTranslations('contracts.settings')]);
  const site = await readableSite(code);
  const now = new Date();
  const chosen = readRange(paramsOf(query), { now, timeZone, defaultPreset: SITE_DEFAULT_PRESET });
  const live = chosen.choice === 'today';
  // "Today" is the site's own local day, whatever the reader's time zone.
  const range = live ? { ...chosen, ...presetRange('today', now, site.timezone) } : chosen;
  await prefetchSite(site, range, live);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-xs text-slate-500">
        <ol className="flex items-center gap-1">
          <li>
            <Link href={`/${live ? withParams('', { range: 'today' }) : withParams('', { from: range.from, to: range.to })}`} prefetch={false} className="rounded text-brand-700 underline underline-offset-2">
              {t('back')}
            </Link>
          </li>
          <li aria-hidden="true">›</li>
          <li aria-current="page" className="font-mono">
            {site.code}
          </li>
        </ol>
      </nav>
      <SiteHeader site={site} now={now} />
      <div className="mb-5 flex flex-wrap items-end justify-between gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
        <RangePicker defaultPreset={SITE_DEFAULT_PRESET} />
        {/* The site's monthly statement against its contract. */}
        <Link href={`/sites/${site.code}/statement`} prefetch={false} className="rounded text-sm text-brand-700 underline underline-offset-2">
          {tContracts('statementLinkNamed', { code: site.code })}
        </Link>
      </div>
      <HydrateClient>
        <SiteSections site={site} range={{ from: range.from, to: range.to }} live={live} />
      </HydrateClient>
    </>
  );
}
