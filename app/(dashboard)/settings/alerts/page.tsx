import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { RulesList } from '@/components/alerts/rules-list';
import { PageHeader } from '@/components/layout/page-header';
import { requireSignedIn } from '@/server/auth/current-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('alerts.rules');
  return { title: t('title') };
}

export default async function AlertRulesSettingsPage() {
  const principal = await requireSignedIn();
  // HQ managers and admins write the rules; to anyone else the page does not exist.
  if (principal.role !== 'admin' && principal.role !== 'hq_manager') notFound();
  const t = await getTranslations('alerts.rules');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {/* One tick on demand is an administrator's tool, as the scheduler's settings are. */}
      <RulesList canEvaluate={principal.role === 'admin'} />
    </>
  );
}
