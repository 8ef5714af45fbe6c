'use client';
// A site's monthly statement: who runs the site and how it is priced, each term with every period
// (its dates, value as the KPI module formats it, the counts it is computed from, met or missed),
// penalties and bonuses, the invoice lines down to the estimate, the same in HQ's currency, the
// cost per handled and per resolved call, and, for a closed month, what changed since. HQ closes
// a month once it is over (after a confirmation); the PDF and CSV hold the same figures.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { Fragment, useId, useState } from 'react';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import type { RouterOutputs } from '@/components/forms/router-types';
import { errorCodeOf, serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryState } from '@/components/ui/query-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { formatSigned, invoiceLines, periodDates, statementTermWords } from './statement-lines';
import { describePricing, formatDay, formatInstant, formatMoney, formatMonth, formatNumber, formatRate, formatTermValue, termFormula } from './wording';

type Statement = RouterOutputs['contracts']['statement'];
type Term = Statement['terms'][number];

function Fact({ label, children, className }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={className}>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function TermSection({ term, number, s }: { term: Term; number: number; s: Statement }) {
  const t = useTranslations('contracts.statement');
  const locale = useLocale();
  const id = useId();
  const words = statementTermWords(term, s.currency, locale);
  return (
    <section aria-labelledby={id} className="border-b border-slate-100 py-3 last:border-b-0">
      <div className="flex flex-wrap items-start justify-between gap-2 px-4">
        <div className="min-w-0">
          <h3 id={id} className="text-sm font-semibold text-slate-900">
            {number}. {words}
          </h3>
          <p className="mt-0.5 text-xs text-slate-500">{t('formula', { formula: termFormula(term.metric, locale) })}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <Badge tone={term.missed > term.allowedMisses ? 'red' : term.missed > 0 ? 'amber' : 'green'}>
            {t('missedSummary', { missed: term.missed, allowed: term.allowedMisses })}
          </Badge>
          <span>
            {t('penalty')} <strong className="tabular-nums">{formatMoney(term.penalty, s.currency, locale)}</strong>
          </span>
          {term.bonusRule ? (
            <span>
              {t('bonus')} <strong className="tabular-nums">{formatMoney(term.bonus, s.currency, locale)}</strong>
            </span>
          ) : null}
        </div>
      </div>
      <Table caption={t('termCaption', { number })} className="mt-2">
        <THead>
          <tr>
            <TH>{t('period')}</TH>
            <TH numeric>{t('value')}</TH>
            <TH numeric>{t('counts')}</TH>
            <TH numeric>{t('offered')}</TH>
            <TH>{t('result')}</TH>
          </tr>
        </THead>
        <TBody>
          {term.periods.map((p) => (
            <TR key={p.start}>
              <th scope="row" className="px-3 py-2 text-left font-normal whitespace-nowrap">
                {periodDates(p.start, p.end, locale)}
              </th>
              <TD numeric>{formatTermValue(term.metric, p.value, locale)}</TD>
              <TD numeric className="text-slate-600">
                {formatNumber(p.numerator, locale)} / {formatNumber(p.denominator, locale)}
              </TD>
              <TD numeric>{formatNumber(p.offered, locale, 0)}</TD>
              <TD>
                {p.met === null ? (
                  <Badge>{t('noCalls')}</Badge>
                ) : p.met ? (
                  <Badge tone="green">{t('met')}</Badge>
                ) : (
                  <Badge tone="red">{t('missed')}</Badge>
                )}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </section>
  );
}

function InvoiceLine({ label, amount, strong }: { label: React.ReactNode; amount: string; strong?: boolean }) {
  return (
    <TR className={strong ? 'border-t-2 border-slate-300 font-semibold' : undefined}>
      <th scope="row" className="px-3 py-2 text-left font-[inherit]">
        {label}
      </th>
      <TD numeric>{amount}</TD>
    </TR>
  );
}

function StatementBody({ s, canClose, monthOver }: { s: Statement; canClose: boolean; monthOver: boolean }) {
  const t = useTranslations('contracts.statement');
  const tContracts = useTranslations('contracts');
  const locale = useLocale();
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const close = useMutation(
    trpc.contracts.close.mutationOptions({
      onSuccess: async (closed) => {
        queryClient.setQueryData(trpc.contracts.statement.queryKey({ site: s.site, month: s.month }), closed);
        await queryClient.invalidateQueries({ queryKey: trpc.contracts.statements.queryKey() });
        setConfirming(false);
      },
    }),
  );
  const month = formatMonth(s.month, locale);
  const query = new URLSearchParams({ site: s.site, month: s.month }).toString();
  const pricing = s.contract.pricing;

  return (
    <div className="space-y-5">
      <Card labelledBy={`${id}-head`}>
        <CardHeader
          id={`${id}-head`}
          title={`${s.site} · ${s.siteName} — ${month}`}
          description={s.status === 'draft' ? t('draftHint') : undefined}
          actions={
            <>
              <a href={`/api/v1/statements.pdf?${query}`} download className={buttonClasses('secondary', 'sm')} aria-label={t('downloadPdf')}>
                {t('pdf')}
              </a>
              <a href={`/api/v1/statements.csv?${query}`} download className={buttonClasses('secondary', 'sm')} aria-label={t('downloadCsv')}>
                {t('csv')}
              </a>
              {canClose && s.status === 'draft' ? (
                <Button
                  size="sm"
                  disabled={!monthOver}
                  title={monthOver ? undefined : t('notOver')}
                  onClick={() => {
                    close.reset();
                    setConfirming(true);
                  }}
                >
                  {t('close')}
                </Button>
              ) : null}
            </>
          }
        />
        <CardBody>
          <dl className="grid gap-4 sm:grid-cols-3">
            <Fact label={t('site')}>
              <span className="font-mono text-xs font-semibold">{s.site}</span> {s.siteName}
            </Fact>
            <Fact label={t('month')}>{month}</Fact>
            <Fact label={t('provider')}>{s.contract.provider}</Fact>
            <Fact label={t('currency')}>{s.currency}</Fact>
            <Fact label={t('status')}>
              <Badge tone={s.status === 'closed' ? 'blue' : 'amber'}>{tContracts(`status.${s.status}`)}</Badge>
              {s.status === 'closed' && s.closedAt ? (
                <span className="ml-2 text-xs text-slate-600">
                  {s.closedBy ? t('closedBy', { when: formatInstant(s.closedAt, locale), name: s.closedBy }) : t('closedAt', { when: formatInstant(s.closedAt, locale) })}
                </span>
              ) : null}
            </Fact>
            <Fact label={t('contract')}>{t('contractFrom', { day: formatDay(s.contract.effectiveFrom, locale) })}</Fact>
            <Fact label={t('pricing')} className="sm:col-span-3">
              {describePricing(pricing, s.currency, locale)}
            </Fact>
          </dl>
          {canClose && s.status === 'draft' && !monthOver ? <p className="mt-3 text-xs text-slate-500">{t('notOver')}</p> : null}
        </CardBody>
      </Card>

      <Card labelledBy={`${id}-terms`}>
        <CardHeader id={`${id}-terms`} title={t('terms')} />
        {s.terms.length === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-500">{t('noTerms')}</p>
          </CardBody>
        ) : (
          s.terms.map((term, i) => <TermSection key={i} term={term} number={i + 1} s={s} />)
        )}
      </Card>

      <div className="grid gap-5 lg:grid-cols-[3fr_2fr]">
        <Card labelledBy={`${id}-invoice`}>
          <CardHeader id={`${id}-invoice`} title={t('invoice')} />
          <Table caption={t('invoiceCaption')}>
            <THead>
              <tr>
                <TH>{t('item')}</TH>
                <TH numeric>{t('amount')}</TH>
              </tr>
            </THead>
            <TBody>
              {invoiceLines(s, locale, tContracts).map((line) => (
                <Fragment key={line.key}>
                  <InvoiceLine label={line.label} amount={line.amount} strong={line.total} />
                  {line.note ? (
                    <tr>
                      <td colSpan={2} className="px-3 pb-2 text-xs text-amber-800">
                        {line.note}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </TBody>
          </Table>
        </Card>

        <Card labelledBy={`${id}-costs`}>
          <CardHeader id={`${id}-costs`} title={t('costs')} />
          <CardBody>
            <dl className="grid grid-cols-2 gap-4">
              <Fact label={t('costPerHandled')}>
                <span className="text-lg font-semibold tabular-nums">{formatRate(s.cost.perHandled, s.currency, locale)}</span>
              </Fact>
              <Fact label={t('costPerResolved')}>
                <span className="text-lg font-semibold tabular-nums">{formatRate(s.cost.perResolved, s.currency, locale)}</span>
              </Fact>
              <Fact label={t('handled')}>{formatNumber(s.volume.handled, locale, 0)}</Fact>
              <Fact label={t('resolved')}>{formatNumber(s.volume.resolved, locale, 0)}</Fact>
              <Fact label={t('handledMinutes')}>{formatNumber(s.volume.handledMinutes, locale)}</Fact>
            </dl>
          </CardBody>
        </Card>
      </div>

      {s.variance ? (
        <Card labelledBy={`${id}-variance`}>
          <CardHeader id={`${id}-variance`} title={t('variance')} description={t('varianceHint')} />
          <CardBody>
            <dl className="grid gap-4 sm:grid-cols-5">
              <Fact label={t('handled')}>{formatSigned(s.variance.handled, locale)}</Fact>
              <Fact label={t('resolved')}>{formatSigned(s.variance.resolved, locale)}</Fact>
              <Fact label={t('handledMinutes')}>{formatSigned(s.variance.handledMinutes, locale)}</Fact>
              <Fact label={tContracts('statements.penalties')}>{formatSigned(s.variance.penalties, locale, s.currency)}</Fact>
              <Fact label={t('invoiceEstimate')}>{formatSigned(s.variance.invoiceEstimate, locale, s.currency)}</Fact>
            </dl>
          </CardBody>
        </Card>
      ) : null}

      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t('closeTitle', { code: s.site, month })}
        onConfirm={() => close.mutate({ site: s.site, month: s.month })}
        confirmLabel={t('close')}
        pendingLabel={t('closing')}
        pending={close.isPending}
        error={close.isError ? (serverMessageOf(close.error) ?? t('closeFailed')) : null}
      >
        <p className="text-sm text-slate-700">{t('closeExplanation')}</p>
      </ConfirmDialog>
    </div>
  );
}

/** The statement of `site` for `month`, or why there is none (no contract in force that month). */
export function StatementView({ site, month, canClose, monthOver }: { site: string; month: string; canClose: boolean; monthOver: boolean }) {
  const t = useTranslations('contracts.statement');
  const locale = useLocale();
  const trpc = useTRPC();
  const statement = useQuery({
    ...trpc.contracts.statement.queryOptions({ site, month }),
    // No contract that month is an answer, not a failure to retry.
    retry: (count, error) => errorCodeOf(error) !== 'NOT_FOUND' && count < 2,
  });
  if (statement.isError && errorCodeOf(statement.error) === 'NOT_FOUND') {
    return (
      <Card>
        <EmptyState title={t('noContract', { month: formatMonth(month, locale) })} description={t('noContractHint', { code: site })} />
      </Card>
    );
  }
  return <QueryState query={statement}>{(s) => <StatementBody s={s} canClose={canClose} monthOver={monthOver} />}</QueryState>;
}
