import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DisplaysAdmin } from '@/components/displays/displays-admin';
import { PageHeader } from '@/components/layout/page-header';
import { requireAdmin } from '@/server/auth/current-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('displays');
  return { title: t('title') };
}

export default async function DisplaysSettingsPage() {
  await requireAdmin();
  const t = await getTranslations('displays');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <DisplaysAdmin />
    </>
  );
}
