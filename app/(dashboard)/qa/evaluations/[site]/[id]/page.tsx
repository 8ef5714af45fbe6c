import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { CoachEvaluationButton } from '@/components/coaching/coach-evaluation-button';
import { PageHeader } from '@/components/layout/page-header';
import { EvaluationDetailView } from '@/components/qa/evaluation-detail';
import { requireSignedIn } from '@/server/auth/current-session';
import { getServerCaller } from '@/server/trpc/server-caller';

type Props = { params: Promise<{ site: string; id: string }> };

/** The evaluation, or the 404 page when it does not exist or belongs to a site the reader may not see. */
async function visibleEvaluation(params: Props['params']) {
  const { site, id } = await params;
  const number = Number(id);
  const code = decodeURIComponent(site).toUpperCase();
  if (!Number.isSafeInteger(number) || number <= 0 || !/^[A-Z]{2,8}$/.test(code)) notFound();
  try {
    return await (await getServerCaller()).qa.evaluations.get({ site: code, id: number });
  } catch (error) {
    if (error instanceof TRPCError && ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(error.code)) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations('qa.detail');
  const { site, id } = await params;
  return { title: t('metaTitle', { site: decodeURIComponent(site).toUpperCase(), id }) };
}

export default async function EvaluationPage({ params }: Props) {
  await requireSignedIn();
  const detail = await visibleEvaluation(params);
  const t = await getTranslations('qa');
  return (
    <>
      <nav aria-label={t('detail.breadcrumb')} className="mb-2 text-xs">
        <Link href="/qa" className="text-brand-700 underline underline-offset-2">
          {t('title')}
        </Link>
        <span aria-hidden="true" className="px-1 text-slate-500">
          /
        </span>
        <Link href={`/qa?site=${detail.site.code}`} className="text-brand-700 underline underline-offset-2">
          {detail.site.code}
        </Link>
        <span aria-hidden="true" className="px-1 text-slate-500">
          /
        </span>
        <span className="font-mono text-slate-600">{detail.evaluation.externalId}</span>
      </nav>
      <PageHeader
        title={t('detail.title', { agent: detail.evaluation.agentRef })}
        description={t('detail.subtitle', {
          site: `${detail.site.code} · ${detail.site.name}`,
          form: `${detail.form.code} v${detail.form.version}`,
          evaluator: detail.evaluation.evaluator,
        })}
        actions={
          <CoachEvaluationButton
            siteCode={detail.site.code}
            agentRef={detail.evaluation.agentRef}
            evaluationId={detail.evaluation.id}
            disputed={(detail.hq?.dispute.status ?? 'none') !== 'none'}
          />
        }
      />
      <EvaluationDetailView detail={detail} />
    </>
  );
}
