import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { LeadReports } from '@/components/reports/lead-reports';
import { ReportsCompliance } from '@/components/reports/reports-compliance';
import { ReportsInbox } from '@/components/reports/reports-inbox';
import { requireSignedIn } from '@/server/auth/current-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('reports');
  return { title: t('title') };
}

export default async function ReportsPage() {
  const principal = await requireSignedIn();
  const t = await getTranslations('reports');
  if (principal.role === 'site_lead') {
    return (
      <>
        <PageHeader title={t('title')} description={t('descriptionSite')} />
        <LeadReports />
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('title')} description={t('descriptionHq')} />
      <div className="space-y-5">
        <ReportsInbox />
        <ReportsCompliance />
      </div>
    </>
  );
}
