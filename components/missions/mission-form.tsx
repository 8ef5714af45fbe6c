'use client';
// Define or change a mission: its window in site-local dates, the outcomes that count, and a
// target per taking-part site (a site left empty does not take part). The code never changes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { FormError } from '@/components/forms/form-error';
import { errorCodeOf, refusedFields, serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { controlClasses, Field, TextField } from '@/components/ui/input';
import { cn } from '@/components/ui/cn';

export type EditableMission = {
  code: string;
  name: string;
  description: string | null;
  startsOn: string;
  endsOn: string;
  successOutcomes: string[];
  sites: { code: string; target: number }[];
};

type Values = {
  code: string;
  name: string;
  description: string;
  startsOn: string;
  endsOn: string;
  outcomes: string;
  targets: Record<string, string>;
};

function initialValues(mission: EditableMission | null): Values {
  return {
    code: mission?.code ?? '',
    name: mission?.name ?? '',
    description: mission?.description ?? '',
    startsOn: mission?.startsOn ?? '',
    endsOn: mission?.endsOn ?? '',
    outcomes: mission?.successOutcomes.join(', ') ?? '',
    targets: Object.fromEntries((mission?.sites ?? []).map((s) => [s.code, String(s.target)])),
  };
}

export function MissionForm({ mission, onDone }: { mission: EditableMission | null; onDone: () => void }) {
  const t = useTranslations('missions.form');
  const tCommon = useTranslations('common');
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const sites = useQuery(trpc.sites.list.queryOptions());
  const [values, setValues] = useState<Values>(() => initialValues(mission));

  const onSuccess = async (saved: { code: string }) => {
    await queryClient.invalidateQueries({ queryKey: trpc.missions.pathKey() });
    onDone();
    // A new mission opens on its own page; an edited one refreshes the server-rendered title.
    if (!mission) router.push(`/missions/${encodeURIComponent(saved.code)}`);
    else router.refresh();
  };
  const create = useMutation(trpc.missions.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.missions.update.mutationOptions({ onSuccess }));
  const mutation = mission ? update : create;
  const refused = refusedFields(mutation.error);
  const code = errorCodeOf(mutation.error);

  function set<K extends keyof Omit<Values, 'targets'>>(key: K, value: Values[K]) {
    setValues((current) => ({ ...current, [key]: value }));
  }
  type CheckedField = 'code' | 'name' | 'description' | 'startsOn' | 'endsOn' | 'successOutcomes';
  const fieldError = (field: CheckedField) => (refused.has(field) ? t(`errors.${field}`) : null);

  // Active sites, plus any inactive one that still holds a target of this mission.
  const siteRows = (sites.data ?? []).filter((s) => s.active || values.targets[s.code] !== undefined);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const targets = Object.entries(values.targets)
      .filter(([, v]) => v.trim() !== '')
      .map(([site, v]) => ({ site, target: Number(v) }));
    const common = {
      name: values.name,
      description: values.description,
      startsOn: values.startsOn,
      endsOn: values.endsOn,
      successOutcomes: values.outcomes
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      targets,
    };
    if (mission) update.mutate({ code: mission.code, ...common });
    else create.mutate({ code: values.code, ...common });
  }

  const codeError = code === 'CONFLICT' ? t('errors.codeTaken') : fieldError('code');
  const formError =
    mutation.isError && refused.size === 0 && code !== 'CONFLICT' ? (code === 'BAD_REQUEST' ? serverMessageOf(mutation.error) : tCommon('saveFailed')) : null;

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError>{formError}</FormError>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <TextField
          id="mission-code"
          label={t('code')}
          hint={mission ? t('hints.codeFixed') : t('hints.code')}
          error={codeError}
          value={values.code}
          onChange={(e) => set('code', e.target.value)}
          disabled={Boolean(mission)}
          required
          maxLength={32}
          autoComplete="off"
        />
        <TextField
          id="mission-name"
          label={t('name')}
          error={fieldError('name')}
          value={values.name}
          onChange={(e) => set('name', e.target.value)}
          required
          maxLength={120}
          className="sm:col-span-2"
        />
        <Field id="mission-description" label={t('description')} error={fieldError('description')} className="sm:col-span-3">
          {(aria) => (
            <textarea
              {...aria}
              rows={2}
              maxLength={2000}
              value={values.description}
              onChange={(e) => set('description', e.target.value)}
              className={cn(controlClasses, 'py-1.5')}
            />
          )}
        </Field>
        <TextField
          id="mission-starts"
          type="date"
          label={t('startsOn')}
          hint={t('hints.window')}
          error={fieldError('startsOn')}
          value={values.startsOn}
          onChange={(e) => set('startsOn', e.target.value)}
          required
        />
        <TextField
          id="mission-ends"
          type="date"
          label={t('endsOn')}
          error={fieldError('endsOn')}
          value={values.endsOn}
          min={values.startsOn || undefined}
          onChange={(e) => set('endsOn', e.target.value)}
          required
        />
        <TextField
          id="mission-outcomes"
          label={t('outcomes')}
          hint={t('hints.outcomes')}
          error={fieldError('successOutcomes')}
          value={values.outcomes}
          onChange={(e) => set('outcomes', e.target.value)}
          required
          autoComplete="off"
        />
      </div>

      <fieldset className="rounded-md border border-slate-200">
        <legend className="ml-3 px-1 text-xs font-medium text-slate-700">{t('targets')}</legend>
        <p id="mission-targets-hint" className={cn('px-3 pb-2 text-xs', refused.has('targets') ? 'text-red-700' : 'text-slate-500')}>
          {refused.has('targets') ? t('errors.targets') : t('hints.targets')}
        </p>
        {sites.isPending ? (
          <p className="px-3 pb-3 text-sm text-slate-500">{tCommon('loading')}</p>
        ) : (
          <div className="grid grid-cols-2 gap-x-4 gap-y-2 px-3 pb-3 sm:grid-cols-3">
            {siteRows.map((site) => (
              <label key={site.code} className="flex items-center gap-2 text-sm">
                <span className="w-10 shrink-0 font-mono text-xs font-semibold text-slate-700">{site.code}</span>
                <span className="sr-only">{t('targetFor', { name: site.name })}</span>
                <input
                  type="number"
                  min={1}
                  step={1}
                  inputMode="numeric"
                  aria-describedby="mission-targets-hint"
                  placeholder={t('notTakingPart')}
                  value={values.targets[site.code] ?? ''}
                  onChange={(e) => setValues((current) => ({ ...current, targets: { ...current.targets, [site.code]: e.target.value } }))}
                  className={cn(controlClasses, 'h-8 text-right tabular-nums')}
                />
              </label>
            ))}
          </div>
        )}
      </fieldset>

      <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
        <Button variant="secondary" onClick={onDone}>
          {tCommon('cancel')}
        </Button>
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? tCommon('saving') : mission ? tCommon('save') : t('submitCreate')}
        </Button>
      </div>
    </form>
  );
}
