import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AlertsHistory } from '@/components/alerts/alerts-history';
import { PageHeader } from '@/components/layout/page-header';
import { requireSignedIn } from '@/server/auth/current-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('alerts');
  return { title: t('title') };
}

/** Every signed-in user: HQ reads every alert, a site lead their own site's (the procedure decides). */
export default async function AlertsPage() {
  await requireSignedIn();
  const t = await getTranslations('alerts');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <AlertsHistory />
    </>
  );
}
