import type { Metadata } from 'next';
import Link from 'next/link';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { AgentsTable } from '@/components/agents/agents-table';
import { paramsOf, readRange, withParams } from '@/components/kpi/dashboard-state';
import { RangePicker } from '@/components/kpi/range-picker';
import { PageHeader } from '@/components/layout/page-header';
import { requireSignedIn } from '@/server/auth/current-session';
import { HydrateClient, prefetch, serverTRPC } from '@/server/trpc/rsc';
import { readableSite } from '../readable-site';

const AGENTS_DEFAULT_PRESET = 'last_30_days' as const;

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ code }, t] = await Promise.all([params, getTranslations('agents')]);
  return { title: t('title', { code: decodeURIComponent(code).toUpperCase() }) };
}

export default async function SiteAgentsPage({ params, searchParams }: Props) {
  await requireSignedIn();
  const [{ code }, query, timeZone, t] = await Promise.all([params, searchParams, getTimeZone(), getTranslations('agents')]);
  const site = await readableSite(code);
  const range = readRange(paramsOf(query), { now: new Date(), timeZone, defaultPreset: AGENTS_DEFAULT_PRESET });
  await prefetch(serverTRPC.agents.list.queryOptions({ site: site.code, from: range.from, to: range.to }));
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-xs text-slate-500">
        <ol className="flex items-center gap-1">
          <li>
            <Link href={`/sites/${site.code}${withParams('', { from: range.from, to: range.to })}`} prefetch={false} className="rounded font-mono text-brand-700 underline underline-offset-2">
              {site.code}
            </Link>
          </li>
          <li aria-hidden="true">›</li>
          <li aria-current="page">{t('siteLink')}</li>
        </ol>
      </nav>
      <PageHeader
        title={t('title', { code: site.code })}
        description={site.name}
        actions={
          <Link href={`/sites/${site.code}/roster`} prefetch={false} className="rounded text-sm font-medium text-brand-700 hover:underline">
            {t('rosterLink')}
          </Link>
        }
      />
      <div className="mb-5 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
        <RangePicker defaultPreset={AGENTS_DEFAULT_PRESET} />
      </div>
      <HydrateClient>
        <AgentsTable site={site.code} range={{ from: range.from, to: range.to }} />
      </HydrateClient>
    </>
  );
}
