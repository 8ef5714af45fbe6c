'use client';
// Every site's contract versions, newest first: provider, currency, pricing and terms in words,
// who recorded each and when, the one in force marked. Admins add a version (starting from the
// one in force) and remove one after a confirmation; HQ managers read.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import type { RouterOutputs } from '@/components/forms/router-types';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { QueryState } from '@/components/ui/query-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { ContractForm } from './contract-form';
import { newVersionValues } from './contract-form-values';
import { describePricing, describeTerm, formatDay, formatInstant } from './wording';

type ContractList = RouterOutputs['contracts']['list'];
type SiteContracts = ContractList['sites'][number];
type Version = SiteContracts['versions'][number];

/** The first day of next month in the browser's calendar: the usual day a new version starts. */
function nextMonthStart(now = new Date()): string {
  const next = new Date(now.getFullYear(), now.getMonth() + 1, 1);
  return `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}-01`;
}

/** The version in force today: the newest that has started (the list is newest first). */
function inForce(versions: Version[], today: string): Version | undefined {
  return versions.find((v) => v.effectiveFrom <= today);
}

function SiteContractsCard({ site, canEdit, onAdd, onRemove }: { site: SiteContracts; canEdit: boolean; onAdd: () => void; onRemove: (v: Version) => void }) {
  const t = useTranslations('contracts.settings');
  const tKinds = useTranslations('siteKinds');
  const tCommon = useTranslations('common');
  const locale = useLocale();
  const id = useId();
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const current = inForce(site.versions, today);
  return (
    <Card labelledBy={id}>
      <CardHeader
        id={id}
        title={t('siteHeading', { code: site.code, name: site.name })}
        description={tKinds(site.kind)}
        actions={
          <>
            {site.versions.length > 0 ? (
              <Link prefetch={false} href={`/sites/${site.code}/statement`} aria-label={t('statementLinkNamed', { code: site.code })} className="rounded text-sm text-brand-700 underline underline-offset-2">
                {t('statementLink')}
              </Link>
            ) : null}
            {canEdit ? (
              <Button size="sm" onClick={onAdd} aria-label={t('addVersionFor', { code: site.code })}>
                {t('addVersion')}
              </Button>
            ) : null}
          </>
        }
      />
      {site.versions.length === 0 ? (
        <CardBody>
          <p className="text-sm text-slate-500">{t('noContract')}</p>
        </CardBody>
      ) : (
        <Table caption={t('caption', { code: site.code })}>
          <THead>
            <tr>
              <TH>{t('effectiveFrom')}</TH>
              <TH>{t('provider')}</TH>
              <TH>{t('currency')}</TH>
              <TH>{t('pricing')}</TH>
              <TH>{t('terms')}</TH>
              <TH>{t('recorded')}</TH>
              {canEdit ? (
                <TH>
                  <span className="sr-only">{tCommon('actions')}</span>
                </TH>
              ) : null}
            </tr>
          </THead>
          <TBody>
            {site.versions.map((v) => (
              <TR key={v.id} className="align-top">
                <th scope="row" className="px-3 py-2 text-left align-top font-medium whitespace-nowrap">
                  {formatDay(v.effectiveFrom, locale)}
                  {v.id === current?.id ? (
                    <Badge tone="green" className="ml-2">
                      {t('current')}
                    </Badge>
                  ) : null}
                </th>
                <TD className="align-top">{v.provider}</TD>
                <TD className="align-top font-mono text-xs">{v.currency}</TD>
                <TD className="align-top">{describePricing(v.pricing, v.currency, locale)}</TD>
                <TD className="align-top">
                  {v.terms.length === 0 ? (
                    <span className="text-slate-500">{t('noTerms')}</span>
                  ) : (
                    <ul className="list-disc space-y-1 pl-4">
                      {v.terms.map((term, i) => (
                        <li key={i}>{describeTerm(term, v.currency, locale)}</li>
                      ))}
                    </ul>
                  )}
                </TD>
                <TD className="align-top text-xs whitespace-nowrap text-slate-600">
                  {v.createdBy ? t('recordedBy', { when: formatInstant(v.createdAt, locale), name: v.createdBy }) : formatInstant(v.createdAt, locale)}
                </TD>
                {canEdit ? (
                  <TD className="text-right align-top">
                    <Button size="sm" variant="ghost" aria-label={t('removeNamed', { code: site.code, day: formatDay(v.effectiveFrom, locale) })} onClick={() => onRemove(v)}>
                      {t('remove')}
                    </Button>
                  </TD>
                ) : null}
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}

export function ContractsList({ canEdit }: { canEdit: boolean }) {
  const t = useTranslations('contracts.settings');
  const tCommon = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.contracts.list.queryOptions({}));
  const [adding, setAdding] = useState<SiteContracts | null>(null);
  const [removing, setRemoving] = useState<Version | null>(null);
  const remove = useMutation(
    trpc.contracts.remove.mutationOptions({
      onSuccess: async () => {
        setRemoving(null);
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.contracts.list.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.contracts.rates.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.contracts.statements.queryKey() }),
        ]);
      },
    }),
  );

  return (
    <QueryState query={list} isEmpty={(answer) => answer.sites.length === 0} empty={{ title: t('noContract') }}>
      {(answer) => (
        <div className="space-y-5">
          {answer.sites.map((site) => (
            <SiteContractsCard
              key={site.code}
              site={site}
              canEdit={canEdit}
              onAdd={() => setAdding(site)}
              onRemove={(v) => {
                remove.reset();
                setRemoving(v);
              }}
            />
          ))}

          <Dialog open={adding !== null} onClose={() => setAdding(null)} title={adding ? t('newVersionTitle', { code: adding.code }) : ''} closeLabel={tCommon('close')} className="max-w-4xl!">
            {adding ? (
              <ContractForm
                key={adding.code}
                initial={newVersionValues(adding.code, nextMonthStart(), adding.versions[0] ?? null, answer.hqCurrency)}
                onDone={() => setAdding(null)}
              />
            ) : null}
          </Dialog>

          <ConfirmDialog
            open={removing !== null}
            onClose={() => setRemoving(null)}
            title={removing ? t('removeTitle', { code: removing.site, day: formatDay(removing.effectiveFrom, locale) }) : ''}
            onConfirm={() => removing && remove.mutate({ site: removing.site, effectiveFrom: removing.effectiveFrom })}
            confirmLabel={t('remove')}
            pendingLabel={t('removing')}
            pending={remove.isPending}
            error={remove.isError ? (serverMessageOf(remove.error) ?? tCommon('saveFailed')) : null}
          >
            <p className="text-sm text-slate-700">{t('removeExplanation')}</p>
          </ConfirmDialog>
        </div>
      )}
    </QueryState>
  );
}
