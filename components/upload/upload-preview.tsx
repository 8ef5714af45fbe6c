'use client';
// What Vigie reads in the chosen files, before anything is written: the totals, the importer's
// notes, the first records and every rejected line with its reason; then the commit and its answer.
// Props only: the upload card owns the requests.
import { useFormatter, useTranslations } from 'next-intl';
import { useId } from 'react';
import { FormError } from '@/components/forms/form-error';
import type { RouterOutputs } from '@/components/forms/router-types';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { RejectedLines } from './rejected-lines';

export type UploadPreviewData = RouterOutputs['ingest']['previewUpload'];
export type UploadCommitData = RouterOutputs['ingest']['commitUpload'];

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

type UploadPreviewProps = {
  fileNames: readonly string[];
  preview: UploadPreviewData;
  commit: { pending: boolean; done: UploadCommitData | null; error: string | null };
  onCommit: () => void;
};

export function UploadPreview({ fileNames, preview, commit, onCommit }: UploadPreviewProps) {
  const t = useTranslations('upload');
  const format = useFormatter();
  const id = useId();
  const columns = [...new Set(preview.preview.flatMap((row) => Object.keys(row)))];
  const done = commit.done;

  return (
    <Card labelledBy={`${id}-title`}>
      <CardHeader
        id={`${id}-title`}
        title={t('previewTitle', { files: fileNames.join(', ') })}
        description={t(`totals.${preview.kind}`, { total: preview.total, valid: preview.valid, rejected: preview.rejectedCount, held: preview.held })}
        actions={
          <Button disabled={preview.valid === 0 || commit.pending || done !== null} onClick={onCommit}>
            {commit.pending ? t('committing') : t(`commit.${preview.kind}`, { valid: preview.valid })}
          </Button>
        }
      />
      <CardBody className="space-y-4">
        {done && (
          <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
            {done.valid === 0
              ? t(`nothingWritten.${done.kind}`, { rejected: done.rejectedCount })
              : t('done', { valid: done.valid, inserted: done.inserted, updated: done.updated, unchanged: done.unchanged, rejected: done.rejectedCount })}
          </p>
        )}
        <FormError>{commit.error}</FormError>

        {preview.notes.length > 0 && (
          <section aria-labelledby={`${id}-notes`} className="text-sm text-slate-700">
            <h3 id={`${id}-notes`} className="text-xs font-semibold tracking-wide text-slate-600 uppercase">
              {t('notes')}
            </h3>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {preview.notes.map((note, index) => (
                <li key={index}>{note}</li>
              ))}
            </ul>
          </section>
        )}

        {preview.preview.length > 0 && (
          <Table caption={t('firstRows', { count: preview.preview.length })}>
            <THead>
              <TR>
                <TH scope="col" numeric>
                  {t('row')}
                </TH>
                {columns.map((c) => (
                  <TH key={c} scope="col">
                    {c}
                  </TH>
                ))}
              </TR>
            </THead>
            <TBody>
              {preview.preview.map((row, index) => (
                <TR key={index}>
                  <TD numeric>{format.number(index + 1)}</TD>
                  {columns.map((c) => (
                    <TD key={c} className="whitespace-nowrap">
                      {cell(row[c])}
                    </TD>
                  ))}
                </TR>
              ))}
            </TBody>
          </Table>
        )}

        {/* After the commit, its own list: the ingest may refuse what the schema let through (an evaluation's unknown form). */}
        {(done ?? preview).rejectedCount > 0 && <RejectedLines rejected={(done ?? preview).rejected} count={(done ?? preview).rejectedCount} />}
      </CardBody>
    </Card>
  );
}
