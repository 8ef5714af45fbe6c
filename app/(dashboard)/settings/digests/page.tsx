import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DigestSettings } from '@/components/digests/digest-settings';
import { PageHeader } from '@/components/layout/page-header';
import { requireSignedIn } from '@/server/auth/current-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('digests');
  return { title: t('title') };
}

export default async function DigestsSettingsPage() {
  await requireSignedIn();
  const t = await getTranslations('digests');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <DigestSettings />
    </>
  );
}
