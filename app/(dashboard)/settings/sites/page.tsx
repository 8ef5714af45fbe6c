import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { SitesAdmin } from '@/components/sites/sites-admin';
import { requireAdmin } from '@/server/auth/current-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('sites');
  return { title: t('title') };
}

export default async function SitesSettingsPage() {
  await requireAdmin();
  const t = await getTranslations('sites');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <SitesAdmin />
    </>
  );
}
