import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { RosterView } from '@/components/roster/roster-view';
import { addMonths } from '@/lib/agents/tenure';
import { requireSignedIn } from '@/server/auth/current-session';
import { HydrateClient, prefetch, serverTRPC } from '@/server/trpc/rsc';
import { readableSite } from '../readable-site';

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ code }, t] = await Promise.all([params, getTranslations('roster')]);
  return { title: t('title', { code: decodeURIComponent(code).toUpperCase() }) };
}

export default async function SiteRosterPage({ params }: Props) {
  await requireSignedIn();
  const [{ code }, t] = await Promise.all([params, getTranslations('roster')]);
  const site = await readableSite(code);
  // Attrition over the last twelve months of the site's calendar, this one included (to its today).
  const to = site.localToday;
  const from = addMonths(`${to.slice(0, 7)}-01`, -11);
  await Promise.all([prefetch(serverTRPC.roster.list.queryOptions({ site: site.code })), prefetch(serverTRPC.roster.summary.queryOptions({ site: site.code, from, to }))]);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-xs text-slate-500">
        <ol className="flex items-center gap-1">
          <li>
            <Link href={`/sites/${site.code}`} prefetch={false} className="rounded font-mono text-brand-700 underline underline-offset-2">
              {site.code}
            </Link>
          </li>
          <li aria-hidden="true">›</li>
          <li aria-current="page">{t('breadcrumb')}</li>
        </ol>
      </nav>
      <PageHeader title={t('title', { code: site.code })} description={t('description')} />
      <HydrateClient>
        <RosterView site={site.code} from={from} to={to} />
      </HydrateClient>
    </>
  );
}
