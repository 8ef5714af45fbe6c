'use client';
// The outbox for admins: every e-mail with its status, attempts and last error, filtered by
// status; each opens as the recipient sees it, and a failed one can be retried.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { FormError } from '@/components/forms/form-error';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { EmailView } from './email-view';

type Status = 'pending' | 'sent' | 'failed';
const STATUSES: Status[] = ['pending', 'sent', 'failed'];
const TONE: Record<Status, BadgeTone> = { pending: 'amber', sent: 'green', failed: 'red' };
const PAGE_SIZE = 50;

function OutboxEmail({ id, onRetried }: { id: number; onRetried: () => void }) {
  const t = useTranslations('outbox');
  const tCommon = useTranslations('common');
  const trpc = useTRPC();
  const email = useQuery(trpc.digests.outbox.get.queryOptions({ id }));
  const retry = useMutation(trpc.digests.outbox.retry.mutationOptions({ onSuccess: () => onRetried() }));
  if (email.isError) return <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void email.refetch()} />;
  if (email.isPending) {
    return (
      <p aria-busy="true" className="py-10 text-center text-sm text-slate-500">
        {tCommon('loading')}
      </p>
    );
  }
  const row = email.data;
  return (
    <div className="space-y-3">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-500">{t('to')}</dt>
        <dd className="font-medium">{row.toAddress}</dd>
        <dt className="text-slate-500">{t('status')}</dt>
        <dd>
          <Badge tone={TONE[row.status]}>{t(`statuses.${row.status}`)}</Badge>
        </dd>
        {row.lastError ? (
          <>
            <dt className="text-slate-500">{t('lastError')}</dt>
            <dd className="font-mono text-xs break-all text-red-800">{row.lastError}</dd>
          </>
        ) : null}
        <dt className="text-slate-500">{t('headers')}</dt>
        <dd className="font-mono text-xs break-all text-slate-700">
          {Object.entries(row.headers).map(([name, value]) => (
            <div key={name}>
              {name}: {value}
            </div>
          ))}
        </dd>
      </dl>
      {row.status === 'failed' ? (
        <div className="flex items-center gap-3">
          <Button size="sm" disabled={retry.isPending} onClick={() => retry.mutate({ id: row.id })}>
            {retry.isPending ? t('retrying') : t('retry')}
          </Button>
          {retry.isError ? <FormError>{t('retryFailed')}</FormError> : null}
        </div>
      ) : null}
      <EmailView html={row.html} text={row.text} labels={{ html: t('htmlPart'), text: t('textPart'), frameTitle: t('frameTitle', { subject: row.subject }) }} />
    </div>
  );
}

