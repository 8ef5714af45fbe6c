import type { Metadata } from 'next';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { EvaluationFilters } from '@/components/qa/evaluation-filters';
import { EvaluationsTable } from '@/components/qa/evaluations-table';
import { QaTabs } from '@/components/qa/qa-tabs';
import { QaTrendsCard } from '@/components/qa/qa-trends-card';
import { qaListHref, readQaListState, trendRange, type ParamRecord } from '@/components/qa/qa-url';
import { isHq } from '@/server/auth/principal';
import { requireSignedIn } from '@/server/auth/current-session';
import { getServerCaller } from '@/server/trpc/server-caller';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('qa');
  return { title: t('title') };
}

export default async function QaPage({ searchParams }: { searchParams: Promise<ParamRecord> }) {
  const principal = await requireSignedIn();
  const hq = isHq(principal);
  const [t, timeZone, options] = await Promise.all([getTranslations('qa'), getTimeZone(), (await getServerCaller()).qa.evaluations.filters()]);
  const state = readQaListState(await searchParams);
  // A site the reader may not see is dropped from the filter rather than shown empty.
  if (state.site && !options.sites.some((s) => s.code === state.site)) state.site = undefined;
  const range = trendRange(state, new Date(), timeZone);
  return (
    <>
      <PageHeader title={t('title')} description={hq ? t('descriptionHq') : t('descriptionSite')} />
      <QaTabs active="evaluations" hq={hq} />
      <QaTrendsCard from={range.from} to={range.to} site={state.site} />
      <EvaluationFilters key={qaListHref(state)} state={state} sites={options.sites} forms={options.forms} />
      <EvaluationsTable state={state} showSite={options.sites.length > 1} />
    </>
  );
}
