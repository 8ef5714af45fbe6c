'use client';
// The filters of the evaluations list, written to the URL on submit so that a link keeps them.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useTransition, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { qaListHref, REVIEW_FILTERS, type QaListState, type ReviewFilter } from './qa-url';

type Props = {
  state: QaListState;
  sites: { code: string; name: string }[];
  forms: string[];
};

export function EvaluationFilters({ state, sites, forms }: Props) {
  const t = useTranslations('qa.filters');
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = String(data.get(name) ?? '').trim();
      return value ? value : undefined;
    };
    let from = text('from');
    let to = text('to');
    if (from && !to) to = from;
    if (to && !from) from = to;
    if (from && to && from > to) [from, to] = [to, from];
    const next: QaListState = {
      site: text('site'),
      agent: text('agent'),
      evaluator: text('evaluator'),
      form: text('form'),
      from,
      to,
      review: text('review') as ReviewFilter | undefined,
      page: 1,
    };
    startTransition(() => router.push(qaListHref(next)));
  }

  const field = (name: string) => `${id}-${name}`;
  const label = (name: string, text: string) => (
    <label htmlFor={field(name)} className="block text-xs font-medium text-slate-700">
      {text}
    </label>
  );

  return (
    <form
      role="search"
      aria-label={t('label')}
      onSubmit={apply}
      aria-busy={pending}
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
    >
      {sites.length > 1 ? (
        <div className="w-48 space-y-1">
          {label('site', t('site'))}
          <Select id={field('site')} name="site" defaultValue={state.site ?? ''}>
            <option value="">{t('allSites')}</option>
            {sites.map((s) => (
              <option key={s.code} value={s.code}>
                {s.code} · {s.name}
              </option>
            ))}
          </Select>
        </div>
      ) : null}
      <div className="w-36 space-y-1">
        {label('agent', t('agent'))}
        <Input id={field('agent')} name="agent" defaultValue={state.agent ?? ''} placeholder={t('agentPlaceholder')} autoComplete="off" />
      </div>
      <div className="w-36 space-y-1">
        {label('evaluator', t('evaluator'))}
        <Input id={field('evaluator')} name="evaluator" defaultValue={state.evaluator ?? ''} autoComplete="off" />
      </div>
      <div className="w-32 space-y-1">
        {label('form', t('form'))}
        <Select id={field('form')} name="form" defaultValue={state.form ?? ''}>
          <option value="">{t('allForms')}</option>
          {forms.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </Select>
      </div>
      <div className="w-40 space-y-1">
        {label('from', t('from'))}
        <Input id={field('from')} name="from" type="date" defaultValue={state.from ?? ''} />
      </div>
      <div className="w-40 space-y-1">
        {label('to', t('to'))}
        <Input id={field('to')} name="to" type="date" defaultValue={state.to ?? ''} />
      </div>
      <div className="w-48 space-y-1">
        {label('review', t('review'))}
        <Select id={field('review')} name="review" defaultValue={state.review ?? ''}>
          <option value="">{t('reviewAny')}</option>
          {REVIEW_FILTERS.map((value) => (
            <option key={value} value={value}>
              {t(`reviewOptions.${value}`)}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex items-end gap-2">
        <Button type="submit" disabled={pending}>
          {t('apply')}
        </Button>
        <Button
          variant="ghost"
          disabled={pending}
          onClick={(event) => {
            event.currentTarget.form?.reset();
            startTransition(() => router.push('/qa'));
          }}
        >
          {t('reset')}
        </Button>
      </div>
    </form>
  );
}
