// One evaluation: its score and HQ's re-score side by side, then every criterion grouped by
// category (language, culture, compliance, resolution, soft skills), critical fails flagged.
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { RouterOutputs } from '@/components/forms/router-types';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { DisputePanel } from './dispute-panel';
import { rescoreHref } from './qa-links';
import { formatCriterionScore, formatGap, formatScore } from './qa-format';

export type EvaluationDetail = RouterOutputs['qa']['evaluations']['get'];

function ScoreTile({ label, score, criticalFailed, note, criticalLabel }: { label: string; score: string; criticalFailed: boolean; note?: string; criticalLabel: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <p className="text-xs font-medium text-slate-500">{label}</p>
      <p className="mt-1 flex items-center gap-2 text-2xl font-semibold text-slate-900 tabular-nums">
        {score}
        {criticalFailed ? <Badge tone="red">{criticalLabel}</Badge> : null}
      </p>
      {note ? <p className="mt-0.5 text-xs text-slate-500">{note}</p> : null}
    </div>
  );
}

export async function EvaluationDetailView({ detail }: { detail: EvaluationDetail }) {
  const [t, tCategory, format, locale] = await Promise.all([
    getTranslations('qa.detail'),
    getTranslations('qa.categories'),
    getFormatter(),
    getLocale(),
  ]);
  const { evaluation, hq, site } = detail;
  const gap = hq && evaluation.score !== null && hq.score !== null ? evaluation.score - hq.score : null;
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short', timeZone: site.timezone });

  return (
    <div className="space-y-4">
      {detail.scoresHidden ? (
        <div role="status" className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-700">
          <span>{t('hiddenNotice')}</span>
          <Link href={rescoreHref(site.code, evaluation.id)} className={buttonClasses('primary', 'sm')}>
            {t('rescoreBlind')}
          </Link>
        </div>
      ) : null}

      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <ScoreTile
          label={t('siteScore')}
          score={detail.scoresHidden ? t('hiddenShort') : formatScore(evaluation.score, locale)}
          criticalFailed={evaluation.criticalFailed}
          criticalLabel={t('criticalFail')}
          note={t('evaluatedAt', { when: when(evaluation.evaluatedAt) })}
        />
        <ScoreTile
          label={t('hqScore')}
          score={hq ? formatScore(hq.score, locale) : '—'}
          criticalFailed={hq?.criticalFailed ?? false}
          criticalLabel={t('criticalFail')}
          note={hq ? t('rescoredBy', { evaluator: hq.evaluator, when: when(hq.evaluatedAt) }) : detail.awaitingRescore ? t('awaiting') : t('notRescored')}
        />
        <ScoreTile label={t('gap')} score={formatGap(gap, locale)} criticalFailed={false} criticalLabel="" note={t('gapHint')} />
        <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt className="text-xs text-slate-500">{t('agent')}</dt>
            <dd className="font-mono text-xs">{evaluation.agentRef}</dd>
            <dt className="text-xs text-slate-500">{t('call')}</dt>
            <dd className="truncate font-mono text-xs">{evaluation.callExternalId ?? '—'}</dd>
            <dt className="text-xs text-slate-500">{t('day')}</dt>
            <dd className="text-xs">{format.dateTime(new Date(`${evaluation.day}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' })}</dd>
            <dt className="text-xs text-slate-500">{t('form')}</dt>
            <dd className="text-xs">
              {detail.form.name} ({detail.form.code} v{detail.form.version})
            </dd>
          </dl>
        </div>
      </div>

      <Card labelledBy="criteria-title">
        <CardHeader id="criteria-title" title={t('criteriaTitle')} description={t('criteriaDescription')} />
        <Table caption={t('criteriaTitle')}>
          <THead>
            <tr>
              <TH>{t('columns.criterion')}</TH>
              <TH numeric>{t('columns.weight')}</TH>
              <TH numeric>{t('columns.site')}</TH>
              <TH numeric>{t('columns.hq')}</TH>
              <TH numeric>{t('columns.gap')}</TH>
            </tr>
          </THead>
          {detail.categories.map((block) => (
            <TBody key={block.category}>
              <tr className="bg-slate-50/80">
                <th scope="rowgroup" className="px-3 py-1.5 text-left text-xs font-semibold text-slate-700">
                  {tCategory(block.category)}
                </th>
                <td />
                <td className="px-3 py-1.5 text-right text-xs text-slate-600 tabular-nums">{t('percent', { value: formatScore(block.sitePercent, locale) })}</td>
                <td className="px-3 py-1.5 text-right text-xs text-slate-600 tabular-nums">
                  {hq ? t('percent', { value: formatScore(block.hqPercent, locale) }) : ''}
                </td>
                <td />
              </tr>
              {block.criteria.map((line) => {
                const lineGap = line.site !== null && line.hq !== null ? ((line.site - line.hq) / line.maxScore) * 100 : null;
                return (
                  <TR key={line.key}>
                    <TD>
                      <span className="text-slate-900">{line.label}</span>
                      <span className="ml-2 font-mono text-[11px] text-slate-500">{line.key}</span>
                      {line.critical ? (
                        <Badge tone="neutral" className="ml-2">
                          {t('critical')}
                        </Badge>
                      ) : null}
                    </TD>
                    <TD numeric>{format.number(line.weight)}</TD>
                    <TD numeric className={cn(line.siteCriticalFail && 'font-semibold text-red-700')}>
                      {detail.scoresHidden ? t('hiddenShort') : line.site === null ? <span title={t('notApplicable')}>{t('na')}</span> : formatCriterionScore(line.site, line.maxScore, locale)}
                      {line.siteCriticalFail ? <span className="sr-only"> {t('criticalFail')}</span> : null}
                    </TD>
                    <TD numeric className={cn(line.hqCriticalFail && 'font-semibold text-red-700')}>
                      {!hq ? '—' : line.hq === null ? <span title={t('notApplicable')}>{t('na')}</span> : formatCriterionScore(line.hq, line.maxScore, locale)}
                      {line.hqCriticalFail ? <span className="sr-only"> {t('criticalFail')}</span> : null}
                    </TD>
                    <TD numeric className={cn(lineGap !== null && Math.abs(lineGap) > 5 ? 'text-red-700' : 'text-slate-600')}>
                      {formatGap(lineGap, locale)}
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          ))}
        </Table>
        <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">{t('criticalRule')}</p>
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card labelledBy="comments-title">
          <CardHeader id="comments-title" title={t('commentsTitle')} />
          <CardBody className="space-y-3 text-sm">
            <div>
              <p className="text-xs font-medium text-slate-500">{t('siteComment')}</p>
              <p className="mt-0.5 whitespace-pre-line text-slate-800">{detail.scoresHidden ? t('hiddenShort') : evaluation.comment || t('noComment')}</p>
            </div>
            {hq ? (
              <div>
                <p className="text-xs font-medium text-slate-500">{t('hqComment')}</p>
                <p className="mt-0.5 whitespace-pre-line text-slate-800">{hq.comment || t('noComment')}</p>
              </div>
            ) : null}
          </CardBody>
        </Card>
        {hq ? (
          <DisputePanel
            site={site.code}
            id={evaluation.id}
            dispute={hq.dispute}
            canDispute={detail.canDispute}
            canSettle={detail.canSettle}
          />
        ) : null}
      </div>
    </div>
  );
}
