'use client';
// The month's exchange rates (HQ): one rate per currency contracts are written in, other than
// HQ's, as HQ units per 1 unit. A missing rate leaves statements' and costs' HQ amounts empty,
// never guessed. Each rate is saved on its own.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Input, controlClasses } from '@/components/ui/input';
import { QueryState } from '@/components/ui/query-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { cn } from '@/components/ui/cn';
import { parseTypedNumber } from './contract-form-values';
import { isMonth } from './month';
import { formatMonth, formatNumber } from './wording';

function RateRow({ month, currency, hq, stored }: { month: string; currency: string; hq: string; stored: number | null }) {
  const t = useTranslations('contracts.rates');
  const locale = useLocale();
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState(stored === null ? '' : String(stored));
  const [invalid, setInvalid] = useState(false);
  const save = useMutation(
    trpc.contracts.setRate.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.contracts.rates.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.contracts.statement.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.contracts.statements.queryKey() }),
        ]);
      },
    }),
  );
  const submit = () => {
    const rate = parseTypedNumber(typed);
    const ok = Number.isFinite(rate) && rate > 0 && rate <= 1e6;
    setInvalid(!ok);
    if (ok) save.mutate({ month, currency, rate });
  };
  const errorId = `${id}-error`;
  return (
    <TR>
      <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-semibold">
        {currency}
      </th>
      <TD>
        <form
          className="flex flex-wrap items-start gap-2"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <div>
            <Input
              className="w-36"
              inputMode="decimal"
              autoComplete="off"
              aria-label={t('rateOf', { currency, hq, month: formatMonth(month, locale) })}
              aria-invalid={invalid}
              aria-describedby={invalid || save.isError ? errorId : undefined}
              value={typed}
              onChange={(e) => {
                setTyped(e.target.value);
                save.reset();
              }}
            />
            {invalid || save.isError ? (
              <p id={errorId} className="mt-1 text-xs text-red-700">
                {invalid ? t('invalid') : (serverMessageOf(save.error) ?? t('invalid'))}
              </p>
            ) : null}
          </div>
          <Button type="submit" size="md" variant="secondary" disabled={save.isPending} aria-label={t('saveNamed', { currency })}>
            {t('save')}
          </Button>
          {save.isSuccess ? (
            <span role="status" className="pt-2 text-xs text-emerald-700">
              {t('saved')}
            </span>
          ) : null}
        </form>
      </TD>
      <TD>{stored === null ? <Badge tone="amber">{t('missing')}</Badge> : <span className="tabular-nums">{formatNumber(stored, locale, 6)}</span>}</TD>
    </TR>
  );
}

export function ExchangeRates({ initialMonth }: { initialMonth: string }) {
  const t = useTranslations('contracts.rates');
  const locale = useLocale();
  const id = useId();
  const trpc = useTRPC();
  const [month, setMonth] = useState(initialMonth);
  const rates = useQuery(trpc.contracts.rates.queryOptions({ month }));
  const hq = rates.data?.hqCurrency ?? '';
  return (
    <Card labelledBy={`${id}-title`}>
      <CardHeader id={`${id}-title`} title={t('title')} description={hq ? t('description', { hq }) : undefined} />
      <CardBody>
        <label htmlFor={`${id}-month`} className="block text-xs font-medium text-slate-700">
          {t('month')}
        </label>
        <input
          id={`${id}-month`}
          type="month"
          className={cn(controlClasses, 'mt-1 h-9 w-44')}
          value={month}
          onChange={(e) => {
            if (isMonth(e.target.value)) setMonth(e.target.value);
          }}
        />
      </CardBody>
      <QueryState query={rates} isEmpty={(answer) => answer.currencies.length === 0} empty={{ title: t('none', { hq }) }}>
        {(answer) => (
          <Table caption={t('caption', { month: formatMonth(month, locale) })}>
            <THead>
              <tr>
                <TH>{t('currency')}</TH>
                <TH>{t('rateHeader', { hq: answer.hqCurrency })}</TH>
                <TH>{t('stored')}</TH>
              </tr>
            </THead>
            <TBody>
              {answer.currencies.map((currency) => {
                const stored = answer.rates.find((r) => r.month === month && r.currency === currency)?.rate ?? null;
                return <RateRow key={`${month}-${currency}-${stored}`} month={month} currency={currency} hq={answer.hqCurrency} stored={stored} />;
              })}
            </TBody>
          </Table>
        )}
      </QueryState>
    </Card>
  );
}
