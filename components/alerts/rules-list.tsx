'use client';
// Alert rules (HQ managers and admins): the list with each rule's metric, scope, condition,
// severity and channels, built-in ones marked; turn on or off, create, edit, delete after a
// confirmation; and for admins "Check rules now", one evaluation tick as of this moment.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { QueryState } from '@/components/ui/query-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { formatAlertWindow, formatCondition, metricLabel } from '@/lib/alerts/wording';
import { RuleForm, type AlertRule } from './rule-form';
import { EvaluateNowButton } from './evaluate-now-button';

export function RulesList({ canEvaluate }: { canEvaluate: boolean }) {
  const t = useTranslations('alerts.rules');
  const tAlerts = useTranslations('alerts');
  const tCommon = useTranslations('common');
  const locale = useLocale();
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery(trpc.alerts.rules.list.queryOptions());
  const [editing, setEditing] = useState<AlertRule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<AlertRule | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.alerts.rules.list.queryKey() });
  const setEnabled = useMutation(trpc.alerts.rules.setEnabled.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(
    trpc.alerts.rules.remove.mutationOptions({
      onSuccess: async () => {
        setDeleting(null);
        await refresh();
      },
    }),
  );

  const scopeOf = (rule: AlertRule) => {
    if (rule.scope.network) return t('network');
    const sites = rule.scope.sites.length ? rule.scope.sites.join(', ') : t('allSites');
    return rule.scope.queues.length ? `${sites} · ${rule.scope.queues.join(', ')}` : sites;
  };
  const conditionOf = (rule: AlertRule) => {
    const threshold =
      rule.threshold === 'target-red'
        ? t('targetRed')
        : rule.threshold === 'target-amber'
          ? t('targetAmber')
          : formatCondition(rule.metric, rule.comparison, rule.threshold, locale);
    const hold = rule.holdMinutes > 0 ? ` ${t('hold', { minutes: rule.holdMinutes })}` : '';
    return `${threshold} · ${formatAlertWindow(rule.window, locale)}${hold}`;
  };
  const newButton = (
    <Button size="sm" onClick={() => setEditing('new')}>
      {t('new')}
    </Button>
  );

  return (
    <div className="space-y-5">
      <Card labelledBy={`${id}-list`}>
        <CardHeader
          id={`${id}-list`}
          title={t('listTitle')}
          actions={
            <>
              {canEvaluate ? <EvaluateNowButton /> : null}
              {newButton}
            </>
          }
        />
        <QueryState query={rules} isEmpty={(rows) => rows.length === 0} empty={{ title: t('empty'), description: t('emptyHint'), action: newButton }}>
          {(rows) => (
            <Table caption={t('caption')}>
              <THead>
                <tr>
                  <TH>{t('name')}</TH>
                  <TH>{t('metric')}</TH>
                  <TH>{t('scope')}</TH>
                  <TH>{t('condition')}</TH>
                  <TH>{t('severity')}</TH>
                  <TH>{t('channels')}</TH>
                  <TH>{t('enabled')}</TH>
                  <TH>
                    <span className="sr-only">{tCommon('actions')}</span>
                  </TH>
                </tr>
              </THead>
              <TBody>
                {rows.map((rule) => (
                  <TR key={rule.id} className={rule.enabled ? undefined : 'text-slate-500'}>
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      {rule.name}
                      {rule.builtIn ? (
                        <Badge tone="blue" className="ml-2">
                          {t('builtIn')}
                        </Badge>
                      ) : null}
                    </th>
                    <TD className="whitespace-nowrap">{metricLabel(rule.metric, locale)}</TD>
                    <TD className="font-mono text-xs">{scopeOf(rule)}</TD>
                    <TD>{conditionOf(rule)}</TD>
                    <TD>
                      <Badge tone={rule.severity === 'critical' ? 'red' : 'amber'}>{tAlerts(`severities.${rule.severity}`)}</Badge>
                    </TD>
                    <TD className="whitespace-nowrap">{t('channelCount', { count: rule.channels.length })}</TD>
                    <TD>
                      <input
                        type="checkbox"
                        checked={rule.enabled}
                        disabled={setEnabled.isPending}
                        aria-label={t(rule.enabled ? 'turnOff' : 'turnOn', { name: rule.name })}
                        onChange={(e) => setEnabled.mutate({ id: rule.id, enabled: e.target.checked })}
                      />
                    </TD>
                    <TD className="whitespace-nowrap text-right">
                      <Button size="sm" variant="ghost" aria-label={t('editNamed', { name: rule.name })} onClick={() => setEditing(rule)}>
                        {tCommon('edit')}
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={t('deleteNamed', { name: rule.name })}
                        onClick={() => {
                          remove.reset();
                          setDeleting(rule);
                        }}
                      >
                        {t('delete')}
                      </Button>
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </QueryState>
      </Card>

      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('createTitle') : editing ? t('editTitle', { name: editing.name }) : ''}
        closeLabel={tCommon('close')}
        className="max-w-3xl!"
      >
        {editing !== null ? (
          <RuleForm key={editing === 'new' ? 'new' : editing.id} rule={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        ) : null}
      </Dialog>

      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={deleting ? t('deleteTitle', { name: deleting.name }) : ''}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
        confirmLabel={t('delete')}
        pendingLabel={t('deleting')}
        pending={remove.isPending}
        error={remove.isError ? (serverMessageOf(remove.error) ?? tCommon('saveFailed')) : null}
      >
        <p className="text-sm text-slate-700">{t('deleteExplanation')}</p>
      </ConfirmDialog>
    </div>
  );
}