export function OutboxAdmin() {
  const t = useTranslations('outbox');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<{ id: number; subject: string } | null>(null);
  const list = useQuery(trpc.digests.outbox.list.queryOptions({ status, page, pageSize: PAGE_SIZE }, { refetchInterval: 30_000 }));
  const when = (at: Date | null) =>
    at ? (
      <time dateTime={at.toISOString()} title={format.dateTime(at, { dateStyle: 'full', timeStyle: 'long' })}>
        {format.dateTime(at, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}
      </time>
    ) : (
      <span className="text-slate-500">—</span>
    );

  const filters: { key: Status | undefined; label: string }[] = list.data
    ? [
        { key: undefined, label: t('all', { count: STATUSES.reduce((n, s) => n + list.data.counts[s], 0) }) },
        ...STATUSES.map((s) => ({ key: s, label: t('statusCount', { status: t(`statuses.${s}`), count: list.data.counts[s] }) })),
      ]
    : [];

  return (
    <div className="space-y-4">
      {list.data ? (
        <p role="note" className={cn('rounded-md border px-3 py-2 text-sm', list.data.delivery ? 'border-slate-200 bg-white text-slate-700' : 'border-amber-200 bg-amber-50 text-amber-900')}>
          {list.data.delivery ? t('viaSmtp', { server: list.data.delivery, max: list.data.maxAttempts }) : t('viaOutbox')}
        </p>
      ) : null}
      <Card labelledBy={`${id}-title`}>
        <CardHeader
          id={`${id}-title`}
          title={t('title')}
          actions={
            filters.length > 0 ? (
              <div role="group" aria-label={t('filter')} className="flex flex-wrap gap-1">
                {filters.map((f) => (
                  <Button
                    key={f.key ?? 'all'}
                    size="sm"
                    variant={status === f.key ? 'primary' : 'secondary'}
                    aria-pressed={status === f.key}
                    onClick={() => {
                      setStatus(f.key);
                      setPage(1);
                    }}
                  >
                    {f.label}
                  </Button>
                ))}
              </div>
            ) : null
          }
        />
        {list.isError ? (
          <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void list.refetch()} />
        ) : list.isPending ? (
          <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
            {tCommon('loading')}
          </p>
        ) : list.data.rows.length === 0 ? (
          <EmptyState title={status ? t('emptyFiltered') : t('empty')} description={status ? undefined : t('emptyHint')} />
        ) : (
          <>
            <Table caption={t('caption')}>
              <THead>
                <tr>
                  <TH>{t('created')}</TH>
                  <TH>{t('to')}</TH>
                  <TH>{t('subject')}</TH>
                  <TH>{t('status')}</TH>
                  <TH numeric>{t('attempts')}</TH>
                  <TH>{t('lastError')}</TH>
                  <TH>{t('sentAt')}</TH>
                </tr>
              </THead>
              <TBody>
                {list.data.rows.map((row) => (
                  <TR key={row.id}>
                    <TD className="whitespace-nowrap">{when(row.createdAt)}</TD>
                    <TD className="whitespace-nowrap">{row.toAddress}</TD>
                    <th scope="row" className="max-w-md px-3 py-2 text-left font-medium">
                      <button
                        type="button"
                        title={t('openNamed', { subject: row.subject })}
                        onClick={() => setOpen({ id: row.id, subject: row.subject })}
                        className="block max-w-full truncate text-left text-brand-700 hover:underline focus-visible:underline"
                      >
                        {row.subject}
                      </button>
                    </th>
                    <TD>
                      <Badge tone={TONE[row.status]}>{t(`statuses.${row.status}`)}</Badge>
                      {row.status === 'pending' && row.attempts > 0 ? (
                        <div className="mt-0.5 text-xs whitespace-nowrap text-slate-500">{t('nextAttempt', { at: format.dateTime(row.nextAttemptAt, { timeStyle: 'short' }) })}</div>
                      ) : null}
                    </TD>
                    <TD numeric className="whitespace-nowrap">
                      {t('attemptsOf', { count: row.attempts, max: list.data.maxAttempts })}
                    </TD>
                    <TD className="max-w-xs truncate font-mono text-xs text-red-800" title={row.lastError ?? undefined}>
                      {row.lastError ?? <span className="font-sans text-slate-500">—</span>}
                    </TD>
                    <TD className="whitespace-nowrap">{when(row.sentAt)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
            {list.data.pages > 1 ? (
              <nav aria-label={t('pageOf', { page, pages: list.data.pages })} className="flex items-center justify-end gap-2 border-t border-slate-200 px-4 py-2 text-sm">
                <span className="text-slate-600">{t('pageOf', { page, pages: list.data.pages })}</span>
                <Button size="sm" variant="secondary" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
                  {t('previous')}
                </Button>
                <Button size="sm" variant="secondary" disabled={page >= list.data.pages} onClick={() => setPage((p) => p + 1)}>
                  {t('next')}
                </Button>
              </nav>
            ) : null}
          </>
        )}
      </Card>

      <Dialog open={open !== null} onClose={() => setOpen(null)} title={open?.subject ?? ''} closeLabel={tCommon('close')} className="max-w-4xl!">
        {open ? (
          <OutboxEmail
            id={open.id}
            onRetried={() => {
              void queryClient.invalidateQueries({ queryKey: trpc.digests.outbox.pathKey() });
            }}
          />
        ) : null}
      </Dialog>
    </div>
  );
}
