import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { chosenMonth, monthOf } from '@/components/contracts/month';
import { MonthPicker } from '@/components/contracts/month-picker';
import { StatementsTable } from '@/components/contracts/statements-table';
import { PageHeader } from '@/components/layout/page-header';
import { todayIn } from '@/lib/kpi/periods';
import { requireSignedIn } from '@/server/auth/current-session';
import { HydrateClient, prefetch, serverTRPC } from '@/server/trpc/rsc';
import { getServerCaller } from '@/server/trpc/server-caller';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('contracts.statements');
  return { title: t('title') };
}

/** HQ's month of statements, every site; a site lead has one statement, their own site's. */
export default async function StatementsPage({ searchParams }: Props) {
  const principal = await requireSignedIn();
  const [query, timeZone, t] = await Promise.all([searchParams, getTimeZone(), getTranslations('contracts.statements')]);
  const today = todayIn(new Date(), timeZone);
  const month = chosenMonth(query.month, today);
  if (principal.role !== 'admin' && principal.role !== 'hq_manager') {
    const me = await (await getServerCaller()).users.me();
    redirect(me.site ? `/sites/${me.site.code}/statement?month=${month}` : '/');
  }
  await prefetch(serverTRPC.contracts.statements.queryOptions({ month }));
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="mb-5 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
        <MonthPicker month={month} latest={monthOf(today)} />
      </div>
      <HydrateClient>
        <StatementsTable month={month} />
      </HydrateClient>
    </>
  );
}
