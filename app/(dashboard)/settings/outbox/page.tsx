import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { OutboxAdmin } from '@/components/digests/outbox-admin';
import { PageHeader } from '@/components/layout/page-header';
import { requireAdmin } from '@/server/auth/current-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('outbox');
  return { title: t('title') };
}

export default async function OutboxSettingsPage() {
  await requireAdmin();
  const t = await getTranslations('outbox');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <OutboxAdmin />
    </>
  );
}
