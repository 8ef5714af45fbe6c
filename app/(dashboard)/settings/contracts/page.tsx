import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { ContractsList } from '@/components/contracts/contracts-list';
import { ExchangeRates } from '@/components/contracts/exchange-rates';
import { HqSettings } from '@/components/contracts/hq-settings';
import { chosenMonth } from '@/components/contracts/month';
import { PageHeader } from '@/components/layout/page-header';
import { todayIn } from '@/lib/kpi/periods';
import { requireSignedIn } from '@/server/auth/current-session';
import { HydrateClient, prefetch, serverTRPC } from '@/server/trpc/rsc';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('contracts.settings');
  return { title: t('title') };
}

export default async function ContractsSettingsPage() {
  const principal = await requireSignedIn();
  // HQ reads every contract and enters rates; administrators write contracts and HQ's settings.
  // To a site lead the page does not exist (their contract shows on their statement).
  if (principal.role !== 'admin' && principal.role !== 'hq_manager') notFound();
  const admin = principal.role === 'admin';
  const [t, timeZone] = await Promise.all([getTranslations('contracts.settings'), getTimeZone()]);
  // Rates are entered once a month is over, for the statements about to be closed.
  const month = chosenMonth(undefined, todayIn(new Date(), timeZone));
  await prefetch(serverTRPC.contracts.list.queryOptions({}), serverTRPC.contracts.rates.queryOptions({ month }), serverTRPC.contracts.settings.queryOptions());
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {admin ? null : <p className="mb-4 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">{t('readOnly')}</p>}
      <HydrateClient>
        <div className="space-y-5">
          <ContractsList canEdit={admin} />
          <div className="grid gap-5 lg:grid-cols-2">
            <ExchangeRates initialMonth={month} />
            <HqSettings canEdit={admin} />
          </div>
        </div>
      </HydrateClient>
    </>
  );
}
