import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { evaluationHref, rescoreHref } from '@/components/qa/qa-links';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { requireSignedIn } from '@/server/auth/current-session';
import { isHq } from '@/server/auth/principal';
import { getServerCaller } from '@/server/trpc/server-caller';

type Props = { params: Promise<{ site: string; id: string }> };

async function visibleWorklist(params: Props['params']) {
  const { site, id } = await params;
  const number = Number(id);
  const code = decodeURIComponent(site).toUpperCase();
  if (!Number.isSafeInteger(number) || number <= 0 || !/^[A-Z]{2,8}$/.test(code)) notFound();
  try {
    return await (await getServerCaller()).qa.calibration.worklist({ site: code, id: number });
  } catch (error) {
    if (error instanceof TRPCError && ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(error.code)) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations('qa.calibration.worklist');
  return { title: t('metaTitle', { site: decodeURIComponent((await params).site).toUpperCase() }) };
}

export default async function WorklistPage({ params }: Props) {
  const principal = await requireSignedIn();
  if (!isHq(principal)) notFound();
  const { sample, items } = await visibleWorklist(params);
  const [t, format] = await Promise.all([getTranslations('qa.calibration'), getFormatter()]);
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  const next = items.find((i) => i.doneAt === null);
  return (
    <>
      <nav aria-label={t('worklist.breadcrumb')} className="mb-2 text-xs">
        <Link href="/qa/calibration" className="text-brand-700 underline underline-offset-2">
          {t('title')}
        </Link>
        <span aria-hidden="true" className="px-1 text-slate-500">
          /
        </span>
        <span className="text-slate-600">{t('worklist.metaTitle', { site: sample.site.code })}</span>
      </nav>
      <PageHeader
        title={t('worklist.title', { site: `${sample.site.code} · ${sample.site.name}` })}
        description={t('worklist.description', {
          from: day(sample.periodFrom),
          to: day(sample.periodTo),
          done: sample.done,
          items: sample.items,
          requested: sample.requestedCount,
        })}
        actions={
          next ? (
            <Link href={rescoreHref(sample.site.code, next.evaluationId)} className={buttonClasses('primary')} data-testid="rescore-next">
              {t('worklist.next')}
            </Link>
          ) : (
            <Badge tone="green">{t('worklist.complete')}</Badge>
          )
        }
      />
      <Card labelledBy="worklist-items">
        <CardHeader id="worklist-items" title={t('worklist.itemsTitle')} description={t('worklist.blindNote')} />
        <Table caption={t('worklist.itemsTitle')}>
          <THead>
            <tr>
              <TH>{t('worklist.columns.day')}</TH>
              <TH>{t('worklist.columns.agent')}</TH>
              <TH>{t('worklist.columns.call')}</TH>
              <TH>{t('worklist.columns.form')}</TH>
              <TH>{t('worklist.columns.status')}</TH>
              <TH>
                <span className="sr-only">{t('worklist.columns.action')}</span>
              </TH>
            </tr>
          </THead>
          <TBody>
            {items.map((item) => (
              <TR key={item.evaluationId}>
                <TD className="whitespace-nowrap">{day(item.day)}</TD>
                <TD className="font-mono text-xs">{item.agentRef}</TD>
                <TD className="font-mono text-xs text-slate-600">{item.callExternalId ?? '—'}</TD>
                <TD className="text-xs text-slate-600">
                  {item.formCode} v{item.formVersion}
                </TD>
                <TD>{item.doneAt ? <Badge tone="green">{t('worklist.done')}</Badge> : <Badge tone="amber">{t('worklist.toDo')}</Badge>}</TD>
                <TD className="text-right whitespace-nowrap">
                  {item.doneAt ? (
                    <Link href={evaluationHref(sample.site.code, item.evaluationId)} className={buttonClasses('ghost', 'sm')}>
                      {t('worklist.compare')}
                    </Link>
                  ) : (
                    <Link
                      href={rescoreHref(sample.site.code, item.evaluationId)}
                      className={buttonClasses('secondary', 'sm')}
                      aria-label={t('worklist.rescoreNamed', { call: item.callExternalId ?? item.agentRef })}
                    >
                      {t('worklist.rescore')}
                    </Link>
                  )}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
    </>
  );
}
