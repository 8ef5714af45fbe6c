'use client';
// "Try it": a sample of the site's export, pasted or chosen, read through the mapping as typed by
// the very importer the server and the CLI run, here in the browser; the first rows as records and
// the lines it rejects, with their reasons, before the mapping is saved.
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { csvImporter } from '@/lib/importers/csv';
import { csvMappingSchema, type CsvMappingInput } from '@/lib/importers/csv-mapping';

/** Rows shown of each list: enough to judge a mapping by. */
const SHOWN = 10;
/** A sample is the start of a file: its first lines say whether the mapping reads it. */
const SAMPLE_CHARS = 64 * 1024;

export function MappingTrial({ mapping }: { mapping: CsvMappingInput }) {
  const t = useTranslations('importMappings.trial');
  const id = useId();
  const [sample, setSample] = useState('');
  const checked = csvMappingSchema.safeParse(mapping);
  // Read again on every change: a sample is at most 64 KB, which the importer reads in milliseconds.
  const result = checked.success && sample.trim() !== '' ? csvImporter.parse([{ name: 'sample', text: sample }], { mapping: checked.data }) : null;

  const choose = async (file: File | undefined) => {
    if (file) setSample((await file.slice(0, SAMPLE_CHARS).text()).replace(/\n[^\n]*$/, '\n'));
  };

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3 rounded-md border border-slate-200 p-4">
      <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        {t('title')}
      </h3>
      <p className="text-xs text-slate-600">{t('hint')}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor={`${id}-sample`} className="block text-xs font-medium text-slate-700">
            {t('paste')}
          </label>
          <textarea
            id={`${id}-sample`}
            value={sample}
            onChange={(e) => setSample(e.target.value)}
            rows={6}
            spellCheck={false}
            className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 font-mono text-xs"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-file`} className="block text-xs font-medium text-slate-700">
            {t('choose')}
          </label>
          <input id={`${id}-file`} type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(e) => void choose(e.target.files?.[0])} className="block text-xs" />
        </div>
      </div>
      {!checked.success ? (
        <p role="status" className="text-xs text-amber-800">
          {t('fixFirst')}
        </p>
      ) : result === null ? null : (
        <div role="status" className="space-y-3">
          <p className="text-xs text-slate-700">{t('summary', { records: result.records.length, rejected: result.rejected.length })}</p>
          {result.notes.map((note) => (
            <p key={note} className="text-xs text-slate-600">
              {note}
            </p>
          ))}
          {result.records.length > 0 ? (
            <Table caption={t('recordsCaption', { shown: Math.min(SHOWN, result.records.length) })}>
              <THead>
                <tr>
                  <TH>{t('externalId')}</TH>
                  <TH>{t('startedAt')}</TH>
                  <TH>{t('direction')}</TH>
                  <TH>{t('queue')}</TH>
                  <TH>{t('agent')}</TH>
                  <TH>{t('wait')}</TH>
                  <TH>{t('talk')}</TH>
                  <TH>{t('abandoned')}</TH>
                  <TH>{t('outcome')}</TH>
                </tr>
              </THead>
              <TBody>
                {result.records.slice(0, SHOWN).map((r, i) => (
                  <TR key={`${r.externalId}-${i}`}>
                    <TD className="font-mono text-xs">{r.externalId}</TD>
                    <TD className="font-mono text-xs whitespace-nowrap">{r.startedAt}</TD>
                    <TD>{t(r.direction)}</TD>
                    <TD>{r.queue}</TD>
                    <TD>{r.agentRef ?? '—'}</TD>
                    <TD className="tabular-nums">{r.waitSeconds}</TD>
                    <TD className="tabular-nums">{r.talkSeconds}</TD>
                    <TD>{r.abandoned ? t('yes') : t('no')}</TD>
                    <TD>{r.outcome ?? '—'}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          ) : null}
          {result.rejected.length > 0 ? (
            <div>
              <h4 className="text-xs font-semibold text-slate-800">{t('rejectedTitle')}</h4>
              <ul className="mt-1 space-y-1 text-xs">
                {result.rejected.slice(0, SHOWN).map((r) => (
                  <li key={`${r.line}-${r.reason}`}>
                    <span className="font-medium">{t('line', { line: r.line })}</span> {r.reason}
                    {r.excerpt ? <code className="ml-2 text-slate-500">{r.excerpt}</code> : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      )}
    </section>
  );
}
