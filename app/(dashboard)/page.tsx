import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { SiteGlanceTable } from '@/components/overview/site-glance-table';
import { GlanceSummary } from '@/components/overview/glance-summary';
import { requireSignedIn } from '@/server/auth/current-session';
import { getServerCaller } from '@/server/trpc/server-caller';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('overview');
  return { title: t('title') };
}

export default async function OverviewPage() {
  const principal = await requireSignedIn();
  const [sites, t] = await Promise.all([(await getServerCaller()).sites.glance(), getTranslations('overview')]);
  const now = new Date();
  return (
    <>
      <PageHeader
        title={t('title')}
        description={principal.role === 'site_lead' ? t('descriptionSite') : t('descriptionNetwork')}
      />
      <GlanceSummary sites={sites} />
      <SiteGlanceTable sites={sites} now={now} canAddSites={principal.role === 'admin'} />
    </>
  );
}
