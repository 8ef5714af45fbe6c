'use client';
// The signed-in user's e-mail digests: the list with each one's next send, create and change,
// pause, delete, "send me a test", and a preview of the digest rendered as it would arrive.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import { FormError } from '@/components/forms/form-error';
import type { RouterOutputs } from '@/components/forms/router-types';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { DigestForm } from './digest-form';
import { DigestPreview } from './digest-preview';
import { usePeriodLabel } from './use-period-label';

type Subscription = RouterOutputs['digests']['list'][number];
type TestResult = RouterOutputs['digests']['sendTest'];

export function DigestSettings() {
  const t = useTranslations('digests');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const periodLabel = usePeriodLabel();
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = useQuery(trpc.digests.options.queryOptions());
  const list = useQuery(trpc.digests.list.queryOptions());
  const [editing, setEditing] = useState<Subscription | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Subscription | null>(null);
  const [previewId, setPreviewId] = useState<number | null>(null);
  const [testResult, setTestResult] = useState<{ id: number; result: TestResult } | { id: number; error: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.digests.list.queryKey() });

  // Preview the first digest by default, and forget a preview whose digest was deleted.
  useEffect(() => {
    if (!list.data) return;
    if (previewId === null || !list.data.some((s) => s.id === previewId)) setPreviewId(list.data[0]?.id ?? null);
  }, [list.data, previewId]);

  const toggle = useMutation(trpc.digests.update.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(
    trpc.digests.remove.mutationOptions({
      onSuccess: async () => {
        setDeleting(null);
        await refresh();
      },
    }),
  );
  const sendTest = useMutation(
    trpc.digests.sendTest.mutationOptions({
      onSuccess: (result, input) => setTestResult({ id: input.id, result }),
      onError: (error, input) => setTestResult({ id: input.id, error: serverMessageOf(error) ?? tCommon('saveFailed') }),
    }),
  );

  function testMessage(): { tone: 'ok' | 'warn' | 'error'; text: string } | null {
    if (!testResult) return null;
    if ('error' in testResult) return { tone: 'error', text: t('testFailed', { error: testResult.error }) };
    const { result } = testResult;
    if (result.status === 'sent') return { tone: 'ok', text: result.delivery === 'smtp' ? t('testSent', { email: result.to }) : t('testKept') };
    if (result.status === 'pending') return { tone: 'warn', text: t('testPending', { error: result.error ?? '' }) };
    return { tone: 'error', text: t('testFailed', { error: result.error ?? '' }) };
  }
  const message = testMessage();

  // In the digest's own time zone, named in the send time column beside it.
  const nextLabel = (s: Subscription) =>
    s.next ? format.dateTime(s.next.at, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: s.timezone }) : null;

  const loading = list.isPending || options.isPending;
  const failed = list.isError || options.isError;
  const preview = list.data?.find((s) => s.id === previewId) ?? null;

  return (
    <div className="space-y-5">
      <Card labelledBy={`${id}-list`}>
        <CardHeader
          id={`${id}-list`}
          title={t('listTitle')}
          actions={
            list.data && list.data.length > 0 ? (
              <Button size="sm" onClick={() => setEditing('new')} disabled={!options.data}>
                {t('new')}
              </Button>
            ) : null
          }
        />
        {failed ? (
          <ErrorState
            title={tCommon('loadFailed')}
            retryLabel={tCommon('retry')}
            onRetry={() => {
              void list.refetch();
              void options.refetch();
            }}
          />
        ) : loading ? (
          <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
            {tCommon('loading')}
          </p>
        ) : list.data.length === 0 ? (
          <EmptyState
            title={t('empty')}
            description={t('emptyHint')}
            action={<Button onClick={() => setEditing('new')}>{t('new')}</Button>}
          />
        ) : (
          <Table caption={t('caption')}>
            <THead>
              <tr>
                <TH>{t('cadence')}</TH>
                <TH>{t('sendTime')}</TH>
                <TH>{t('sites')}</TH>
                <TH>{t('status')}</TH>
                <TH>{t('next')}</TH>
                <TH>{t('lastRun')}</TH>
                <TH>
                  <span className="sr-only">{tCommon('actions')}</span>
                </TH>
              </tr>
            </THead>
            <TBody>
              {list.data.map((s) => (
                <TR key={s.id} className={s.id === previewId ? 'bg-brand-50/40' : undefined}>
                  <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                    {t(`cadenceShort.${s.cadence}`)}
                  </th>
                  <TD className="whitespace-nowrap">
                    <span className="tabular-nums">{s.sendTime}</span> <span className="text-xs text-slate-500">{s.timezone}</span>
                  </TD>
                  <TD className="whitespace-nowrap">
                    {s.sites === null ? (
                      options.data?.canChooseSites ? (
                        t('allSites')
                      ) : (
                        options.data?.sites.map((x) => x.code).join(', ')
                      )
                    ) : (
                      <span title={s.sites.map((x) => `${x.code} — ${x.name}`).join('\n')} className="font-mono text-xs">
                        {s.sites.map((x) => x.code).join(', ')}
                      </span>
                    )}
                  </TD>
                  <TD>
                    <Badge tone={s.active ? 'green' : 'neutral'}>{s.active ? t('active') : t('paused')}</Badge>
                  </TD>
                  <TD className="whitespace-nowrap">
                    {s.next ? (
                      <>
                        <time dateTime={s.next.at.toISOString()}>{nextLabel(s)}</time>
                        <div className="text-xs text-slate-500">{t('covers', { period: periodLabel(s.next.from, s.next.to) })}</div>
                      </>
                    ) : (
                      <span className="text-slate-500">—</span>
                    )}
                  </TD>
                  <TD className="whitespace-nowrap">
                    {s.lastRun ? (
                      <>
                        {periodLabel(s.lastRun.from, s.lastRun.to)}{' '}
                        <Badge tone={s.lastRun.status === 'failed' ? 'red' : s.lastRun.status === 'sent' ? 'neutral' : 'amber'}>{t(`runStatus.${s.lastRun.status}`)}</Badge>
                      </>
                    ) : (
                      <span className="text-slate-500">{t('never')}</span>
                    )}
                  </TD>
                  <TD className="text-right">
                    <div className="ml-auto flex max-w-[18rem] min-w-[14rem] flex-wrap justify-end gap-x-1 gap-y-0.5">
                      <Button size="sm" variant="ghost" aria-pressed={s.id === previewId} onClick={() => setPreviewId(s.id)}>
                        {t('preview')}
                      </Button>
                      <Button size="sm" variant="ghost" disabled={sendTest.isPending} onClick={() => sendTest.mutate({ id: s.id })}>
                        {sendTest.isPending && sendTest.variables?.id === s.id ? t('sendingTest') : t('sendTest')}
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setEditing(s)}>
                        {tCommon('edit')}
                      </Button>
                      <Button size="sm" variant="ghost" disabled={toggle.isPending} onClick={() => toggle.mutate({ id: s.id, active: !s.active })}>
                        {s.active ? t('pause') : t('resume')}
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        className="text-red-700 hover:bg-red-50"
                        onClick={() => {
                          remove.reset();
                          setDeleting(s);
                        }}
                      >
                        {t('delete')}
                      </Button>
                    </div>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
        {message || toggle.isError ? (
          <CardBody className="border-t border-slate-200">
            {toggle.isError ? <FormError>{tCommon('saveFailed')}</FormError> : null}
            {message ? (
              <p
                role="status"
                className={
                  message.tone === 'ok' ? 'text-sm text-emerald-800' : message.tone === 'warn' ? 'text-sm text-amber-800' : 'text-sm text-red-800'
                }
              >
                {message.text}
              </p>
            ) : null}
          </CardBody>
        ) : null}
      </Card>

      {list.data && list.data.length > 0 ? <DigestPreview subscription={preview} /> : null}

      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('newTitle') : t('editTitle')}
        closeLabel={tCommon('close')}
      >
        {editing !== null && options.data ? (
          <DigestForm subscription={editing === 'new' ? null : editing} options={options.data} onDone={() => setEditing(null)} />
        ) : null}
      </Dialog>

      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('deleteTitle')}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
        confirmLabel={t('delete')}
        pendingLabel={t('deleting')}
        pending={remove.isPending}
        error={remove.isError ? tCommon('saveFailed') : null}
      >
        <p className="text-sm text-slate-700">{t('deleteExplanation')}</p>
      </ConfirmDialog>
    </div>
  );
}
