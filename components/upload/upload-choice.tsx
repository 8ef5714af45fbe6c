'use client';
// The first card of the upload page: what the files hold, the files, the format Vigie recognised
// (with the list to change it), and what that format needs from the person: the time zone of its
// times, or the saved column mapping that reads it.
import { useTranslations } from 'next-intl';
import { useId, useMemo, type ChangeEvent } from 'react';
import { Field } from '@/components/ui/input';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { SelectField } from '@/components/ui/select';
import type { UploadFormat } from '@/server/ingest/upload-input';
import { MappingSelect } from './mapping-select';
import { needsOf, type FormatOption, type UploadKind, type UploadSettings } from './upload-request';

/** The zones the browser knows, with the current one kept even when this browser's list lacks it. */
function timeZoneOptions(current: string): { value: string; label: string }[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const all = zones.includes(current) ? zones : [current, ...zones];
  return all.map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }));
}

export type Recognised = { pending: boolean; answered: boolean; format: UploadFormat | null };

type UploadChoiceProps = {
  siteCode: string;
  formats: readonly FormatOption[];
  settings: UploadSettings;
  recognised: Recognised;
  hasFiles: boolean;
  onFiles: (files: FileList | null) => void;
  onChange: (patch: Partial<UploadSettings>) => void;
};

export function UploadChoice({ siteCode, formats, settings, recognised, hasFiles, onFiles, onChange }: UploadChoiceProps) {
  const t = useTranslations('upload');
  const id = useId();
  const needs = needsOf(formats, settings.format);
  const needsZone = needs.includes('timeZone');
  const zones = useMemo(() => (needsZone ? timeZoneOptions(settings.timeZone) : []), [needsZone, settings.timeZone]);
  const recognisedLabel = formats.find((f) => f.value === recognised.format)?.label;

  return (
    <Card labelledBy={`${id}-title`}>
      <CardHeader id={`${id}-title`} title={t('chooseTitle', { site: siteCode })} description={t('chooseHelp')} />
      <CardBody className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-[14rem_1fr] sm:items-start">
          <SelectField
            id={`${id}-kind`}
            label={t('kind')}
            value={settings.kind}
            onChange={(e) => onChange({ kind: e.target.value as UploadKind })}
            options={[
              { value: 'calls', label: t('kindCalls') },
              { value: 'evaluations', label: t('kindEvaluations') },
            ]}
          />
          <Field id={`${id}-files`} label={t('file')} hint={t('fileHint')}>
            {(aria) => (
              <input
                {...aria}
                type="file"
                multiple
                onChange={(e: ChangeEvent<HTMLInputElement>) => onFiles(e.target.files)}
                className="block w-full text-sm"
              />
            )}
          </Field>
        </div>

        {hasFiles && (
          <div className="space-y-3 border-t border-slate-100 pt-3">
            <p aria-live="polite" className="text-sm text-slate-800">
              {recognised.pending
                ? t('recognising')
                : recognised.answered
                  ? recognisedLabel
                    ? t('recognised', { format: recognisedLabel })
                    : t('notRecognised')
                  : null}
            </p>
            {recognised.answered && (
              <div className="grid gap-4 sm:grid-cols-3 sm:items-start">
                <SelectField
                  id={`${id}-format`}
                  label={t('format')}
                  value={settings.format ?? ''}
                  onChange={(e) => onChange({ format: (e.target.value || null) as UploadFormat | null })}
                  options={[...(settings.format ? [] : [{ value: '', label: t('chooseFormat') }]), ...formats.map((f) => ({ value: f.value, label: f.label }))]}
                />
                {needsZone && (
                  <SelectField
                    id={`${id}-zone`}
                    label={t('timeZone')}
                    hint={t('timeZoneHint')}
                    value={settings.timeZone}
                    onChange={(e) => onChange({ timeZone: e.target.value })}
                    options={zones}
                  />
                )}
                {needs.includes('mapping') && (
                  <div className="sm:col-span-2">
                    <MappingSelect id={`${id}-mapping`} value={settings.mapping} onChange={(mapping) => onChange({ mapping })} />
                  </div>
                )}
              </div>
            )}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
