'use client';
// A site lead's upload: choose the files, see the format Vigie recognises (and change it, give the
// time zone or the saved mapping it needs), see what Vigie reads before anything is written, then
// commit. The preview and the commit send the very same request, so what is committed is what was
// shown.
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FormError } from '@/components/forms/form-error';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { QueryState } from '@/components/ui/query-state';
import { headsOf, readChosenFiles, type ChosenFile } from './read-files';
import { UploadChoice } from './upload-choice';
import { UploadPreview } from './upload-preview';
import { uploadRequest, type FormatOption, type UploadSettings } from './upload-request';

type FileUploadProps = { siteCode: string; siteTimeZone: string; formats: readonly FormatOption[] };

export function FileUpload({ siteCode, siteTimeZone, formats }: FileUploadProps) {
  const t = useTranslations('upload');
  const trpc = useTRPC();
  const [files, setFiles] = useState<ChosenFile[] | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [settings, setSettings] = useState<UploadSettings>({ kind: 'calls', format: null, timeZone: siteTimeZone, mapping: '' });
  const [waitingForMapping, setWaitingForMapping] = useState(false);
  const recognise = useMutation(trpc.ingest.recogniseUpload.mutationOptions());
  const preview = useMutation(trpc.ingest.previewUpload.mutationOptions());
  const commit = useMutation(trpc.ingest.commitUpload.mutationOptions());

  /** Previews the files with these settings, unless the format or its mapping is still to be chosen. */
  function check(chosen: ChosenFile[], next: UploadSettings) {
    commit.reset();
    const request = uploadRequest(chosen, next, formats);
    setWaitingForMapping('waitingFor' in request && request.waitingFor === 'mapping');
    if ('waitingFor' in request) preview.reset();
    else preview.mutate(request.input);
  }

  async function choose(list: FileList | null) {
    setFiles(null);
    setFileError(null);
    setWaitingForMapping(false);
    recognise.reset();
    preview.reset();
    commit.reset();
    if (!list || list.length === 0) return;
    const read = await readChosenFiles(list);
    if ('refused' in read) {
      setFileError(t(read.refused));
      return;
    }
    setFiles(read.files);
    recognise.mutate(
      { files: headsOf(read.files) },
      {
        onSuccess: (answer) => {
          // A telephony export holds calls; Vigie's own CSV says by its header which it holds.
          const kind = answer.kind ?? (answer.format && answer.format !== 'vigie' ? 'calls' : settings.kind);
          const next: UploadSettings = { ...settings, kind, format: answer.format, mapping: '' };
          setSettings(next);
          check(read.files, next);
        },
      },
    );
  }

  function change(patch: Partial<UploadSettings>) {
    const next = { ...settings, ...patch };
    setSettings(next);
    if (files && recognise.isSuccess) check(files, next);
  }

  const commitRequest = () => {
    if (preview.variables) commit.mutate(preview.variables);
  };

  return (
    <div className="space-y-4">
      <UploadChoice
        siteCode={siteCode}
        formats={formats}
        settings={settings}
        recognised={{ pending: recognise.isPending, answered: recognise.isSuccess, format: recognise.data?.format ?? null }}
        hasFiles={files !== null}
        onFiles={(list) => void choose(list)}
        onChange={change}
      />
      <FormError>{fileError ?? (recognise.error ? serverMessageOf(recognise.error) : null)}</FormError>
      {waitingForMapping && <p className="text-sm text-slate-700">{t('waitingForMapping')}</p>}
      {files && !preview.isIdle && (
        <QueryState
          query={{ isPending: preview.isPending, isError: preview.isError, data: preview.data, refetch: () => preview.variables && preview.mutate(preview.variables) }}
          errorTitle={preview.error ? serverMessageOf(preview.error) : undefined}
          isEmpty={(answer) => answer.total === 0}
          empty={{ title: t('empty'), description: preview.data ? [t(`emptyHelp.${preview.data.kind}`), ...preview.data.notes].join(' ') : undefined }}
        >
          {(answer) => (
            <UploadPreview
              fileNames={files.map((f) => f.name)}
              preview={answer}
              commit={{ pending: commit.isPending, done: commit.data ?? null, error: commit.error ? (serverMessageOf(commit.error) ?? null) : null }}
              onCommit={commitRequest}
            />
          )}
        </QueryState>
      )}
    </div>
  );
}
