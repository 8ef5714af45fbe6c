'use client';
// A roster file's import: choose a file or paste it, check it (a dry run: nothing is written),
// see each rejected line with its reason or what the import would change, then import the very
// text that was checked. A file with any rejected line cannot be imported (all or nothing).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { FormError } from '@/components/forms/form-error';
import type { RouterOutputs } from '@/components/forms/router-types';
import { schemaResolver } from '@/components/forms/schema-resolver';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { controlClasses, Field } from '@/components/ui/input';
import { ROSTER_MAX_BYTES } from '@/lib/agents/roster-csv';
import { rosterFileInput, type RosterFileInput } from '@/lib/agents/roster-input';
import { RosterRejections } from './roster-rejections';

type ImportAnswer = RouterOutputs['roster']['import'];

export function RosterImport({ site }: { site: string }) {
  const t = useTranslations('roster.import');
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<RosterFileInput>({ resolver: schemaResolver(rosterFileInput), defaultValues: { csv: '' } });
  const [fileError, setFileError] = useState<string | null>(null);
  /** The answer of the last check, and the text it was given: only that text is imported. */
  const [checked, setChecked] = useState<{ csv: string; answer: ImportAnswer; afterCommit: boolean } | null>(null);
  const [done, setDone] = useState<ImportAnswer | null>(null);
  const check = useMutation(trpc.roster.import.mutationOptions());
  const commit = useMutation(trpc.roster.import.mutationOptions());
  const text = form.watch('csv');
  const current = checked !== null && checked.csv === text;

  async function choose(list: FileList | null) {
    setFileError(null);
    const file = list?.[0];
    if (!file) return;
    if (file.size > ROSTER_MAX_BYTES) {
      setFileError(t('tooLarge'));
      return;
    }
    try {
      form.setValue('csv', await file.text(), { shouldValidate: true });
    } catch {
      setFileError(t('unreadable'));
    }
  }

  const onCheck = form.handleSubmit(({ csv }) => {
    setDone(null);
    commit.reset();
    check.mutate({ site, csv, dryRun: true }, { onSuccess: (answer) => setChecked({ csv, answer, afterCommit: false }) });
  });

  function onCommit() {
    if (!checked) return;
    const csv = checked.csv;
    commit.mutate(
      { site, csv },
      {
        onSuccess: async (answer) => {
          if (!answer.committed) {
            // The roster moved since the check (another import): show what the file now meets.
            setChecked({ csv, answer, afterCommit: true });
            return;
          }
          setDone(answer);
          setChecked(null);
          form.reset({ csv: '' });
          await Promise.all([
            queryClient.invalidateQueries({ queryKey: trpc.roster.list.queryKey() }),
            queryClient.invalidateQueries({ queryKey: trpc.roster.summary.queryKey() }),
          ]);
        },
      },
    );
  }

  function clear() {
    setChecked(null);
    setDone(null);
    setFileError(null);
    check.reset();
    commit.reset();
    form.reset({ csv: '' });
  }

  const csvError = form.formState.errors.csv?.message;
  const answer = current ? checked.answer : null;
  return (
    <Card labelledBy={`${id}-title`}>
      <CardHeader id={`${id}-title`} title={t('title')} description={t('description')} />
      <CardBody className="space-y-4">
        <form onSubmit={onCheck} noValidate className="space-y-3">
          <Field id={`${id}-file`} label={t('file')} hint={t('fileHint')} error={fileError}>
            {(aria) => (
              <input
                {...aria}
                type="file"
                accept=".csv,text/csv,text/plain"
                onChange={(event) => void choose(event.target.files)}
                className="block text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-slate-50"
              />
            )}
          </Field>
          <Field id={`${id}-csv`} label={t('paste')} hint={t('pasteHint')} error={csvError ? t(csvError as 'required' | 'tooLarge') : null}>
            {(aria) => <textarea {...aria} {...form.register('csv')} rows={8} spellCheck={false} className={`${controlClasses} py-2 font-mono text-xs`} />}
          </Field>
          <p className="text-xs text-slate-600">{t('rules')}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant={answer && answer.rejected.length === 0 && answer.people > 0 ? 'secondary' : 'primary'} disabled={check.isPending}>
              {check.isPending ? t('checking') : t('check')}
            </Button>
            {answer && answer.rejected.length === 0 && answer.people > 0 ? (
              <Button onClick={onCommit} disabled={commit.isPending}>
                {commit.isPending ? t('committing') : t('commit', { people: answer.people })}
              </Button>
            ) : null}
            {text !== '' || checked || done ? (
              <Button variant="ghost" onClick={clear}>
                {t('clear')}
              </Button>
            ) : null}
          </div>
        </form>

        {check.isError || commit.isError ? <FormError>{t('failed')}</FormError> : null}
        {done ? (
          <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {t('done', { added: done.added, changed: done.changed, unchanged: done.unchanged })}
          </p>
        ) : null}
        {answer ? <CheckResult answer={answer} afterCommit={checked?.afterCommit ?? false} /> : null}
      </CardBody>
    </Card>
  );
}

function CheckResult({ answer, afterCommit }: { answer: ImportAnswer; afterCommit: boolean }) {
  const t = useTranslations('roster.import');
  return (
    <div role="status" className="space-y-3">
      {afterCommit ? <FormError>{t('changedSince')}</FormError> : null}
      {answer.rejected.length > 0 ? (
        <>
          <p className="text-sm font-medium text-red-800">{t('rejectedTitle', { count: answer.rejected.length })}</p>
          <RosterRejections rejected={answer.rejected} />
        </>
      ) : answer.people === 0 ? (
        <p className="text-sm text-slate-700">{t('nobody')}</p>
      ) : (
        <p className="text-sm text-slate-800">
          {t('preview', { people: answer.people, added: answer.added, changed: answer.changed, unchanged: answer.unchanged, notInFile: answer.notInFile })}
        </p>
      )}
      {answer.rejected.length === 0 && answer.namesBack > 0 ? <p className="text-sm text-slate-700">{t('namesBack', { count: answer.namesBack })}</p> : null}
      {answer.ignoredColumns.length > 0 ? <p className="text-xs text-slate-500">{t('ignored', { columns: answer.ignoredColumns.join(', ') })}</p> : null}
    </div>
  );
}
