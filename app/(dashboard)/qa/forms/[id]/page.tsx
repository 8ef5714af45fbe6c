import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { FormEditor } from '@/components/qa/form-editor';
import { FormStatusBadge } from '@/components/qa/form-status-badge';
import { NewVersionButton } from '@/components/qa/new-version-button';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { requireSignedIn } from '@/server/auth/current-session';
import { isHq } from '@/server/auth/principal';
import { getServerCaller } from '@/server/trpc/server-caller';

type Props = { params: Promise<{ id: string }> };

async function visibleForm(params: Props['params']) {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  try {
    return await (await getServerCaller()).qa.forms.get({ id });
  } catch (error) {
    if (error instanceof TRPCError && ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(error.code)) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations('qa.forms');
  return { title: t('metaTitle', { id: (await params).id }) };
}

export default async function QaFormPage({ params }: Props) {
  const principal = await requireSignedIn();
  if (!isHq(principal)) notFound();
  const form = await visibleForm(params);
  const [t, tCategory, format] = await Promise.all([getTranslations('qa.forms'), getTranslations('qa.categories'), getFormatter()]);
  const breadcrumb = (
    <nav aria-label={t('breadcrumb')} className="mb-2 text-xs">
      <Link href="/qa/forms" className="text-brand-700 underline underline-offset-2">
        {t('title')}
      </Link>
      <span aria-hidden="true" className="px-1 text-slate-500">
        /
      </span>
      <span className="font-mono text-slate-600">
        {form.code} v{form.version}
      </span>
    </nav>
  );

  if (form.status === 'draft') {
    return (
      <>
        {breadcrumb}
        <PageHeader title={t('draftTitle', { code: form.code, version: form.version })} description={t('draftDescription')} actions={<FormStatusBadge status="draft" />} />
        <FormEditor draft={form} />
      </>
    );
  }

  const totalWeight = form.criteria.reduce((sum, c) => sum + c.weight, 0);
  return (
    <>
      {breadcrumb}
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            {form.name}
            <FormStatusBadge status={form.status} />
          </span>
        }
        description={
          form.status === 'published'
            ? t('publishedDescription', { code: form.code, version: form.version, date: form.publishedAt ? format.dateTime(form.publishedAt, { dateStyle: 'medium' }) : '—' })
            : t('retiredDescription', { code: form.code, version: form.version })
        }
        actions={<NewVersionButton formId={form.id} />}
      />
      {form.description ? <p className="mb-4 max-w-3xl text-sm text-slate-700">{form.description}</p> : null}
      <Card labelledBy="form-criteria">
        <CardHeader id="form-criteria" title={t('criteriaTitle', { count: form.criteria.length })} description={t('immutable')} />
        <Table caption={t('criteriaTitle', { count: form.criteria.length })}>
          <THead>
            <tr>
              <TH>{t('columns.criterion')}</TH>
              <TH>{t('columns.key')}</TH>
              <TH>{t('columns.category')}</TH>
              <TH numeric>{t('columns.weight')}</TH>
              <TH numeric>{t('columns.share')}</TH>
              <TH numeric>{t('columns.maxScore')}</TH>
              <TH>{t('columns.critical')}</TH>
            </tr>
          </THead>
          <TBody>
            {form.criteria.map((c) => (
              <TR key={c.id}>
                <TD>{c.label}</TD>
                <TD className="font-mono text-xs text-slate-600">{c.key}</TD>
                <TD>{tCategory(c.category)}</TD>
                <TD numeric>{format.number(c.weight)}</TD>
                <TD numeric>{format.number(c.weight / totalWeight, { style: 'percent', maximumFractionDigits: 0 })}</TD>
                <TD numeric>{format.number(c.maxScore)}</TD>
                <TD>{c.critical ? <Badge tone="amber">{t('criticalYes')}</Badge> : null}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
    </>
  );
}
