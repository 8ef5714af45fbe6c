import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { OverviewDashboard } from '@/components/overview/overview-dashboard';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { requireSignedIn } from '@/server/auth/current-session';
import { getServerCaller } from '@/server/trpc/server-caller';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('overview');
  return { title: t('title') };
}

export default async function OverviewPage() {
  const principal = await requireSignedIn();
  const isSiteLead = principal.role === 'site_lead';
  // HQ gets every site (for the filter and stable chart colours); a lead gets only their own.
  const [sites, t] = await Promise.all([(await getServerCaller()).sites.list(), getTranslations('overview')]);
  const canAddSites = principal.role === 'admin';
  return (
    <>
      <PageHeader title={t('title')} description={isSiteLead ? t('descriptionSite') : t('descriptionNetwork')} />
      {sites.length === 0 ? (
        <Card>
          <EmptyState
            title={t('empty.title')}
            description={canAddSites ? t('empty.descriptionAdmin') : t('empty.description')}
            action={
              canAddSites ? (
                <Link href="/settings/sites" className={buttonClasses('primary')}>
                  {t('empty.addSite')}
                </Link>
              ) : null
            }
          />
        </Card>
      ) : (
        <OverviewDashboard sites={sites.map((s) => ({ code: s.code, name: s.name, active: s.active }))} isSiteLead={isSiteLead} />
      )}
    </>
  );
}
