'use client';
// The targets settings: per metric, the network default and each site's override, with their
// bounds in the units people read (%, durations, points), editable and clearable by HQ.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { formatDuration } from '@/components/kpi/kpi-format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { ErrorState } from '@/components/ui/error-state';
import { Badge } from '@/components/ui/badge';
import { METRICS, type KpiMetric } from '@/lib/kpi/definitions';
import { TargetForm, type TargetFormValue } from './target-form';

const ALL_METRICS = Object.keys(METRICS) as KpiMetric[];

type Editing = { value: TargetFormValue; siteChoices?: { code: string; name: string }[] } | null;
type Clearing = { metric: KpiMetric; site: string | null } | null;

export function formatBound(metric: KpiMetric, value: number, locale: string): string {
  switch (METRICS[metric].unit) {
    case 'ratio':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(value);
    case 'seconds':
      return value >= 60 ? `${formatDuration(value, locale)} (${new Intl.NumberFormat(locale).format(value)} s)` : formatDuration(value, locale);
    case 'score':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  }
}

export function TargetsEditor() {
  const t = useTranslations('targets');
  const tCommon = useTranslations('common');
  const locale = useLocale() as 'en' | 'fr';
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const targets = useQuery(trpc.kpi.targets.queryOptions());
  const sites = useQuery(trpc.sites.list.queryOptions());
  const [editing, setEditing] = useState<Editing>(null);
  const [clearing, setClearing] = useState<Clearing>(null);
  const [notice, setNotice] = useState<'saved' | 'cleared' | null>(null);
  const clear = useMutation(
    trpc.kpi.clearTarget.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.kpi.pathKey() });
        setClearing(null);
        setNotice('cleared');
      },
    }),
  );

  const siteName = new Map((sites.data ?? []).map((s) => [s.code, s.name]));
  const label = (metric: KpiMetric) => METRICS[metric].label[locale];
  const scopeLabel = (site: string | null) => (site === null ? t('network') : `${site} · ${siteName.get(site) ?? ''}`);
  const rule = (metric: KpiMetric, green: number, amber: number) =>
    t(METRICS[metric].direction === 'higher' ? 'ruleHigher' : 'ruleLower', { green: formatBound(metric, green, locale), amber: formatBound(metric, amber, locale) });

  return (
    <>
      <Card labelledBy="targets-title">
        <CardHeader
          id="targets-title"
          title={t('caption')}
          actions={
            <p role="status" className="text-xs font-medium text-emerald-700">
              {notice ? t(notice) : ''}
            </p>
          }
        />
        {targets.isError || sites.isError ? (
          <ErrorState
            title={tCommon('loadFailed')}
            retryLabel={tCommon('retry')}
            onRetry={() => {
              void targets.refetch();
              void sites.refetch();
            }}
          />
        ) : targets.isPending || sites.isPending ? (
          <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
            {tCommon('loading')}
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full border-collapse text-sm">
              <caption className="sr-only">{t('caption')}</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t('metric')}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t('scope')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('green')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('amber')}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t('updated')}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">{tCommon('actions')}</span>
                  </th>
                </tr>
              </thead>
              {ALL_METRICS.map((metric) => {
                const rows = targets.data.filter((r) => r.metric === metric);
                const network = rows.find((r) => r.site === null);
                const overrides = rows.filter((r) => r.site !== null);
                const free = sites.data.filter((s) => !overrides.some((o) => o.site === s.code)).map((s) => ({ code: s.code, name: s.name }));
                const lines = [network ?? null, ...overrides];
                return (
                  <tbody key={metric} className="border-b border-slate-200" data-metric={metric}>
                    {lines.map((row, index) => (
                      <tr key={row?.site ?? 'network'} className="align-top hover:bg-slate-50/70">
                        {index === 0 ? (
                          <th scope="rowgroup" rowSpan={lines.length} className="w-72 px-3 py-2 text-left font-normal">
                            <span className="block font-semibold text-slate-900">{label(metric)}</span>
                            <Badge className="mt-1">{t(METRICS[metric].direction === 'higher' ? 'higherIsBetter' : 'lowerIsBetter')}</Badge>
                            <span className="mt-2 block">
                              <Button
                                size="sm"
                                variant="ghost"
                                disabled={free.length === 0}
                                title={free.length === 0 ? t('allSitesHaveOverride') : undefined}
                                aria-label={t('addOverrideNamed', { metric: label(metric) })}
                                onClick={() => {
                                  setNotice(null);
                                  setEditing({ value: { metric, site: null, green: network?.green ?? null, amber: network?.amber ?? null }, siteChoices: free });
                                }}
                              >
                                + {t('addOverride')}
                              </Button>
                            </span>
                          </th>
                        ) : null}
                        {row === null ? (
                          <>
                            <td className="px-3 py-2 text-slate-700">{t('network')}</td>
                            <td colSpan={3} className="px-3 py-2 text-slate-500 italic">
                              {t('noDefault')}
                            </td>
                            <td className="px-3 py-2 text-right">
                              <Button
                                size="sm"
                                variant="secondary"
                                onClick={() => {
                                  setNotice(null);
                                  setEditing({ value: { metric, site: null, green: null, amber: null } });
                                }}
                              >
                                {t('setDefault')}
                              </Button>
                            </td>
                          </>
                        ) : (
                          <>
                            <td className="px-3 py-2">
                              <span className={row.site === null ? 'font-medium text-slate-800' : 'text-slate-700'}>
                                {row.site === null ? t('network') : <span className="font-mono text-xs font-semibold">{row.site}</span>}
                              </span>
                              {row.site !== null ? <span className="ml-1.5 text-slate-600">{siteName.get(row.site)}</span> : null}
                              <span className="block text-xs text-slate-500">{rule(metric, row.green, row.amber)}</span>
                            </td>
                            <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{formatBound(metric, row.green, locale)}</td>
                            <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{formatBound(metric, row.amber, locale)}</td>
                            <td className="px-3 py-2 text-xs whitespace-nowrap text-slate-500">
                              <time dateTime={row.updatedAt.toISOString()}>{format.dateTime(row.updatedAt, { dateStyle: 'medium' })}</time>
                            </td>
                            <td className="px-3 py-2 text-right whitespace-nowrap">
                              <Button
                                size="sm"
                                variant="ghost"
                                aria-label={t('editNamed', { metric: label(metric), scope: scopeLabel(row.site) })}
                                onClick={() => {
                                  setNotice(null);
                                  setEditing({ value: { metric, site: row.site, green: row.green, amber: row.amber } });
                                }}
                              >
                                {t('edit')}
                              </Button>
                              <Button
                                size="sm"
                                variant="ghost"
                                aria-label={t('clearNamed', { metric: label(metric), scope: scopeLabel(row.site) })}
                                onClick={() => {
                                  clear.reset();
                                  setClearing({ metric, site: row.site });
                                }}
                              >
                                {t('clear')}
                              </Button>
                            </td>
                          </>
                        )}
                      </tr>
                    ))}
                  </tbody>
                );
              })}
            </table>
          </div>
        )}
      </Card>

      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t('dialogTitle', { metric: label(editing.value.metric) }) : ''}
        description={editing ? (editing.siteChoices ? t('addOverride') : scopeLabel(editing.value.site)) : undefined}
        closeLabel={tCommon('close')}
      >
        {editing ? (
          <TargetForm
            key={`${editing.value.metric}:${editing.value.site ?? 'network'}:${editing.siteChoices ? 'new' : 'edit'}`}
            value={editing.value}
            siteChoices={editing.siteChoices}
            onDone={() => {
              setEditing(null);
              setNotice('saved');
            }}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Dialog>

      <ConfirmDialog
        open={clearing !== null}
        onClose={() => setClearing(null)}
        title={t('clearTitle')}
        onConfirm={() => clearing && clear.mutate(clearing)}
        confirmLabel={t('clear')}
        pending={clear.isPending}
        error={clear.isError ? (serverMessageOf(clear.error) ?? tCommon('saveFailed')) : null}
      >
        {clearing ? (
          <>
            <p className="text-sm text-slate-700">
              <span className="font-medium">{label(clearing.metric)}</span> · {scopeLabel(clearing.site)}
            </p>
            <p className="text-sm text-slate-600">{clearing.site ? t('clearOverride', { site: clearing.site }) : t('clearNetwork')}</p>
          </>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
