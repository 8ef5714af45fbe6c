'use client';
// A compact panel for the overview: running missions with a site at risk or behind pace, the
// slowest first, each linking to its mission.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardHeader } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { MissionStatusBadge } from './mission-status';

export function MissionsBehindPanel() {
  const t = useTranslations('missions');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const trpc = useTRPC();
  const behind = useQuery(trpc.missions.behindPace.queryOptions());
  const pct = (value: number | null) => (value === null ? '—' : format.number(value, { style: 'percent', maximumFractionDigits: 0 }));

  return (
    <Card labelledBy="missions-behind-title">
      <CardHeader
        id="missions-behind-title"
        title={t('behind.title')}
        description={t('behind.description')}
        actions={
          <Link prefetch={false} href="/missions" className="text-xs font-medium text-brand-700 hover:underline">
            {t('behind.all')}
          </Link>
        }
      />
      {behind.isPending ? (
        <p aria-busy="true" className="px-4 py-6 text-center text-sm text-slate-500">
          {tCommon('loading')}
        </p>
      ) : behind.isError ? (
        <ErrorState title={t('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void behind.refetch()} />
      ) : behind.data.length === 0 ? (
        <p role="status" className="px-4 py-6 text-center text-sm text-slate-600">
          {t('behind.none')}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {behind.data.map((m) => (
            <li key={m.code} className="px-4 py-2.5">
              <Link prefetch={false} href={`/missions/${encodeURIComponent(m.code)}`} className="text-sm font-medium text-brand-700 hover:underline">
                {m.name}
              </Link>
              <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1" aria-label={t('sitesOf', { name: m.name })}>
                {m.sites.map((s) => (
                  <li key={s.code} className="flex items-center gap-1.5 text-xs text-slate-700">
                    <span className="font-mono font-semibold">{s.code}</span>
                    <span className="tabular-nums">{t('behind.siteFigures', { completion: pct(s.completion), pace: pct(s.pace) })}</span>
                    <MissionStatusBadge phase={s.phase} status={s.status} completion={s.completion} />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
