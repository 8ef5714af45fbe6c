import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { chosenMonth, isMonth, isMonthOver, monthOf } from '@/components/contracts/month';
import { MonthPicker } from '@/components/contracts/month-picker';
import { StatementView } from '@/components/contracts/statement-view';
import { formatMonth } from '@/components/contracts/wording';
import { PageHeader } from '@/components/layout/page-header';
import { requireSignedIn } from '@/server/auth/current-session';
import { HydrateClient, prefetch, serverTRPC } from '@/server/trpc/rsc';
import { readableSite } from '../readable-site';

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ code }, query, t, locale] = await Promise.all([params, searchParams, getTranslations('contracts.statement'), getLocale()]);
  const month = isMonth(query.month) ? formatMonth(query.month, locale) : '';
  return { title: t('title', { code: decodeURIComponent(code).toUpperCase(), month }).replace(/, $/, '') };
}

export default async function SiteStatementPage({ params, searchParams }: Props) {
  const principal = await requireSignedIn();
  const [{ code }, query, t, locale] = await Promise.all([params, searchParams, getTranslations('contracts.statement'), getLocale()]);
  const site = await readableSite(code);
  // Months are the site's own: "last month" and "over" are read on its calendar.
  const month = chosenMonth(query.month, site.localToday);
  const hq = principal.role === 'admin' || principal.role === 'hq_manager';
  await prefetch(serverTRPC.contracts.statement.queryOptions({ site: site.code, month }));
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-xs text-slate-500">
        <ol className="flex items-center gap-1">
          <li>
            {hq ? (
              <Link href={`/statements?month=${month}`} prefetch={false} className="rounded text-brand-700 underline underline-offset-2">
                {t('breadcrumb')}
              </Link>
            ) : (
              <Link href={`/sites/${site.code}`} prefetch={false} className="rounded font-mono text-brand-700 underline underline-offset-2">
                {site.code}
              </Link>
            )}
          </li>
          <li aria-hidden="true">›</li>
          <li aria-current="page">{t('title', { code: site.code, month: formatMonth(month, locale) })}</li>
        </ol>
      </nav>
      <PageHeader title={t('title', { code: site.code, month: formatMonth(month, locale) })} description={site.name} />
      <div className="mb-5 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
        <MonthPicker month={month} latest={monthOf(site.localToday)} />
      </div>
      <HydrateClient>
        <StatementView site={site.code} month={month} canClose={hq} monthOver={isMonthOver(month, site.localToday)} />
      </HydrateClient>
    </>
  );
}
