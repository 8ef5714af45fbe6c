'use client';
// The alerts the reader may see: firing now first, then the history, filtered by state and site.
// Each says which rule, where, how bad, when, the value against its threshold in the metric's unit
// over its window, and (in a disclosure) the figures and formula behind it. Opening the page marks
// the reader's alerts seen, so the bell empties.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardHeader } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { Select } from '@/components/ui/select';
import { useUnreadAlerts } from './alert-bell';
import { AlertItem, type AlertView } from './alert-item';

type StateFilter = 'all' | 'firing' | 'resolved';

/** Marks the reader's alerts seen up to the newest, once per newer alert, and empties the bell. */
function useMarkSeenOnOpen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Read afresh on opening, whatever the bell last read: the mark is up to the newest now.
  const unread = useUnreadAlerts({ refetchOnMount: 'always' });
  const marked = useRef(0);
  const listedUpTo = useRef<number | null>(null);
  const markSeen = useMutation(
    trpc.alerts.markSeen.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.alerts.unread.queryKey() }) }),
  );
  const { mutate } = markSeen;
  const loaded = unread.data !== undefined;
  const latestId = unread.data?.latestId ?? 0;
  const count = unread.data?.count ?? 0;
  useEffect(() => {
    if (!loaded) return;
    // An alert that arrives while the page is open is listed too, not only counted and marked.
    if (listedUpTo.current === null) listedUpTo.current = latestId;
    else if (latestId > listedUpTo.current) {
      listedUpTo.current = latestId;
      void queryClient.invalidateQueries({ queryKey: trpc.alerts.list.pathKey() });
    }
    if (count === 0 || latestId <= marked.current) return;
    marked.current = latestId;
    mutate({ upToId: latestId });
  }, [loaded, count, latestId, mutate, queryClient, trpc]);
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
          const linkedMissing = focusId !== undefined && !data.alerts.some((a) => a.id === focusId);
          return (
            <div className="space-y-5">
              {linkedMissing ? (
                <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  {t('notListed', { id: focusId })}
                </p>
              ) : null}
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

function AlertList({ alerts, focusId }: { alerts: AlertView[]; focusId?: number }) {
  return (
    <ul className="divide-y divide-slate-100">
      {alerts.map((alert) => (
        <AlertItem key={alert.id} alert={alert} focused={alert.id === focusId} />
      ))}
    </ul>
  );
}
