'use client';
// The missions list: each mission's window, standing, overall completion and every site's bar.
// Running missions first, then those still ahead, then the finished ones.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { formatDay } from '@/components/kpi/kpi-format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { CompletionBar } from './completion-bar';
import { expectedShare } from './mission-figures';
import { MissionForm } from './mission-form';
import { MissionStatusBadge } from './mission-status';
import { elapsedShare } from '@/lib/kpi/definitions';

const PHASE_ORDER = { active: 0, upcoming: 1, ended: 2 } as const;

export function MissionsBoard({ canEdit }: { canEdit: boolean }) {
  const t = useTranslations('missions');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const board = useQuery(trpc.missions.board.queryOptions());
  const [creating, setCreating] = useState(false);
  const missions = [...(board.data ?? [])].sort((a, b) => PHASE_ORDER[a.overall.phase] - PHASE_ORDER[b.overall.phase]);

  return (
    <>
      <Card labelledBy="missions-title">
        <CardHeader
          id="missions-title"
          title={t('list.title')}
          description={board.data ? t('list.count', { count: board.data.length }) : undefined}
          actions={
            canEdit ? (
              <Button size="sm" onClick={() => setCreating(true)}>
                {t('create')}
              </Button>
            ) : null
          }
        />
        {board.isPending ? (
          <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
            {tCommon('loading')}
          </p>
        ) : board.isError ? (
          <ErrorState title={t('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void board.refetch()} />
        ) : missions.length === 0 ? (
          <EmptyState
            title={t('list.empty.title')}
            description={canEdit ? t('list.empty.descriptionHq') : t('list.empty.descriptionSite')}
            action={canEdit ? <Button onClick={() => setCreating(true)}>{t('create')}</Button> : null}
          />
        ) : (
          <Table caption={t('list.caption')}>
            <THead>
              <tr>
                <TH>{t('columns.mission')}</TH>
                <TH>{t('columns.window')}</TH>
                <TH>{t('columns.status')}</TH>
                <TH className="min-w-48">{t('columns.completion')}</TH>
                <TH numeric>{t('columns.achieved')}</TH>
                <TH numeric>{t('columns.projection')}</TH>
                <TH className="min-w-64">{t('columns.sites')}</TH>
              </tr>
            </THead>
            <TBody>
              {missions.map((m) => {
                const day = m.sites[0] ? Math.min(m.sites[0].elapsedDays + 1, m.windowDays) : null;
                return (
                  <TR key={m.code}>
                    <TD className="align-top">
                      <Link href={`/missions/${encodeURIComponent(m.code)}`} className="font-medium text-brand-700 hover:underline">
                        {m.name}
                      </Link>
                      <span className="block font-mono text-xs text-slate-500">{m.code}</span>
                    </TD>
                    <TD className="align-top whitespace-nowrap">
                      {formatDay(m.startsOn, locale)} – {formatDay(m.endsOn, locale, 'medium')}
                      <span className="block text-xs text-slate-500">
                        {m.overall.phase === 'active' && day !== null
                          ? t('dayOf', { day, days: m.windowDays })
                          : t('days', { count: m.windowDays })}
                      </span>
                    </TD>
                    <TD className="align-top">
                      <MissionStatusBadge phase={m.overall.phase} status={m.overall.status} completion={m.overall.completion} />
                    </TD>
                    <TD className="align-top">
                      <CompletionBar
                        completion={m.overall.completion}
                        expected={m.overall.phase === 'active' ? expectedShare(m.sites) : null}
                        status={m.overall.phase === 'upcoming' ? null : m.overall.status}
                        label={t('bar.label', { name: m.name })}
                      />
                    </TD>
                    <TD numeric className="align-top">
                      {format.number(m.overall.achieved)}
                      <span className="block text-xs text-slate-500">{t('ofTarget', { target: format.number(m.overall.target) })}</span>
                    </TD>
                    <TD numeric className="align-top">
                      {m.overall.projection === null ? '—' : format.number(Math.round(m.overall.projection))}
                    </TD>
                    <TD className="align-top">
                      <ul className="space-y-1" aria-label={t('sitesOf', { name: m.name })}>
                        {m.sites.map((s) => (
                          <li key={s.code} className="flex items-center gap-2">
                            <span className="w-10 shrink-0 font-mono text-xs font-semibold text-slate-700">{s.code}</span>
                            <CompletionBar
                              size="sm"
                              className="flex-1"
                              completion={s.completion}
                              expected={s.phase === 'active' ? elapsedShare({ elapsedDays: s.workingDaysElapsed, windowDays: s.workingDays }) : null}
                              status={s.phase === 'upcoming' ? null : s.status}
                              label={t('bar.siteLabel', { name: m.name, code: s.code })}
                            />
                          </li>
                        ))}
                      </ul>
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        )}
        {missions.length > 0 ? (
          <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">{t('list.legend')}</p>
        ) : null}
      </Card>

      {canEdit ? (
        <Dialog open={creating} onClose={() => setCreating(false)} title={t('form.createTitle')} closeLabel={tCommon('close')} className="max-w-3xl!">
          {creating ? <MissionForm mission={null} onDone={() => setCreating(false)} /> : null}
        </Dialog>
      ) : null}
    </>
  );
}
