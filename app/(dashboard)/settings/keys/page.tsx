import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SiteKeys } from '@/components/credentials/site-keys';
import { PageHeader } from '@/components/layout/page-header';
import { requireAdmin } from '@/server/auth/current-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('credentials.keys');
  return { title: t('title') };
}

export default async function SiteKeysSettingsPage() {
  await requireAdmin();
  const t = await getTranslations('credentials.keys');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <SiteKeys />
    </>
  );
}
