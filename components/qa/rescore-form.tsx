'use client';
// HQ's blind re-score of one call: every criterion of the form, grouped by category, scored from
// 0 to its maximum or marked "does not apply". Nothing of the site's own evaluation is shown.
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { FormError } from '@/components/forms/form-error';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { controlClasses, Input } from '@/components/ui/input';
import { QA_CATEGORY_ORDER, type QaCategoryName } from './category-colors';
import { formatScore } from './qa-format';

type Criterion = { key: string; label: string; category: QaCategoryName; weight: number; maxScore: number; critical: boolean };

type Props = {
  site: string;
  evaluationId: number;
  criteria: Criterion[];
  done: boolean;
  nextHref: string | null;
  worklistHref: string;
  comparisonHref: string;
};

/** Up to this maximum, a criterion is scored with one button per value; above, with a number. */
const MAX_BUTTONS = 10;
const NOT_APPLICABLE = 'na';

export function RescoreForm({ site, evaluationId, criteria, done, nextHref, worklistHref, comparisonHref }: Props) {
  const t = useTranslations('qa.rescore');
  const tCategory = useTranslations('qa.categories');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [values, setValues] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [showMissing, setShowMissing] = useState(false);
  const rescore = useMutation(trpc.qa.calibration.rescore.mutationOptions({ onSuccess: () => router.refresh() }));

  const missing = criteria.filter((c) => {
    const v = values[c.key];
    if (v === undefined || v === '') return true;
    if (v === NOT_APPLICABLE) return false;
    const n = Number(v);
    return !Number.isFinite(n) || n < 0 || n > c.maxScore;
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (missing.length > 0) {
      setShowMissing(true);
      document.getElementById(`${id}-${missing[0]!.key}`)?.focus();
      return;
    }
    const scores = Object.fromEntries(criteria.map((c) => [c.key, values[c.key] === NOT_APPLICABLE ? null : Number(values[c.key])]));
    rescore.mutate({ site, id: evaluationId, scores, comment: comment.trim() || null });
  }

  if (rescore.isSuccess) {
    return (
      <Card labelledBy={`${id}-saved`}>
        <CardBody className="space-y-3">
          <h2 id={`${id}-saved`} role="status" className="text-base font-semibold text-slate-900">
            {t('saved', { score: formatScore(rescore.data.score, locale) })}
          </h2>
          {rescore.data.criticalFailed ? <Badge tone="red">{t('criticalFail')}</Badge> : null}
          <p className="text-sm text-slate-600">{t('savedHint')}</p>
          <div className="flex flex-wrap gap-2">
            {nextHref ? (
              <Link href={nextHref} className={buttonClasses('primary')}>
                {t('nextCall')}
              </Link>
            ) : null}
            <Link href={comparisonHref} className={buttonClasses(nextHref ? 'secondary' : 'primary')}>
              {t('seeComparison')}
            </Link>
            <Link href={worklistHref} className={buttonClasses('ghost')}>
              {t('backToWorklist')}
            </Link>
          </div>
        </CardBody>
      </Card>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-describedby={`${id}-instructions`}>
      <p id={`${id}-instructions`} className="text-sm text-slate-600">
        {done ? t('alreadyDone') : t('instructions')}
      </p>
      {QA_CATEGORY_ORDER.map((category) => {
        const group = criteria.filter((c) => c.category === category);
        if (group.length === 0) return null;
        return (
          <Card key={category} labelledBy={`${id}-${category}`}>
            <CardHeader id={`${id}-${category}`} title={tCategory(category)} />
            <CardBody className="divide-y divide-slate-100 py-0">
              {group.map((c) => {
                const value = values[c.key];
                const invalid = showMissing && missing.includes(c);
                const set = (v: string) => setValues((all) => ({ ...all, [c.key]: v }));
                return (
                  <fieldset key={c.key} className="py-3" aria-invalid={invalid} aria-describedby={invalid ? `${id}-${c.key}-error` : undefined}>
                    <legend className="float-left mb-2 flex w-full flex-wrap items-center gap-2 text-sm">
                      <span className="font-medium text-slate-900">{c.label}</span>
                      <span className="font-mono text-[11px] text-slate-500">{c.key}</span>
                      <span className="text-xs text-slate-500">{t('weight', { weight: format.number(c.weight) })}</span>
                      {c.critical ? <Badge tone="amber">{t('critical', { threshold: format.number(c.maxScore / 2) })}</Badge> : null}
                    </legend>
                    <div className="clear-both flex flex-wrap items-center gap-1.5">
                      {c.maxScore <= MAX_BUTTONS ? (
                        Array.from({ length: c.maxScore + 1 }, (_, n) => String(n)).map((n, index) => (
                          <label key={n} className="relative">
                            <input
                              type="radio"
                              name={`${id}-${c.key}`}
                              id={index === 0 ? `${id}-${c.key}` : undefined}
                              value={n}
                              checked={value === n}
                              onChange={() => set(n)}
                              className="peer sr-only"
                            />
                            <span
                              className={cn(
                                'inline-flex h-8 min-w-8 cursor-pointer items-center justify-center rounded-md border px-2 text-sm font-medium tabular-nums',
                                'border-slate-300 bg-white text-slate-700 hover:bg-slate-50',
                                'peer-checked:border-brand-600 peer-checked:bg-brand-600 peer-checked:text-white',
                                'peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 peer-focus-visible:ring-offset-1',
                              )}
                            >
                              {n}
                            </span>
                          </label>
                        ))
                      ) : (
                        <Input
                          id={`${id}-${c.key}`}
                          type="number"
                          min={0}
                          max={c.maxScore}
                          step="any"
                          value={value === NOT_APPLICABLE ? '' : (value ?? '')}
                          onChange={(e) => set(e.target.value)}
                          aria-label={t('scoreOutOf', { max: c.maxScore })}
                          className="w-28"
                        />
                      )}
                      <span className="px-1 text-xs text-slate-500">/ {format.number(c.maxScore)}</span>
                      <label className="relative ml-2">
                        <input
                          type={c.maxScore <= MAX_BUTTONS ? 'radio' : 'checkbox'}
                          name={c.maxScore <= MAX_BUTTONS ? `${id}-${c.key}` : undefined}
                          checked={value === NOT_APPLICABLE}
                          onChange={(e) => set(e.target.checked || c.maxScore <= MAX_BUTTONS ? NOT_APPLICABLE : '')}
                          className="peer sr-only"
                        />
                        <span
                          className={cn(
                            'inline-flex h-8 cursor-pointer items-center rounded-md border px-2.5 text-xs font-medium',
                            'border-dashed border-slate-300 bg-white text-slate-600 hover:bg-slate-50',
                            'peer-checked:border-solid peer-checked:border-slate-700 peer-checked:bg-slate-700 peer-checked:text-white',
                            'peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 peer-focus-visible:ring-offset-1',
                          )}
                        >
                          {t('notApplicable')}
                        </span>
                      </label>
                    </div>
                    {invalid ? (
                      <p id={`${id}-${c.key}-error`} className="mt-1 text-xs text-red-700">
                        {t('missing')}
                      </p>
                    ) : null}
                  </fieldset>
                );
              })}
            </CardBody>
          </Card>
        );
      })}
      <Card labelledBy={`${id}-comment-title`}>
        <CardBody className="space-y-1">
          <label id={`${id}-comment-title`} htmlFor={`${id}-comment`} className="block text-xs font-medium text-slate-700">
            {t('comment')}
          </label>
          <textarea id={`${id}-comment`} rows={3} maxLength={4000} value={comment} onChange={(e) => setComment(e.target.value)} className={cn(controlClasses, 'py-2')} />
        </CardBody>
      </Card>
      {showMissing && missing.length > 0 ? <FormError>{t('missingCount', { count: missing.length })}</FormError> : null}
      {rescore.isError ? <FormError>{serverMessageOf(rescore.error) ?? tCommon('saveFailed')}</FormError> : null}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={rescore.isPending}>
          {rescore.isPending ? tCommon('saving') : t('submit')}
        </Button>
        <span className="text-xs text-slate-500">{t('progress', { scored: criteria.length - missing.length, total: criteria.length })}</span>
      </div>
    </form>
  );
}
