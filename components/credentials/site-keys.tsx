'use client';
// Site keys (admins): per site, prefix, created, last used, revoked; create for a site (the
// secret is shown once); revoke.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import { FormError } from '@/components/forms/form-error';
import { errorCodeOf, refusedFields } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { SelectField } from '@/components/ui/select';
import { TextField } from '@/components/ui/input';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { DateCell } from './credential-dates';
import { SecretReveal } from './secret-reveal';

type Created = { name: string; site: string; secret: string };

export function SiteKeys() {
  const t = useTranslations('credentials');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [showRevoked, setShowRevoked] = useState(false);
  const keys = useQuery(trpc.keys.listSiteKeys.queryOptions({ includeRevoked: showRevoked }));
  const sites = useQuery(trpc.sites.list.queryOptions());
  const activeSites = (sites.data ?? []).filter((s) => s.active);
  const [site, setSite] = useState('');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<Created | null>(null);
  const [revoking, setRevoking] = useState<{ id: number; name: string; site: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.keys.listSiteKeys.pathKey() });
  const create = useMutation(
    trpc.keys.createSiteKey.mutationOptions({
      onSuccess: async (key) => {
        setCreated({ name: key.name, site: key.siteCode, secret: key.secret });
        setName('');
        await refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.keys.revokeSiteKey.mutationOptions({
      onSuccess: async () => {
        setRevoking(null);
        await refresh();
      },
    }),
  );
  const chosenSite = site || activeSites[0]?.code || '';

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ siteCode: chosenSite, name });
  }

  const origin = typeof window === 'undefined' ? '' : window.location.origin;

  return (
    <div className="space-y-5">
      <Card labelledBy={`${id}-create`}>
        <CardHeader id={`${id}-create`} title={t('keys.createTitle')} />
        <CardBody>
          {sites.isSuccess && activeSites.length === 0 ? (
            <p className="text-sm text-slate-600">{t('keys.noSites')}</p>
          ) : (
            <form onSubmit={submit} className="flex flex-wrap items-start gap-3">
              <SelectField
                id={`${id}-site`}
                label={t('keys.site')}
                value={chosenSite}
                onChange={(e) => setSite(e.target.value)}
                options={activeSites.map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }))}
                className="w-64"
                disabled={!sites.isSuccess}
              />
              <TextField
                id={`${id}-name`}
                label={t('name')}
                hint={t('nameHint')}
                value={name}
                onChange={(e) => setName(e.target.value)}
                error={create.isError && refusedFields(create.error).has('name') ? t('nameInvalid') : null}
                className="w-72"
                maxLength={100}
                required
              />
              <Button type="submit" className="mt-5" disabled={create.isPending || name.trim() === '' || !chosenSite}>
                {create.isPending ? t('creating') : t('create')}
              </Button>
            </form>
          )}
          {create.isError && !refusedFields(create.error).has('name') ? (
            <div className="mt-3">
              <FormError>{errorCodeOf(create.error) === 'CONFLICT' ? t('conflict') : tCommon('saveFailed')}</FormError>
            </div>
          ) : null}
        </CardBody>
      </Card>

      <Card labelledBy={`${id}-list`}>
        <CardHeader
          id={`${id}-list`}
          title={t('keys.listTitle')}
          actions={
            <label className="flex items-center gap-1.5 text-xs text-slate-600">
              <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} />
              {t('keys.showRevoked')}
            </label>
          }
        />
        {keys.isError ? (
          <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void keys.refetch()} />
        ) : keys.isPending ? (
          <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
            {tCommon('loading')}
          </p>
        ) : keys.data.length === 0 ? (
          <EmptyState title={t('keys.empty')} description={t('keys.emptyHint')} />
        ) : (
          <Table caption={t('keys.caption')}>
            <THead>
              <tr>
                <TH>{t('keys.site')}</TH>
                <TH>{t('name')}</TH>
                <TH>{t('prefix')}</TH>
                <TH>{t('created')}</TH>
                <TH>{t('lastUsed')}</TH>
                <TH>{t('status')}</TH>
                <TH>
                  <span className="sr-only">{tCommon('actions')}</span>
                </TH>
              </tr>
            </THead>
            <TBody>
              {keys.data.map((key) => (
                <TR key={key.id} className={key.revokedAt ? 'text-slate-500' : undefined}>
                  <TD className="font-mono text-xs font-semibold">{key.siteCode}</TD>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {key.name}
                  </th>
                  <TD className="font-mono text-xs">{key.prefix}…</TD>
                  <DateCell at={key.createdAt} />
                  <DateCell at={key.lastUsedAt} relative />
                  <TD>
                    {key.revokedAt ? (
                      <Badge>{t('revoked', { date: format.dateTime(key.revokedAt, { dateStyle: 'medium' }) })}</Badge>
                    ) : (
                      <Badge tone="green">{t('active')}</Badge>
                    )}
                  </TD>
                  <TD className="text-right">
                    {key.revokedAt ? null : (
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={t('keys.revokeNamed', { name: key.name, site: key.siteCode })}
                        onClick={() => {
                          revoke.reset();
                          setRevoking({ id: key.id, name: key.name, site: key.siteCode });
                        }}
                      >
                        {t('revoke')}
                      </Button>
                    )}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>

      <Dialog
        open={created !== null}
        onClose={() => setCreated(null)}
        title={created ? t('keys.createdTitle', { name: created.name, site: created.site }) : ''}
        closeLabel={tCommon('close')}
      >
        {created ? (
          <SecretReveal
            secret={created.secret}
            usage={t('keys.usage')}
            example={`curl -X POST -H "Authorization: Bearer ${created.secret}" \\\n  -H "content-type: application/json" -d @calls.json \\\n  "${origin}/api/v1/calls"`}
            onDone={() => setCreated(null)}
          />
        ) : null}
      </Dialog>

      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={revoking ? t('keys.revokeTitle', { name: revoking.name, site: revoking.site }) : ''}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
        confirmLabel={t('revoke')}
        pendingLabel={t('revoking')}
        pending={revoke.isPending}
        error={revoke.isError ? tCommon('saveFailed') : null}
      >
        <p className="text-sm text-slate-700">{t('keys.revokeExplanation')}</p>
      </ConfirmDialog>
    </div>
  );
}
