'use client';
// The site's roster: reference, name, team, dates and tenure band on the site's today, and for a
// site lead or an administrator the removal of a name (confirmed; the reference and figures stay).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import type { RouterOutputs } from '@/components/forms/router-types';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { formatDay } from '@/components/kpi/kpi-format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';

type Person = RouterOutputs['roster']['list']['people'][number];

export function RosterList({ site }: { site: string }) {
  const t = useTranslations('roster.list');
  const tBands = useTranslations('roster.bands');
  const tCommon = useTranslations('common');
  const locale = useLocale();
  const format = useFormatter();
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.roster.list.queryOptions({ site }));
  const [removing, setRemoving] = useState<Person | null>(null);
  const remove = useMutation(
    trpc.roster.removeName.mutationOptions({
      onSuccess: async () => {
        setRemoving(null);
        await queryClient.invalidateQueries({ queryKey: trpc.roster.list.queryKey() });
      },
    }),
  );
  const day = (value: string | null) => (value ? formatDay(value, locale, 'medium') : t('unknown'));

  function tenure(p: Person, asOf: string) {
    if (p.tenureBand) return tBands(p.tenureBand);
    if (p.endDate !== null && p.endDate < asOf) return <Badge>{t('left')}</Badge>;
    if (p.startDate !== null && p.startDate > asOf) return <Badge>{t('notStarted')}</Badge>;
    return t('unknown');
  }

  return (
    <Card labelledBy={`${id}-title`}>
      <CardHeader
        id={`${id}-title`}
        title={t('title')}
        description={
          list.data && list.data.people.length > 0
            ? t('count', { count: list.data.people.length, present: list.data.people.filter((p) => p.onHeadcount).length, asOf: formatDay(list.data.asOf, locale, 'medium') })
            : undefined
        }
      />
      <QueryState query={list} isEmpty={(answer) => answer.people.length === 0} empty={{ title: t('empty'), description: t('emptyHint') }}>
        {({ people, asOf, canEdit }) => (
          <Table caption={t('caption', { code: site })}>
            <THead>
              <tr>
                <TH>{t('reference')}</TH>
                <TH>{t('name')}</TH>
                <TH>{t('team')}</TH>
                <TH>{t('start')}</TH>
                <TH>{t('end')}</TH>
                <TH>{t('tenure')}</TH>
                {canEdit ? (
                  <TH>
                    <span className="sr-only">{tCommon('actions')}</span>
                  </TH>
                ) : null}
              </tr>
            </THead>
            <TBody>
              {people.map((p) => (
                <TR key={p.agentRef}>
                  <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-medium">
                    {p.agentRef}
                  </th>
                  <TD>
                    {p.name ?? (p.nameRemovedAt ? <span className="text-slate-500 italic" title={format.dateTime(new Date(p.nameRemovedAt), { dateStyle: 'medium' })}>{t('nameRemoved')}</span> : t('unknown'))}
                  </TD>
                  <TD>{p.team ?? t('unknown')}</TD>
                  <TD className="whitespace-nowrap">{day(p.startDate)}</TD>
                  <TD className="whitespace-nowrap">{day(p.endDate)}</TD>
                  <TD className="whitespace-nowrap">{tenure(p, asOf)}</TD>
                  {canEdit ? (
                    <TD className="text-right whitespace-nowrap">
                      {p.name !== null ? (
                        <Button size="sm" variant="secondary" onClick={() => setRemoving(p)} aria-label={t('removeNameOf', { agentRef: p.agentRef })}>
                          {t('removeName')}
                        </Button>
                      ) : null}
                    </TD>
                  ) : null}
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </QueryState>
      <ConfirmDialog
        open={removing !== null}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        title={removing ? t('removeTitle', { agentRef: removing.agentRef }) : ''}
        onConfirm={() => removing && remove.mutate({ site, agentRef: removing.agentRef })}
        confirmLabel={t('remove')}
        pendingLabel={t('removing')}
        pending={remove.isPending}
        error={remove.isError ? (serverMessageOf(remove.error) ?? tCommon('saveFailed')) : null}
      >
        <p className="text-sm text-slate-700">{removing ? t('removeExplanation', { name: removing.name ?? '', agentRef: removing.agentRef }) : null}</p>
      </ConfirmDialog>
    </Card>
  );
}
