import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { FileUpload } from '@/components/upload/file-upload';
import type { FormatOption } from '@/components/upload/upload-request';
import { IMPORT_FORMATS, IMPORTERS } from '@/lib/importers';
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
  // The importers' names and needs are read here, on the server, so the browser does not load the importers.
  const formats: FormatOption[] = [
    ...IMPORT_FORMATS.map((format) => ({ value: format, label: IMPORTERS[format].label, needs: IMPORTERS[format].needs })),
    { value: 'vigie', label: t('vigieFormat'), needs: [] },
  ];
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <FileUpload siteCode={site.code} siteTimeZone={site.timezone} formats={formats} />
    </>
  );
}
