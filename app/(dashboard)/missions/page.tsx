import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { MissionsBoard } from '@/components/missions/missions-board';
import { requireSignedIn } from '@/server/auth/current-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('missions');
  return { title: t('title') };
}

export default async function MissionsPage() {
  const principal = await requireSignedIn();
  const t = await getTranslations('missions');
  const hq = principal.role === 'admin' || principal.role === 'hq_manager';
  return (
    <>
      <PageHeader title={t('title')} description={hq ? t('descriptionHq') : t('descriptionSite')} />
      <MissionsBoard canEdit={hq} />
    </>
  );
}
