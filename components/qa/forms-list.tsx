'use client';
// Every QA form with its versions: the published one sites score against, a draft being
// prepared, and the retired ones that past evaluations keep.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { FormError } from '@/components/forms/form-error';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { FormStatusBadge } from './form-status-badge';

export function FormsList() {
  const t = useTranslations('qa.forms');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const forms = useQuery(trpc.qa.forms.list.queryOptions());
  const newVersion = useMutation(
    trpc.qa.forms.newVersion.mutationOptions({
      onSuccess: async (form) => {
        await queryClient.invalidateQueries({ queryKey: trpc.qa.forms.pathKey() });
        router.push(`/qa/forms/${form.id}`);
      },
    }),
  );

  if (forms.isPending) {
    return (
      <Card>
        <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
          {tCommon('loading')}
        </p>
      </Card>
    );
  }
  if (forms.isError) {
    return (
      <Card>
        <ErrorState title={t('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void forms.refetch()} />
      </Card>
    );
  }
  if (forms.data.length === 0) {
    return (
      <Card>
        <EmptyState
          title={t('empty')}
          description={t('emptyHint')}
          action={
            <Link href="/qa/forms/new" className={buttonClasses('primary')}>
              {t('create')}
            </Link>
          }
        />
      </Card>
    );
  }

  return (
    <div className="space-y-4">
      {newVersion.isError ? <FormError>{serverMessageOf(newVersion.error) ?? tCommon('saveFailed')}</FormError> : null}
      {forms.data.map((form) => (
        <Card key={form.code} labelledBy={`form-${form.code}`}>
          <CardHeader
            id={`form-${form.code}`}
            title={
              <span>
                <span className="font-mono">{form.code}</span> · {form.name}
              </span>
            }
            description={form.current ? t('currentVersion', { version: form.current.version }) : t('noPublished')}
            actions={
              form.draft ? (
                <Link href={`/qa/forms/${form.draft.id}`} className={buttonClasses('primary', 'sm')}>
                  {t('editDraft', { version: form.draft.version })}
                </Link>
              ) : form.current ? (
                <Button size="sm" variant="secondary" disabled={newVersion.isPending} onClick={() => newVersion.mutate({ id: form.current!.id })}>
                  {t('newVersion')}
                </Button>
              ) : null
            }
          />
          <Table caption={t('versionsOf', { code: form.code })}>
            <THead>
              <tr>
                <TH>{t('columns.version')}</TH>
                <TH>{t('columns.name')}</TH>
                <TH>{t('columns.status')}</TH>
                <TH numeric>{t('columns.criteria')}</TH>
                <TH>{t('columns.published')}</TH>
              </tr>
            </THead>
            <TBody>
              {form.versions.map((v) => (
                <TR key={v.id}>
                  <TD>
                    <Link href={`/qa/forms/${v.id}`} className="font-medium text-brand-700 hover:underline">
                      {t('versionLabel', { version: v.version })}
                    </Link>
                  </TD>
                  <TD>{v.name}</TD>
                  <TD>
                    <FormStatusBadge status={v.status} />
                  </TD>
                  <TD numeric>{format.number(v.criteria)}</TD>
                  <TD className="whitespace-nowrap text-slate-600">{v.publishedAt ? format.dateTime(v.publishedAt, { dateStyle: 'medium' }) : '—'}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
      ))}
    </div>
  );
}
