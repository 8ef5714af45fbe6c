'use client';
// An agent's coaching on their page (/sites/[code]/agents/[agent]): the sessions with their status,
// owner, objective and due date; for a lead or an admin, a session to open from each of the
// period's outlier flags (others open from an evaluation's page) and, on each open session, Close with a follow-up
// evaluation and Drop with a reason.
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTimeZone, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { QueryState } from '@/components/ui/query-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { useClockNow } from '@/components/ui/use-now';
import type { CoachingSourceInput } from '@/lib/agents/coaching-input';
import type { OutlierMetric } from '@/lib/agents/outliers';
import { canCoach, defaultDueDate, defaultOwnerOf } from './coaching-defaults';
import { OpenCoachingForm } from './open-coaching-form';
import { SessionActions } from './session-actions';

export type AgentCoachingFlag = { metric: OutlierMetric; direction: 'high' | 'low' };

type Props = { siteCode: string; agentRef: string; flags: readonly AgentCoachingFlag[] };

const STATUS_TONE: Record<'open' | 'done' | 'dropped', BadgeTone> = { open: 'blue', done: 'green', dropped: 'neutral' };

export function AgentCoaching({ siteCode, agentRef, flags }: Props) {
  const t = useTranslations('coaching');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const timeZone = useTimeZone() ?? 'UTC';
  const now = useClockNow();
  const trpc = useTRPC();
  const me = useQuery(trpc.users.me.queryOptions());
  const sessions = useQuery(trpc.coaching.list.queryOptions({ site: siteCode, agentRef }));
  const [opening, setOpening] = useState<{ source: CoachingSourceInput; objective: string } | null>(null);
  const writer = canCoach(me.data, siteCode);
  const metric = (m: OutlierMetric) => t(`metrics.${m}`);
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });

  const fromFlag = (flag: AgentCoachingFlag) =>
    setOpening({
      source: { kind: 'outlier', metric: flag.metric },
      objective: t('defaultObjective.outlier', { metric: metric(flag.metric), direction: t(`direction.${flag.direction}`) }),
    });

  return (
    <Card labelledBy="coaching-title">
      <CardHeader
        id="coaching-title"
        title={t('title')}
        description={t('description')}
      />
      {writer && flags.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-4 py-3">
          <span className="text-xs font-medium text-slate-500">{t('flagsTitle')}</span>
          {flags.map((flag) => (
            <Button key={`${flag.metric}-${flag.direction}`} size="sm" variant="secondary" onClick={() => fromFlag(flag)}>
              {t('coachOn', { metric: `${metric(flag.metric)} (${t(`direction.${flag.direction}`)})` })}
            </Button>
          ))}
        </div>
      ) : null}
      <QueryState
        query={sessions}
        errorTitle={t('loadFailed')}
        isEmpty={(data) => data.sessions.length === 0}
        empty={{ title: t('empty'), description: writer ? t('emptyHint') : undefined }}
      >
        {(data) => (
          <CardBody className="p-0">
            <Table>
              <THead>
                <TR>
                  <TH>{t('columns.status')}</TH>
                  <TH>{t('columns.objective')}</TH>
                  <TH>{t('columns.owner')}</TH>
                  <TH>{t('columns.due')}</TH>
                  <TH>{t('columns.opened')}</TH>
                  {writer ? <TH className="text-right">{t('columns.actions')}</TH> : null}
                </TR>
              </THead>
              <TBody>
                {data.sessions.map((s) => (
                  <TR key={s.id} data-testid={`coaching-session-${s.id}`}>
                    <TD>
                      <div className="flex flex-wrap gap-1">
                        <Badge tone={STATUS_TONE[s.status]}>{t(`status.${s.status}`)}</Badge>
                        {s.overdue ? <Badge tone="red">{t('overdue')}</Badge> : null}
                      </div>
                    </TD>
                    <TD className="max-w-md">
                      <p className="whitespace-pre-line text-slate-900">{s.objective}</p>
                      <p className="mt-0.5 text-xs text-slate-500">
                        {s.source === 'outlier' && s.sourceMetric ? t('source.outlier', { metric: metric(s.sourceMetric) }) : t(`source.${s.source}`, { id: s.sourceEvaluationId ?? 0 })}
                      </p>
                      {s.status === 'done' && s.followUpEvaluationId !== null ? <p className="text-xs text-slate-500">{t('closedWith', { id: s.followUpEvaluationId })}</p> : null}
                      {s.status === 'dropped' && s.dropReason ? <p className="text-xs text-slate-500">{t('droppedBecause', { reason: s.dropReason })}</p> : null}
                    </TD>
                    <TD>{s.owner.name ?? '—'}</TD>
                    <TD>{day(s.dueDate)}</TD>
                    <TD>{format.dateTime(s.openedAt, { dateStyle: 'medium', timeZone })}</TD>
                    {writer ? <TD className="text-right">{s.status === 'open' ? <SessionActions siteCode={siteCode} id={s.id} candidates={s.candidates} /> : null}</TD> : null}
                  </TR>
                ))}
              </TBody>
            </Table>
          </CardBody>
        )}
      </QueryState>
      <Dialog open={opening !== null} onClose={() => setOpening(null)} title={t('openTitle', { agent: agentRef })} closeLabel={tCommon('close')}>
        {opening ? (
          <OpenCoachingForm
            siteCode={siteCode}
            agentRef={agentRef}
            source={opening.source}
            defaultObjective={opening.objective}
            defaultOwnerId={defaultOwnerOf(me.data, siteCode)}
            defaultDueDate={defaultDueDate(now, timeZone)}
            onDone={() => setOpening(null)}
          />
        ) : null}
      </Dialog>
    </Card>
  );
}
