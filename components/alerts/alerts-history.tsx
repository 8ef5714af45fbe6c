'use client';
// The alerts the reader may see: firing now first, then the history, filtered by state and site.
// Each says which rule, where, how bad, when, the value against its threshold in the metric's unit
// over its window, and (in a disclosure) the figures and formula behind it. Opening the page marks
// the reader's alerts seen, so the bell empties.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import type { RouterOutputs } from '@/components/forms/router-types';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { QueryState } from '@/components/ui/query-state';
import { Select } from '@/components/ui/select';
import { formatCount } from '@/lib/kpi/format';
import { useUnreadAlerts } from './alert-bell';
import { formatMetricFigure, formulaOf } from './format-alert';
import { useWindowLabel } from './use-window-label';

type Alert = RouterOutputs['alerts']['list']['alerts'][number];
type StateFilter = 'all' | 'firing' | 'resolved';

/** Marks the reader's alerts seen up to the newest, once per newer alert, and empties the bell. */
function useMarkSeenOnOpen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const unread = useUnreadAlerts();
  const marked = useRef(0);
  const markSeen = useMutation(
    trpc.alerts.markSeen.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.alerts.unread.queryKey() }) }),
  );
  const { mutate } = markSeen;
  const latestId = unread.data?.latestId ?? 0;
  const count = unread.data?.count ?? 0;
  useEffect(() => {
    if (count === 0 || latestId <= marked.current) return;
    marked.current = latestId;
    mutate({ upToId: latestId });
  }, [count, latestId, mutate]);
}

export function AlertsHistory({ focusId }: { focusId?: number }) {
  const t = useTranslations('alerts.history');
  const id = useId();
  const trpc = useTRPC();
  useMarkSeenOnOpen();
  const [state, setState] = useState<StateFilter>('all');
  const [site, setSite] = useState('');
  const sites = useQuery(trpc.sites.list.queryOptions());
  const alerts = useQuery(trpc.alerts.list.queryOptions({ state, ...(site ? { site } : {}) }));
  // A site lead's list is their own site: no site to choose.
  const choosable = (sites.data ?? []).filter((s) => s.active);

  return (
    <div className="space-y-5">
      <div role="group" aria-label={t('filters')} className="flex flex-wrap items-end gap-4">
        <label className="space-y-1 text-xs font-medium text-slate-700">
          <span className="block">{t('state')}</span>
          <Select value={state} onChange={(e) => setState(e.target.value as StateFilter)} className="w-44">
            <option value="all">{t('stateAll')}</option>
            <option value="firing">{t('stateFiring')}</option>
            <option value="resolved">{t('stateResolved')}</option>
          </Select>
        </label>
        {choosable.length > 1 ? (
          <label className="space-y-1 text-xs font-medium text-slate-700">
            <span className="block">{t('site')}</span>
            <Select value={site} onChange={(e) => setSite(e.target.value)} className="w-56">
              <option value="">{t('allSites')}</option>
              {choosable.map((s) => (
                <option key={s.code} value={s.code}>
                  {`${s.code} · ${s.name}`}
                </option>
              ))}
            </Select>
          </label>
        ) : null}
      </div>

      <QueryState query={alerts} isEmpty={(data) => data.alerts.length === 0} empty={{ title: t('empty'), description: t('emptyHint') }}>
        {(data) => {
          const firing = data.alerts.filter((a) => a.state === 'firing');
          const resolved = data.alerts.filter((a) => a.state !== 'firing');
          return (
            <div className="space-y-5">
              {state !== 'resolved' ? (
                <Card labelledBy={`${id}-firing`}>
                  <CardHeader id={`${id}-firing`} title={`${t('firingTitle')} (${firing.length})`} />
                  {firing.length === 0 ? <p className="px-4 py-6 text-sm text-slate-500">{t('noneFiring')}</p> : <AlertList alerts={firing} focusId={focusId} />}
                </Card>
              ) : null}
              {state !== 'firing' ? (
                <Card labelledBy={`${id}-history`}>
                  <CardHeader id={`${id}-history`} title={`${t('historyTitle')} (${resolved.length})`} />
                  <AlertList alerts={resolved} focusId={focusId} />
                </Card>
              ) : null}
            </div>
          );
        }}
      </QueryState>
    </div>
  );
}

