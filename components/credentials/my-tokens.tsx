'use client';
// The signed-in user's personal tokens: list (prefix, created, last used), create (the secret is
// shown once), revoke.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTimeZone, useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import { FormError } from '@/components/forms/form-error';
import { errorCodeOf, refusedFields } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { presetRange } from '@/lib/kpi/periods';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { TextField } from '@/components/ui/input';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { DateCell } from './credential-dates';
import { SecretReveal } from './secret-reveal';

type Created = { name: string; secret: string };

export function MyTokens() {
  const t = useTranslations('credentials');
  const tCommon = useTranslations('common');
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.keys.listMyTokens.queryOptions());
  const [name, setName] = useState('');
  const [created, setCreated] = useState<Created | null>(null);
  const [revoking, setRevoking] = useState<{ id: number; name: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.keys.listMyTokens.queryKey() });
  const create = useMutation(
    trpc.keys.createMyToken.mutationOptions({
      onSuccess: async (token) => {
        setCreated({ name: token.name, secret: token.secret });
        setName('');
        await refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.keys.revokeMyToken.mutationOptions({
      onSuccess: async () => {
        setRevoking(null);
        await refresh();
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name });
  }

  const timeZone = useTimeZone() ?? 'UTC';
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const week = presetRange('last_7_days', new Date(), timeZone);

  return (
    <div className="space-y-5">
      <Card labelledBy={`${id}-create`}>
        <CardHeader id={`${id}-create`} title={t('tokens.createTitle')} />
        <CardBody>
          <form onSubmit={submit} className="flex flex-wrap items-start gap-3">
            <TextField
              id={`${id}-name`}
              label={t('name')}
              hint={t('nameHint')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              error={create.isError && refusedFields(create.error).has('name') ? t('nameInvalid') : null}
              className="w-80"
              maxLength={100}
              required
            />
            <Button type="submit" className="mt-5" disabled={create.isPending || name.trim() === ''}>
              {create.isPending ? t('creating') : t('create')}
            </Button>
          </form>
          {create.isError && !refusedFields(create.error).has('name') ? (
            <div className="mt-3">
              <FormError>{errorCodeOf(create.error) === 'CONFLICT' ? t('conflict') : tCommon('saveFailed')}</FormError>
            </div>
          ) : null}
        </CardBody>
      </Card>

      <Card labelledBy={`${id}-list`}>
        <CardHeader id={`${id}-list`} title={t('tokens.listTitle')} />
        {tokens.isError ? (
          <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void tokens.refetch()} />
        ) : tokens.isPending ? (
          <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
            {tCommon('loading')}
          </p>
        ) : tokens.data.length === 0 ? (
          <EmptyState title={t('tokens.empty')} description={t('tokens.emptyHint')} />
        ) : (
          <Table caption={t('tokens.caption')}>
            <THead>
              <tr>
                <TH>{t('name')}</TH>
                <TH>{t('prefix')}</TH>
                <TH>{t('created')}</TH>
                <TH>{t('lastUsed')}</TH>
                <TH>
                  <span className="sr-only">{tCommon('actions')}</span>
                </TH>
              </tr>
            </THead>
            <TBody>
              {tokens.data.map((token) => (
                <TR key={token.id}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {token.name}
                  </th>
                  <TD className="font-mono text-xs">{token.prefix}…</TD>
                  <DateCell at={token.createdAt} />
                  <DateCell at={token.lastUsedAt} relative />
                  <TD className="text-right">
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={t('tokens.revokeNamed', { name: token.name })}
                      onClick={() => {
                        revoke.reset();
                        setRevoking({ id: token.id, name: token.name });
                      }}
                    >
                      {t('revoke')}
                    </Button>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>

      <Dialog open={created !== null} onClose={() => setCreated(null)} title={created ? t('tokens.createdTitle', { name: created.name }) : ''} closeLabel={tCommon('close')}>
        {created ? (
          <SecretReveal
            secret={created.secret}
            usage={t('tokens.usage')}
            example={`curl -H "Authorization: Bearer ${created.secret}" \\\n  "${origin}/api/v1/kpis?from=${week.from}&to=${week.to}"`}
            onDone={() => setCreated(null)}
          />
        ) : null}
      </Dialog>

      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={revoking ? t('tokens.revokeTitle', { name: revoking.name }) : ''}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
        confirmLabel={t('revoke')}
        pendingLabel={t('revoking')}
        pending={revoke.isPending}
        error={revoke.isError ? tCommon('saveFailed') : null}
      >
        <p className="text-sm text-slate-700">{t('tokens.revokeExplanation')}</p>
      </ConfirmDialog>
    </div>
  );
}
