import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { CsvUpload } from '@/components/upload/csv-upload';
import { requireSignedIn } from '@/server/auth/current-session';
import { getServerCaller } from '@/server/trpc/server-caller';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('upload');
  return { title: t('title') };
}

/** Site leads upload their own site's exports; HQ reads, it does not write a site's data. */
export default async function UploadPage() {
  const user = await requireSignedIn();
  if (user.role !== 'site_lead' || user.siteId === null) notFound();
  const caller = await getServerCaller();
  const [site] = await caller.sites.list();
  if (!site) notFound();
  const t = await getTranslations('upload');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <CsvUpload siteCode={site.code} />
    </>
  );
}