function AlertList({ alerts, focusId }: { alerts: Alert[]; focusId?: number }) {
  return (
    <ul className="divide-y divide-slate-100">
      {alerts.map((alert) => (
        <AlertItem key={alert.id} alert={alert} focused={alert.id === focusId} />
      ))}
    </ul>
  );
}

function AlertItem({ alert, focused }: { alert: Alert; focused: boolean }) {
  const t = useTranslations('alerts');
  const locale = useLocale();
  const format = useFormatter();
  const windowLabel = useWindowLabel();
  const headingId = useId();
  const ref = useRef<HTMLLIElement>(null);
  // An alert opened from its message's link is brought into view.
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: 'center' });
  }, [focused]);

  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  const figure = (value: number | null | undefined) => formatMetricFigure(alert.metric, value, locale);
  const count = (value: number | null | undefined) => (value === null || value === undefined ? null : formatCount(value, locale));
  const { figures } = alert;
  const formula = formulaOf(alert.metric, figures.formula);
  const firing = alert.state === 'firing';
  const rows: [string, string | null][] = [
    [t('history.numerator'), count(figures.numerator)],
    [t('history.denominator'), count(figures.denominator)],
    [t('history.volume'), count(figures.volume)],
    [t('history.from'), figures.from ? when(figures.from) : null],
    [t('history.to'), figures.to ? when(figures.to) : null],
    [t('history.detail'), figures.detail ?? null],
    [t('history.formula'), formula],
  ];

  return (
    <li ref={ref} id={`alert-${alert.id}`} data-alert-id={alert.id} className={cn('px-4 py-3', focused && 'bg-brand-50/60')}>
      <article aria-labelledby={headingId} className="space-y-1.5">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={alert.severity === 'critical' ? 'red' : 'amber'}>{t(`severities.${alert.severity}`)}</Badge>
          <Badge tone={firing ? 'red' : 'green'}>{t(`states.${alert.state}`)}</Badge>
          <h3 id={headingId} className="text-sm font-semibold text-slate-900">
            {alert.rule.name}
            {alert.rule.id === null ? <span className="ml-1 text-xs font-normal text-slate-500">({t('history.ruleDeleted')})</span> : null}
          </h3>
          <span className="text-sm text-slate-600">
            {alert.site ? (
              <>
                <span className="font-mono text-xs font-semibold">{alert.site}</span>
                {alert.siteName ? ` · ${alert.siteName}` : ''}
              </>
            ) : (
              t('history.network')
            )}
            {alert.queue ? ` · ${t('history.queue', { queue: alert.queue })}` : ''}
          </span>
        </div>
        <p className="text-sm text-slate-800">
          <span className="font-medium">{t(`metrics.${alert.metric}`)}</span>{' '}
          <span data-alert-value className={cn('tabular-nums', firing && 'font-semibold text-red-700')}>
            {t('history.condition', { value: figure(alert.value), comparison: t(`comparisons.${alert.comparison}`), threshold: figure(alert.threshold) })}
          </span>
          <span className="text-slate-500"> · {t('history.windowLabel', { window: windowLabel(alert.window) })}</span>
          {alert.resolvedValue !== null ? <span className="text-slate-500"> · {t('history.resolvedValue', { value: figure(alert.resolvedValue) })}</span> : null}
        </p>
        <p className="text-xs text-slate-500">
          <time dateTime={alert.firedAt}>{t('history.firedAt', { time: when(alert.firedAt) })}</time>
          {alert.resolvedAt ? (
            <>
              {', '}
              <time dateTime={alert.resolvedAt}>{t('history.resolvedAt', { time: when(alert.resolvedAt) })}</time>
            </>
          ) : null}
        </p>
        <details open={focused} className="text-sm">
          <summary className="cursor-pointer text-xs font-medium text-brand-700">{t('history.details')}</summary>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs">
            {rows
              .filter((row): row is [string, string] => row[1] !== null)
              .map(([label, value]) => (
                <div key={label} className="contents">
                  <dt className="text-slate-500">{label}</dt>
                  <dd className="tabular-nums text-slate-800">{value}</dd>
                </div>
              ))}
          </dl>
        </details>
      </article>
    </li>
  );
}
