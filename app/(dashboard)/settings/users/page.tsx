import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { UsersAdmin } from '@/components/users/users-admin';
import { requireAdmin } from '@/server/auth/current-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('users');
  return { title: t('title') };
}

export default async function UsersSettingsPage() {
  const admin = await requireAdmin();
  const t = await getTranslations('users');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <UsersAdmin currentUserId={admin.userId} />
    </>
  );
}
