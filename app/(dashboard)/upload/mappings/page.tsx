import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { MappingsList } from '@/components/importers/mappings-list';
import { PageHeader } from '@/components/layout/page-header';
import { requireSignedIn } from '@/server/auth/current-session';
import { getServerCaller } from '@/server/trpc/server-caller';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('importMappings');
  return { title: t('title') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * A site's CSV column mappings: a site lead writes their own site's; headquarters picks a site
 * (`?site=CODE`), which an admin may also write and an HQ manager reads.
 */
export default async function ImportMappingsPage({ searchParams }: Props) {
  const user = await requireSignedIn();
  const [query, t, caller] = await Promise.all([searchParams, getTranslations('importMappings'), getServerCaller()]);
  const sites = await caller.sites.list();
  const lead = user.role === 'site_lead';
  if (lead && user.siteId === null) notFound();
  const asked = typeof query.site === 'string' ? query.site.toUpperCase() : undefined;
  const site = lead ? sites[0] : (sites.find((s) => s.code === asked) ?? sites[0]);
  if (!site) notFound();
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {lead ? null : (
        <nav aria-label={t('sitesNav')} className="mb-4 flex flex-wrap gap-2 text-sm">
          {sites.map((s) => (
            <Link
              key={s.code}
              href={`/upload/mappings?site=${s.code}`}
              aria-current={s.code === site.code ? 'page' : undefined}
              className={s.code === site.code ? 'font-semibold text-slate-900 underline' : 'text-brand-700 underline hover:text-brand-800'}
            >
              {s.code}
            </Link>
          ))}
        </nav>
      )}
      <MappingsList site={site.code} siteTimeZone={site.timezone} canEdit={lead || user.role === 'admin'} />
    </>
  );
}
