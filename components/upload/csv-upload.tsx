'use client';
// A site lead's manual upload: choose a CSV export, see what Vigie makes of it (counts, the first
// rows, every rejected row with its reasons) before anything is written, then commit it.
import { useMutation } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState, type ChangeEvent } from 'react';
import { FormError } from '@/components/forms/form-error';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { SelectField } from '@/components/ui/select';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';

type Kind = 'calls' | 'evaluations';
const MAX_FILE_BYTES = 16 * 1024 * 1024;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function CsvUpload({ siteCode }: { siteCode: string }) {
  const t = useTranslations('upload');
  const format = useFormatter();
  const id = useId();
  const trpc = useTRPC();
  const [kind, setKind] = useState<Kind>('calls');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const preview = useMutation(trpc.ingest.previewUpload.mutationOptions());
  const commit = useMutation(trpc.ingest.commitUpload.mutationOptions());

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    preview.reset();
    commit.reset();
    setFile(null);
    setFileError(null);
    if (!chosen) return;
    if (chosen.size > MAX_FILE_BYTES) {
      setFileError(t('tooLarge'));
      return;
    }
    const text = await chosen.text();
    setFile({ name: chosen.name, text });
    preview.mutate({ kind, csv: text });
  }

  function changeKind(next: Kind) {
    setKind(next);
    commit.reset();
    if (file) preview.mutate({ kind: next, csv: file.text });
  }

  const checked = preview.data;
  const columns = checked ? [...new Set(checked.preview.flatMap((row) => Object.keys(row)))] : [];

  return (
    <div className="space-y-4">
      <Card labelledBy={`${id}-choose`}>
        <CardHeader id={`${id}-choose`} title={t('chooseTitle', { site: siteCode })} description={t('chooseHelp')} />
        <CardBody className="grid gap-4 sm:grid-cols-[14rem_1fr] sm:items-end">
          <SelectField
            id={`${id}-kind`}
            label={t('kind')}
            value={kind}
            onChange={(e) => changeKind(e.target.value as Kind)}
            options={[
              { value: 'calls', label: t('kindCalls') },
              { value: 'evaluations', label: t('kindEvaluations') },
            ]}
          />
          <div>
            <label htmlFor={`${id}-file`} className="mb-1 block text-sm font-medium text-slate-700">
              {t('file')}
            </label>
            <input id={`${id}-file`} type="file" accept=".csv,text/csv" onChange={choose} className="block w-full text-sm" />
          </div>
        </CardBody>
      </Card>

      <FormError>{fileError ?? (preview.error ? serverMessageOf(preview.error) : null)}</FormError>
      {preview.isPending && <p role="status">{t('checking')}</p>}

      {checked && file && (
        <Card labelledBy={`${id}-preview`}>
          <CardHeader
            id={`${id}-preview`}
            title={t('previewTitle', { file: file.name })}
            description={t('previewSummary', { total: checked.total, valid: checked.valid, rejected: checked.rejected.length })}
            actions={
              <Button disabled={checked.valid === 0 || commit.isPending || commit.isSuccess} onClick={() => commit.mutate({ kind, csv: file.text })}>
                {commit.isPending ? t('committing') : t('commit', { valid: checked.valid })}
              </Button>
            }
          />
          <CardBody className="space-y-4">
            {commit.data && (
              <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
                {t('done', {
                  received: commit.data.received,
                  inserted: commit.data.inserted,
                  updated: commit.data.updated,
                  rejected: commit.data.rejected.length,
                })}
              </p>
            )}
            <FormError>{commit.error ? serverMessageOf(commit.error) : null}</FormError>
            <div className="overflow-x-auto">
              <Table caption={t('firstRows', { count: checked.preview.length })}>
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
                  {checked.preview.map((row, index) => (
                    <TR key={index}>
                      <TD numeric>{format.number(index + 1)}</TD>
                      {columns.map((c) => (
                        <TD key={c}>{cell(row[c])}</TD>
                      ))}
                    </TR>
                  ))}
                </TBody>
              </Table>
            </div>
            {checked.rejected.length > 0 && (
              <Table caption={t('rejectedCaption', { count: checked.rejected.length })}>
                <THead>
                  <TR>
                    <TH scope="col" numeric>
                      {t('row')}
                    </TH>
                    <TH scope="col">{t('externalId')}</TH>
                    <TH scope="col">{t('reasons')}</TH>
                  </TR>
                </THead>
                <TBody>
                  {checked.rejected.slice(0, 200).map((r) => (
                    <TR key={r.index}>
                      <TD numeric>{format.number(r.index + 1)}</TD>
                      <TD>{r.externalId ?? '—'}</TD>
                      <TD>
                        <ul className="space-y-0.5">
                          {r.errors.map((e, i) => (
                            <li key={i}>
                              <Badge tone="red">{e.path || t('record')}</Badge> {e.message}
                            </li>
                          ))}
                        </ul>
                      </TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
          </CardBody>
        </Card>
      )}
    </div>
  );
}
