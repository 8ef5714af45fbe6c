import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { evaluationHref, rescoreHref, worklistHref } from '@/components/qa/qa-links';
import { RescoreForm } from '@/components/qa/rescore-form';
import { requireSignedIn } from '@/server/auth/current-session';
import { isHq } from '@/server/auth/principal';
import { getServerCaller } from '@/server/trpc/server-caller';

type Props = { params: Promise<{ site: string; id: string }> };

/**
 * The blind re-score screen. It reads only the re-score task and the worklist, neither of which
 * carries the site's scores.
 */
async function visibleTask(params: Props['params']) {
  const { site, id } = await params;
  const number = Number(id);
  const code = decodeURIComponent(site).toUpperCase();
  if (!Number.isSafeInteger(number) || number <= 0 || !/^[A-Z]{2,8}$/.test(code)) notFound();
  const caller = await getServerCaller();
  try {
    const task = await caller.qa.calibration.task({ site: code, id: number });
    const { items } = await caller.qa.calibration.worklist({ site: code, id: task.sampleId });
    return { task, items };
  } catch (error) {
    if (error instanceof TRPCError && ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(error.code)) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations('qa.rescore');
  return { title: t('metaTitle', { site: decodeURIComponent((await params).site).toUpperCase() }) };
}

export default async function RescorePage({ params }: Props) {
  const principal = await requireSignedIn();
  if (!isHq(principal)) notFound();
  const { task, items } = await visibleTask(params);
  const [t, format] = await Promise.all([getTranslations('qa'), getFormatter()]);
  const next = items.find((i) => i.doneAt === null && i.evaluationId !== task.evaluationId);
  const tz = task.site.timezone;
  return (
    <>
      <nav aria-label={t('rescore.breadcrumb')} className="mb-2 text-xs">
        <Link href="/qa/calibration" className="text-brand-700 underline underline-offset-2">
          {t('calibration.title')}
        </Link>
        <span aria-hidden="true" className="px-1 text-slate-500">
          /
        </span>
        <Link href={worklistHref(task.site.code, task.sampleId)} className="text-brand-700 underline underline-offset-2">
          {t('calibration.worklist.metaTitle', { site: task.site.code })}
        </Link>
      </nav>
      <PageHeader title={t('rescore.title', { call: task.callReference ?? task.agentRef })} description={t('rescore.description')} />
      <section aria-labelledby="call-facts" className="mb-4 rounded-lg border border-slate-200 bg-white px-4 py-3">
        <h2 id="call-facts" className="sr-only">
          {t('rescore.callTitle')}
        </h2>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-6">
          <div>
            <dt className="text-xs text-slate-500">{t('rescore.site')}</dt>
            <dd>
              <span className="font-mono text-xs font-semibold">{task.site.code}</span> {task.site.name}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t('rescore.callReference')}</dt>
            <dd className="font-mono text-xs" data-testid="call-reference">
              {task.callReference ?? '—'}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t('rescore.agent')}</dt>
            <dd className="font-mono text-xs">{task.agentRef}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t('rescore.callTime')}</dt>
            <dd>
              {task.call
                ? t('rescore.siteTime', { time: format.dateTime(task.call.startedAt, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz }) })
                : format.dateTime(new Date(`${task.day}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' })}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t('rescore.queue')}</dt>
            <dd>{task.call ? `${task.call.queue} · ${t(`rescore.direction.${task.call.direction}`)}` : '—'}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t('rescore.form')}</dt>
            <dd>
              {task.form.name} ({task.form.code} v{task.form.version})
            </dd>
          </div>
        </dl>
      </section>
      {task.locked ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {t('rescore.locked')}{' '}
          <Link href={evaluationHref(task.site.code, task.evaluationId)} className="font-medium underline">
            {t('rescore.seeComparison')}
          </Link>
        </p>
      ) : (
        <RescoreForm
          site={task.site.code}
          evaluationId={task.evaluationId}
          criteria={task.criteria}
          done={task.done}
          nextHref={next ? rescoreHref(task.site.code, next.evaluationId) : null}
          worklistHref={worklistHref(task.site.code, task.sampleId)}
          comparisonHref={evaluationHref(task.site.code, task.evaluationId)}
        />
      )}
    </>
  );
}
