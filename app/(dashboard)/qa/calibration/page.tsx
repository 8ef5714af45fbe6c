import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { CalibrationPeriodForm } from '@/components/qa/calibration-period-form';
import { CalibrationReport } from '@/components/qa/calibration-report';
import { readCalibrationState } from '@/components/qa/calibration-url';
import { DrawSampleForm } from '@/components/qa/draw-sample-form';
import { OpenDisputesCard } from '@/components/qa/open-disputes-card';
import { QaTabs } from '@/components/qa/qa-tabs';
import type { ParamRecord } from '@/components/qa/qa-url';
import { WorklistsCard } from '@/components/qa/worklists-card';
import { requireSignedIn } from '@/server/auth/current-session';
import { isHq } from '@/server/auth/principal';
import { getServerCaller } from '@/server/trpc/server-caller';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('qa.calibration');
  return { title: t('title') };
}

export default async function CalibrationPage({ searchParams }: { searchParams: Promise<ParamRecord> }) {
  const principal = await requireSignedIn();
  if (!isHq(principal)) notFound();
  const [t, timeZone, options] = await Promise.all([getTranslations('qa.calibration'), getTimeZone(), (await getServerCaller()).qa.evaluations.filters()]);
  const state = readCalibrationState(await searchParams, new Date(), timeZone);
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={<CalibrationPeriodForm key={`${state.from}-${state.to}-${state.granularity}`} state={state} />} />
      <QaTabs active="calibration" hq />
      <div className="space-y-4">
        <CalibrationReport state={state} />
        <div className="grid gap-4 xl:grid-cols-2">
          <DrawSampleForm key={`${state.from}-${state.to}-${state.focus ?? ''}`} sites={options.sites} from={state.from} to={state.to} defaultSite={state.focus} />
          <OpenDisputesCard />
        </div>
        <WorklistsCard />
      </div>
    </>
  );
}
