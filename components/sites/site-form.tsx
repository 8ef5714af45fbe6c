'use client';
// Create or edit a site. The server validates with the same rules as the CLI; the form maps each
// refused field to a message in the reader's language.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState, type FormEvent } from 'react';
import { errorCodeOf, refusedFields, serverMessageOf } from '@/components/forms/trpc-errors';
import { FormError } from '@/components/forms/form-error';
import type { RouterOutputs } from '@/components/forms/router-types';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/input';
import { SelectField } from '@/components/ui/select';
import { LIVE_WINDOWS, type LiveWindow } from '@/lib/sites/site-input';

export type SiteRow = RouterOutputs['sites']['list'][number];

const KINDS = ['onshore', 'nearshore', 'offshore'] as const;
type Kind = (typeof KINDS)[number];

type Values = {
  code: string;
  name: string;
  country: string;
  timezone: string;
  languages: string;
  kind: Kind;
  seats: string;
  slaSeconds: string;
  reportDeadline: string;
  liveWindow: LiveWindow;
};

function initialValues(site: SiteRow | null): Values {
  return {
    code: site?.code ?? '',
    name: site?.name ?? '',
    country: site?.country ?? '',
    timezone: site?.timezone ?? '',
    languages: site?.languages.join(', ') ?? '',
    kind: site?.kind ?? 'offshore',
    seats: String(site?.seats ?? 0),
    slaSeconds: String(site?.slaSeconds ?? 20),
    reportDeadline: site?.reportDeadline ?? '21:00',
    liveWindow: site?.liveWindow === 'rolling24' ? 'rolling24' : 'day',
  };
}

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

export function SiteForm({ site, onDone }: { site: SiteRow | null; onDone: () => void }) {
  const t = useTranslations('sites');
  const tKind = useTranslations('siteKinds');
  const tCommon = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(() => initialValues(site));
  const zones = useMemo(timeZones, []);
  const countryName = useMemo(() => {
    const code = values.country.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(code)) return null;
    const name = new Intl.DisplayNames([locale], { type: 'region' }).of(code);
    return name && name !== code ? name : null;
  }, [values.country, locale]);

  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.sites.pathKey() });
    onDone();
  };
  const create = useMutation(trpc.sites.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.sites.update.mutationOptions({ onSuccess }));
  const mutation = site ? update : create;
  const refused = refusedFields(mutation.error);
  const code = errorCodeOf(mutation.error);

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((current) => ({ ...current, [key]: value }));
  }
  const fieldError = (field: keyof Values) => (refused.has(field) ? t(`fieldErrors.${field}`) : null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const common = {
      name: values.name,
      country: values.country,
      timezone: values.timezone,
      languages: values.languages,
      kind: values.kind,
      seats: values.seats,
      slaSeconds: values.slaSeconds,
      reportDeadline: values.reportDeadline,
      liveWindow: values.liveWindow,
    };
    if (site) update.mutate({ id: site.id, ...common });
    else create.mutate({ code: values.code, ...common });
  }

  const codeError = code === 'CONFLICT' ? t('fieldErrors.codeTaken') : fieldError('code');
  const formError =
    mutation.isError && refused.size === 0 && code !== 'CONFLICT'
      ? code === 'BAD_REQUEST'
        ? serverMessageOf(mutation.error)
        : tCommon('saveFailed')
      : null;

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <FormError>{formError}</FormError>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <TextField
          id="site-code"
          label={t('fields.code')}
          hint={site ? t('hints.codeFixed') : t('hints.code')}
          error={codeError}
          value={values.code}
          onChange={(e) => set('code', e.target.value.toUpperCase())}
          disabled={Boolean(site)}
          required
          maxLength={8}
          autoComplete="off"
          className="sm:col-span-1"
        />
        <TextField
          id="site-name"
          label={t('fields.name')}
          error={fieldError('name')}
          value={values.name}
          onChange={(e) => set('name', e.target.value)}
          required
          maxLength={100}
          className="sm:col-span-2"
        />
        <TextField
          id="site-country"
          label={t('fields.country')}
          hint={countryName ?? t('hints.country')}
          error={fieldError('country')}
          value={values.country}
          onChange={(e) => set('country', e.target.value.toUpperCase())}
          required
          maxLength={2}
          autoComplete="off"
        />
        <div className="sm:col-span-2">
          <TextField
            id="site-timezone"
            label={t('fields.timezone')}
            hint={t('hints.timezone')}
            error={fieldError('timezone')}
            value={values.timezone}
            onChange={(e) => set('timezone', e.target.value)}
            list="site-timezones"
            required
            autoComplete="off"
          />
          <datalist id="site-timezones">
            {zones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </div>
        <TextField
          id="site-languages"
          label={t('fields.languages')}
          hint={t('hints.languages')}
          error={fieldError('languages')}
          value={values.languages}
          onChange={(e) => set('languages', e.target.value)}
          autoComplete="off"
          className="sm:col-span-2"
        />
        <SelectField
          id="site-kind"
          label={t('fields.kind')}
          error={fieldError('kind')}
          value={values.kind}
          onChange={(e) => set('kind', e.target.value as Kind)}
          options={KINDS.map((kind) => ({ value: kind, label: tKind(kind) }))}
        />
        <TextField
          id="site-seats"
          label={t('fields.seats')}
          error={fieldError('seats')}
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          value={values.seats}
          onChange={(e) => set('seats', e.target.value)}
        />
        <TextField
          id="site-sla"
          label={t('fields.slaSeconds')}
          hint={t('hints.slaSeconds')}
          error={fieldError('slaSeconds')}
          type="number"
          min={1}
          max={3600}
          step={1}
          inputMode="numeric"
          value={values.slaSeconds}
          onChange={(e) => set('slaSeconds', e.target.value)}
        />
        <TextField
          id="site-deadline"
          label={t('fields.reportDeadline')}
          hint={t('hints.reportDeadline')}
          error={fieldError('reportDeadline')}
          type="time"
          step={60}
          value={values.reportDeadline}
          onChange={(e) => set('reportDeadline', e.target.value)}
          required
        />
        <div className="sm:col-span-3">
          <SelectField
            id="site-live-window"
            label={t('fields.liveWindow')}
            hint={t('hints.liveWindow')}
            error={fieldError('liveWindow')}
            value={values.liveWindow}
            onChange={(e) => set('liveWindow', e.target.value as LiveWindow)}
            options={LIVE_WINDOWS.map((window) => ({ value: window, label: t(`liveWindows.${window}`) }))}
          />
        </div>
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
        <Button variant="secondary" onClick={onDone}>
          {tCommon('cancel')}
        </Button>
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? tCommon('saving') : site ? tCommon('save') : t('create')}
        </Button>
      </div>
    </form>
  );
}
