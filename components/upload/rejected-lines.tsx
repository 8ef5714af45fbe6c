'use client';
// Every line or record an upload will not store, pointed at in its file (the line, or the record's
// rank when the format has no lines of its own), with the reason in words and the start of the line.
import { useFormatter, useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/forms/router-types';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';

type Rejection = RouterOutputs['ingest']['previewUpload']['rejected'][number];

export function RejectedLines({ rejected, count }: { rejected: readonly Rejection[]; count: number }) {
  const t = useTranslations('upload');
  const format = useFormatter();
  return (
    <div className="space-y-1">
      <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{t('rejectedCaption', { count })}</h3>
      <Table caption={t('rejectedCaption', { count })}>
        <THead>
          <TR>
            <TH scope="col">{t('source')}</TH>
            <TH scope="col" numeric>
              {t('line')}
            </TH>
            <TH scope="col">{t('externalId')}</TH>
            <TH scope="col">{t('reason')}</TH>
            <TH scope="col">{t('excerpt')}</TH>
          </TR>
        </THead>
        <TBody>
          {rejected.map((r, index) => (
            <TR key={index}>
              <TD className="whitespace-nowrap">{r.source}</TD>
              <TD numeric className="whitespace-nowrap">
                {r.line > 0 ? format.number(r.line) : r.record !== undefined ? t('recordAt', { record: r.record }) : '—'}
              </TD>
              <TD>{r.externalId ?? '—'}</TD>
              <TD className="min-w-64">{r.reason}</TD>
              <TD>
                {r.excerpt ? <code className="block max-w-md truncate font-mono text-xs text-slate-600" title={r.excerpt}>{r.excerpt}</code> : null}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
      {count > rejected.length && <p className="text-xs text-slate-500">{t('rejectedListed', { listed: rejected.length, count })}</p>}
    </div>
  );
}
