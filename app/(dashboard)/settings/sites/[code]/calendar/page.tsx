import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SiteCalendar } from '@/components/calendar/site-calendar';
import { PageHeader } from '@/components/layout/page-header';
import { calendarYearInput } from '@/lib/calendar/inputs';
import { isAdmin } from '@/server/auth/principal';
import { requireSignedIn } from '@/server/auth/current-session';
import { getServerCaller } from '@/server/trpc/server-caller';

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ code }, t] = await Promise.all([params, getTranslations('calendar')]);
  return { title: t('title', { code: decodeURIComponent(code).toUpperCase() }) };
}

/**
 * A site's calendar: HQ edits it, the site's own lead reads it; any other reader (and an unknown
 * code, or a year out of range) gets the 404 page, so that the page does not reveal which sites exist.
 */
export default async function SiteCalendarPage({ params, searchParams }: Props) {
  const principal = await requireSignedIn();
  const [{ code: rawCode }, query, t, tSites] = await Promise.all([params, searchParams, getTranslations('calendar'), getTranslations('sites')]);
  const code = decodeURIComponent(rawCode);
  const requested = typeof query.year === 'string' ? query.year : undefined;
  const caller = await getServerCaller();
  let site;
  try {
    // The site's own "this year" when none is asked for: its calendar is in its time zone.
    const facts = await caller.kpi.site({ code });
    const year = requested ?? facts.localToday.slice(0, 4);
    const parsed = calendarYearInput.safeParse({ code, year });
    if (!parsed.success) notFound();
    site = { code: facts.code, name: facts.name, year: parsed.data.year };
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) notFound();
    throw error;
  }
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-xs text-slate-500">
        <ol className="flex items-center gap-1">
          <li>
            {isAdmin(principal) ? (
              <Link href="/settings/sites" className="rounded text-brand-700 underline underline-offset-2">
                {tSites('title')}
              </Link>
            ) : (
              <Link href={`/sites/${site.code}`} className="rounded text-brand-700 underline underline-offset-2">
                {site.code}
              </Link>
            )}
          </li>
          <li aria-hidden="true">›</li>
          <li aria-current="page">{t('open')}</li>
        </ol>
      </nav>
      <PageHeader title={t('title', { code: site.code })} description={t('description', { name: site.name })} />
      <SiteCalendar code={site.code} year={site.year} />
    </>
  );
}
