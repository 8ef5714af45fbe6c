'use client';
// A site's saved CSV column mappings: the list (loading, error and empty drawn as every list draws
// them), and for whoever may write them a form to create or edit one and a confirmed delete.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { CsvMapping } from '@/lib/importers/csv-mapping';
import { emptyMappingValues, valuesFromMapping } from './mapping-form-values';
import { MappingForm } from './mapping-form';

type Props = { site: string; siteTimeZone: string; canEdit: boolean };

export function MappingsList({ site, siteTimeZone, canEdit }: Props) {
  const t = useTranslations('importMappings');
  const tCommon = useTranslations('common');
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.importMappings.list.queryOptions({ site }));
  const [editing, setEditing] = useState<CsvMapping | 'new' | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const remove = useMutation(
    trpc.importMappings.remove.mutationOptions({
      onSuccess: async () => {
        setDeleting(null);
        await queryClient.invalidateQueries({ queryKey: trpc.importMappings.list.queryKey() });
      },
    }),
  );
  const newButton = canEdit ? (
    <Button size="sm" onClick={() => setEditing('new')}>
      {t('new')}
    </Button>
  ) : null;

  return (
    <div className="space-y-5">
      <Card labelledBy={`${id}-list`}>
        <CardHeader id={`${id}-list`} title={t('listTitle', { site })} actions={editing === null ? newButton : null} />
        <QueryState query={list} isEmpty={(answer) => answer.mappings.length === 0} empty={{ title: t('empty'), description: t('emptyHint'), action: newButton }}>
          {({ mappings }) => (
            <Table caption={t('caption', { site })}>
              <THead>
                <tr>
                  <TH>{t('name')}</TH>
                  <TH>{t('dateFormat')}</TH>
                  <TH>{t('timeZone')}</TH>
                  <TH>{t('updated')}</TH>
                  {canEdit ? (
                    <TH>
                      <span className="sr-only">{tCommon('actions')}</span>
                    </TH>
                  ) : null}
                </tr>
              </THead>
              <TBody>
                {mappings.map((m) => (
                  <TR key={m.name}>
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      {m.name}
                    </th>
                    <TD className="font-mono text-xs">{m.mapping.dateFormat}</TD>
                    <TD>{m.mapping.timeZone ?? '—'}</TD>
                    <TD className="text-xs whitespace-nowrap">
                      {m.updatedAt.slice(0, 16).replace('T', ' ')} UTC{m.updatedBy ? ` · ${m.updatedBy}` : ''}
                    </TD>
                    {canEdit ? (
                      <TD className="space-x-2 text-right whitespace-nowrap">
                        <Button size="sm" variant="secondary" onClick={() => setEditing(m.mapping)} aria-label={t('editNamed', { name: m.name })}>
                          {tCommon('edit')}
                        </Button>
                        <Button size="sm" variant="secondary" onClick={() => setDeleting(m.name)} aria-label={t('deleteNamed', { name: m.name })}>
                          {t('delete')}
                        </Button>
                      </TD>
                    ) : null}
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </QueryState>
      </Card>

      {editing !== null ? (
        <Card labelledBy={`${id}-form`}>
          <CardHeader id={`${id}-form`} title={editing === 'new' ? t('newTitle') : t('editTitle', { name: editing.name })} />
          <div className="p-4">
            <MappingForm
              key={editing === 'new' ? 'new' : editing.name}
              site={site}
              editing={editing !== 'new'}
              initial={editing === 'new' ? emptyMappingValues(siteTimeZone) : valuesFromMapping(editing)}
              onDone={() => setEditing(null)}
            />
          </div>
        </Card>
      ) : null}

      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={deleting ? t('deleteTitle', { name: deleting }) : ''}
        onConfirm={() => deleting && remove.mutate({ site, name: deleting })}
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
