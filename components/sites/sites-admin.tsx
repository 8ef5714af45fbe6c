'use client';
// The sites settings page: the list, and dialogs to add, edit, deactivate and reactivate.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { FormError } from '@/components/forms/form-error';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { SiteForm, type SiteRow } from './site-form';

type Editing = { mode: 'create' } | { mode: 'edit'; site: SiteRow } | null;

export function SitesAdmin() {
  const t = useTranslations('sites');
  const tKind = useTranslations('siteKinds');
  const tCommon = useTranslations('common');
  const tCalendar = useTranslations('calendar');
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sites = useQuery(trpc.sites.list.queryOptions());
  const [editing, setEditing] = useState<Editing>(null);
  const [deactivating, setDeactivating] = useState<SiteRow | null>(null);
  const [showInactive, setShowInactive] = useState(false);
  const setActive = useMutation(
    trpc.sites.setActive.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.sites.pathKey() });
        setDeactivating(null);
      },
    }),
  );

  const countries = new Intl.DisplayNames([locale], { type: 'region' });
  const rows = (sites.data ?? []).filter((site) => showInactive || site.active);
  const inactiveCount = (sites.data ?? []).filter((site) => !site.active).length;

  return (
    <>
      <Card labelledBy="sites-title">
        <CardHeader
          id="sites-title"
          title={t('listTitle')}
          description={sites.data ? t('count', { count: sites.data.length - inactiveCount }) : undefined}
          actions={
            <>
              {inactiveCount > 0 ? (
                <label className="flex items-center gap-1.5 text-xs text-slate-600">
                  <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} />
                  {t('showInactive', { count: inactiveCount })}
                </label>
              ) : null}
              <Button size="sm" onClick={() => setEditing({ mode: 'create' })}>
                {t('add')}
              </Button>
            </>
          }
        />
        {setActive.isError && !deactivating ? (
          <div className="px-4 pt-3">
            <FormError>{serverMessageOf(setActive.error) ?? tCommon('saveFailed')}</FormError>
          </div>
        ) : null}
        {sites.isPending ? (
          <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
            {tCommon('loading')}
          </p>
        ) : sites.isError ? (
          <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void sites.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState
            title={t('empty.title')}
            description={t('empty.description')}
            action={<Button onClick={() => setEditing({ mode: 'create' })}>{t('add')}</Button>}
          />
        ) : (
          <Table caption={t('listTitle')}>
            <THead>
              <tr>
                <TH>{t('fields.code')}</TH>
                <TH>{t('fields.name')}</TH>
                <TH>{t('fields.country')}</TH>
                <TH>{t('fields.timezone')}</TH>
                <TH>{t('fields.languages')}</TH>
                <TH>{t('fields.kind')}</TH>
                <TH numeric>{t('fields.seats')}</TH>
                <TH numeric>{t('columns.sla')}</TH>
                <TH>{t('columns.deadline')}</TH>
                <TH>{t('columns.status')}</TH>
                <TH>
                  <span className="sr-only">{tCommon('actions')}</span>
                </TH>
              </tr>
            </THead>
            <TBody>
              {rows.map((site) => (
                <TR key={site.id} className={site.active ? undefined : 'text-slate-500'}>
                  <TD className="font-mono text-xs font-semibold">{site.code}</TD>
                  <TD>{site.name}</TD>
                  <TD className="whitespace-nowrap">
                    <abbr title={countries.of(site.country)} className="no-underline">
                      {site.country}
                    </abbr>
                  </TD>
                  <TD className="whitespace-nowrap">{site.timezone}</TD>
                  <TD>{site.languages.length > 0 ? site.languages.join(', ') : '—'}</TD>
                  <TD>{tKind(site.kind)}</TD>
                  <TD numeric>{format.number(site.seats)}</TD>
                  <TD numeric>{t('seconds', { count: site.slaSeconds })}</TD>
                  <TD className="tabular-nums">{site.reportDeadline}</TD>
                  <TD>{site.active ? <Badge tone="green">{tCommon('active')}</Badge> : <Badge>{tCommon('inactive')}</Badge>}</TD>
                  <TD className="text-right whitespace-nowrap">
                    <Link
                      href={`/settings/sites/${site.code}/calendar`}
                      className={buttonClasses('ghost', 'sm')}
                      aria-label={tCalendar('openNamed', { code: site.code })}
                    >
                      {tCalendar('open')}
                    </Link>
                    <Button size="sm" variant="ghost" onClick={() => setEditing({ mode: 'edit', site })} aria-label={t('editNamed', { code: site.code })}>
                      {tCommon('edit')}
                    </Button>
                    {site.active ? (
                      <Button size="sm" variant="ghost" onClick={() => setDeactivating(site)} aria-label={t('deactivateNamed', { code: site.code })}>
                        {tCommon('deactivate')}
                      </Button>
                    ) : (
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={setActive.isPending}
                        onClick={() => setActive.mutate({ id: site.id, active: true })}
                        aria-label={t('reactivateNamed', { code: site.code })}
                      >
                        {tCommon('reactivate')}
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
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.mode === 'edit' ? t('editTitle', { code: editing.site.code }) : t('createTitle')}
        closeLabel={tCommon('close')}
        className="max-w-2xl"
      >
        {editing ? (
          <SiteForm key={editing.mode === 'edit' ? editing.site.id : 'new'} site={editing.mode === 'edit' ? editing.site : null} onDone={() => setEditing(null)} />
        ) : null}
      </Dialog>

      <Dialog
        open={deactivating !== null}
        onClose={() => {
          setDeactivating(null);
          setActive.reset();
        }}
        title={t('deactivateTitle', { code: deactivating?.code ?? '' })}
        closeLabel={tCommon('close')}
      >
        <p className="text-sm text-slate-700">{t('deactivateExplanation')}</p>
        {setActive.isError ? (
          <div className="mt-3">
            <FormError>{serverMessageOf(setActive.error) ?? tCommon('saveFailed')}</FormError>
          </div>
        ) : null}
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setDeactivating(null)}>
            {tCommon('cancel')}
          </Button>
          <Button
            variant="danger"
            disabled={setActive.isPending}
            onClick={() => deactivating && setActive.mutate({ id: deactivating.id, active: false })}
          >
            {tCommon('deactivate')}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
