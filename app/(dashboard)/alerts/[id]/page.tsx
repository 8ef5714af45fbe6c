// The address an alert's e-mail and chat messages link to: the history with that alert brought
// into view and its figures open.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AlertsHistory } from '@/components/alerts/alerts-history';
import { PageHeader } from '@/components/layout/page-header';
import { requireSignedIn } from '@/server/auth/current-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('alerts');
  return { title: t('title') };
}

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSignedIn();
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const t = await getTranslations('alerts');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <AlertsHistory focusId={Number(id)} />
    </>
  );
}
