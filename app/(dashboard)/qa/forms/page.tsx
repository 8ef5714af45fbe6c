import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { FormsList } from '@/components/qa/forms-list';
import { QaTabs } from '@/components/qa/qa-tabs';
import { buttonClasses } from '@/components/ui/button';
import { requireSignedIn } from '@/server/auth/current-session';
import { isHq } from '@/server/auth/principal';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('qa.forms');
  return { title: t('title') };
}

export default async function QaFormsPage() {
  const principal = await requireSignedIn();
  if (!isHq(principal)) notFound();
  const t = await getTranslations('qa.forms');
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Link href="/qa/forms/new" className={buttonClasses('primary')}>
            {t('create')}
          </Link>
        }
      />
      <QaTabs active="forms" hq />
      <FormsList />
    </>
  );
}
