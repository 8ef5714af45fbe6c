'use client';
// Wall displays (admins): create one and read its pairing code, large, with its expiry and the
// address to open on the screen; the list with each display's status and last contact; pair again
// or revoke, each after a confirmation.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useNow, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { DateCell } from '@/components/credentials/credential-dates';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import type { RouterOutputs } from '@/components/forms/router-types';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { QueryState } from '@/components/ui/query-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { formatPairingCode, type DisplayStatus } from '@/lib/displays/display-input';
import { DisplayForm } from './display-form';

type Display = RouterOutputs['displays']['list'][number];
type Code = { name: string; code: string; expiresAt: Date };
type Pending = { action: 'repair' | 'revoke'; id: number; name: string };

/** How often the list is read again while a pairing code is waiting. */
const WAITING_REFRESH_MS = 3000;

const TONES: Record<DisplayStatus, BadgeTone> = { waiting: 'blue', expired: 'amber', paired: 'green', revoked: 'neutral' };

export function DisplaysAdmin() {
  const t = useTranslations('displays');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  // The list's statuses (a code expiring) follow the clock without a reload.
  useNow({ updateInterval: 30_000 });
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // While a code waits to be typed on a screen, the list follows it: the row turns "paired" as
  // soon as the screen pairs, with no reload (a few light reads for at most 15 minutes).
  const displays = useQuery({
    ...trpc.displays.list.queryOptions(),
    refetchInterval: (query) => (query.state.data?.some((d) => d.status === 'waiting') ? WAITING_REFRESH_MS : false),
  });
  const [code, setCode] = useState<Code | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.displays.list.queryKey() });
  const repair = useMutation(
    trpc.displays.repair.mutationOptions({
      onSuccess: async (created) => {
        setPending(null);
        setCode({ name: created.name, code: created.code, expiresAt: created.expiresAt });
        await refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.displays.revoke.mutationOptions({
      onSuccess: async () => {
        setPending(null);
        await refresh();
      },
    }),
  );
  const action = pending?.action === 'repair' ? repair : revoke;
  const time = (at: Date) => format.dateTime(at, { timeStyle: 'short' });
  const origin = typeof window === 'undefined' ? '' : window.location.origin;

  function ask(next: Pending) {
    repair.reset();
    revoke.reset();
    setPending(next);
  }

  return (
    <div className="space-y-5">
      <Card labelledBy={`${id}-create`}>
        <CardHeader id={`${id}-create`} title={t('createTitle')} />
        <CardBody>
          <DisplayForm onCreated={(created) => setCode({ name: created.name, code: created.code, expiresAt: created.expiresAt })} />
        </CardBody>
      </Card>

      <Card labelledBy={`${id}-list`}>
        <CardHeader id={`${id}-list`} title={t('listTitle')} />
        <QueryState query={displays} isEmpty={(rows) => rows.length === 0} empty={{ title: t('empty'), description: t('emptyHint') }}>
          {(rows) => (
            <Table caption={t('caption')}>
              <THead>
                <tr>
                  <TH>{t('name')}</TH>
                  <TH>{t('sites')}</TH>
                  <TH>{t('language')}</TH>
                  <TH>{t('status')}</TH>
                  <TH>{t('lastSeen')}</TH>
                  <TH>{t('created')}</TH>
                  <TH>
                    <span className="sr-only">{tCommon('actions')}</span>
                  </TH>
                </tr>
              </THead>
              <TBody>
                {rows.map((display: Display) => (
                  <TR key={display.id} className={display.status === 'revoked' ? 'text-slate-500' : undefined}>
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      {display.name}
                    </th>
                    <TD>
                      <a href={display.wallboardPath} className="font-mono text-xs font-semibold text-brand-700 underline-offset-2 hover:underline">
                        {display.sites ? display.sites.join(' · ') : t('network')}
                      </a>
                    </TD>
                    <TD className="uppercase">{display.locale}</TD>
                    <TD>
                      <Badge tone={TONES[display.status]}>
                        {t(`statuses.${display.status}`, { time: display.pairingExpiresAt ? time(display.pairingExpiresAt) : '' })}
                      </Badge>
                    </TD>
                    <DateCell at={display.lastSeenAt} relative />
                    <DateCell at={display.createdAt} />
                    <TD className="whitespace-nowrap text-right">
                      <Button size="sm" variant="ghost" aria-label={t('repairNamed', { name: display.name })} onClick={() => ask({ action: 'repair', id: display.id, name: display.name })}>
                        {t('repair')}
                      </Button>
                      {display.status === 'revoked' ? null : (
                        <Button size="sm" variant="ghost" aria-label={t('revokeNamed', { name: display.name })} onClick={() => ask({ action: 'revoke', id: display.id, name: display.name })}>
                          {t('revoke')}
                        </Button>
                      )}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </QueryState>
      </Card>

      <Dialog open={code !== null} onClose={() => setCode(null)} title={code ? t('codeTitle', { name: code.name }) : ''} closeLabel={tCommon('close')}>
        {code ? (
          <div className="space-y-4">
            <p className="text-sm text-slate-700">{t('codeIntro')}</p>
            <p className="rounded-md bg-slate-100 px-3 py-2 text-center font-mono text-base font-semibold text-slate-900">{`${origin}/display`}</p>
            <p data-pairing-code className="text-center font-mono text-5xl font-bold tracking-[0.2em] text-brand-900">
              {formatPairingCode(code.code)}
            </p>
            <p className="text-center text-sm text-slate-700">{t('codeExpires', { time: time(code.expiresAt) })}</p>
            <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {t('codeOnce')}
            </p>
            <div className="flex justify-end">
              <Button onClick={() => setCode(null)}>{t('done')}</Button>
            </div>
          </div>
        ) : null}
      </Dialog>

      <ConfirmDialog
        open={pending !== null}
        onClose={() => setPending(null)}
        title={pending ? t(pending.action === 'repair' ? 'repairTitle' : 'revokeTitle', { name: pending.name }) : ''}
        onConfirm={() => pending && action.mutate({ id: pending.id })}
        confirmLabel={pending?.action === 'repair' ? t('repair') : t('revoke')}
        pendingLabel={pending?.action === 'repair' ? t('repairing') : t('revoking')}
        pending={action.isPending}
        error={action.isError ? (serverMessageOf(action.error) ?? tCommon('saveFailed')) : null}
      >
        <p className="text-sm text-slate-700">{t(pending?.action === 'repair' ? 'repairExplanation' : 'revokeExplanation')}</p>
      </ConfirmDialog>
    </div>
  );
}
