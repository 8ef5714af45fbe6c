import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { FormEditor } from '@/components/qa/form-editor';
import { requireSignedIn } from '@/server/auth/current-session';
import { isHq } from '@/server/auth/principal';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('qa.forms');
  return { title: t('newTitle') };
}

export default async function NewQaFormPage() {
  const principal = await requireSignedIn();
  if (!isHq(principal)) notFound();
  const t = await getTranslations('qa.forms');
  return (
    <>
      <nav aria-label={t('breadcrumb')} className="mb-2 text-xs">
        <Link href="/qa/forms" className="text-brand-700 underline underline-offset-2">
          {t('title')}
        </Link>
      </nav>
      <PageHeader title={t('newTitle')} description={t('newDescription')} />
      <FormEditor draft={null} />
    </>
  );
}
