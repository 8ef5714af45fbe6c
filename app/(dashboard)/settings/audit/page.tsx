import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuditLog } from '@/components/audit/audit-log';
import { PageHeader } from '@/components/layout/page-header';
import { requireAdmin } from '@/server/auth/current-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('audit');
  return { title: t('title') };
}

export default async function AuditSettingsPage() {
  await requireAdmin();
  const t = await getTranslations('audit');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <AuditLog />
    </>
  );
}
