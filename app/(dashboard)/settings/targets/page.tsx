import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { TargetsEditor } from '@/components/targets/targets-editor';
import { requireSignedIn } from '@/server/auth/current-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('targets');
  return { title: t('title') };
}

export default async function TargetsSettingsPage() {
  const principal = await requireSignedIn();
  // HQ managers and admins set targets; to anyone else the page does not exist.
  if (principal.role !== 'admin' && principal.role !== 'hq_manager') notFound();
  const t = await getTranslations('targets');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <TargetsEditor />
    </>
  );
}
