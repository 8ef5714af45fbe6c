'use client';
// Creates or changes one of the user's digests: cadence, local send time, time zone, sites. A
// site lead's digest covers their own site; the choice of sites is for HQ.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { FormError } from '@/components/forms/form-error';
import type { RouterOutputs } from '@/components/forms/router-types';
import { errorCodeOf, refusedFields } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Field, TextField } from '@/components/ui/input';
import { SelectField } from '@/components/ui/select';

type Subscription = RouterOutputs['digests']['list'][number];
type Options = RouterOutputs['digests']['options'];
type Cadence = Subscription['cadence'];

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

export function DigestForm({ subscription, options, onDone }: { subscription: Subscription | null; options: Options; onDone: () => void }) {
  const t = useTranslations('digests');
  const tCommon = useTranslations('common');
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const zones = useMemo(timeZones, []);
  const [cadence, setCadence] = useState<Cadence>(subscription?.cadence ?? 'daily');
  const [sendTime, setSendTime] = useState(subscription?.sendTime ?? '07:00');
  const [timezone, setTimezone] = useState(subscription?.timezone ?? options.timezone);
  const [allSites, setAllSites] = useState(subscription ? subscription.sites === null : true);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(subscription?.sites?.map((s) => s.code) ?? []));

  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.digests.pathKey() });
    onDone();
  };
  const create = useMutation(trpc.digests.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.digests.update.mutationOptions({ onSuccess }));
  const mutation = subscription ? update : create;
  const refused = refusedFields(mutation.error);
  const code = errorCodeOf(mutation.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const sites = !options.canChooseSites || allSites ? null : [...chosen].sort();
    const values = { cadence, sendTime, timezone: timezone.trim(), sites };
    if (subscription) update.mutate({ id: subscription.id, ...values });
    else create.mutate(values);
  }

  function toggle(siteCode: string, on: boolean) {
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(siteCode);
      else next.delete(siteCode);
      return next;
    });
  }

  const sitesError = refused.has('sites') ? t('sitesInvalid') : null;
  const own = options.sites[0];

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          id={`${id}-cadence`}
          label={t('cadence')}
          hint={t(`cadenceHint.${cadence}`)}
          value={cadence}
          onChange={(e) => setCadence(e.target.value as Cadence)}
          options={(['daily', 'weekly'] as const).map((c) => ({ value: c, label: t(`cadences.${c}`) }))}
        />
        <TextField
          id={`${id}-time`}
          type="time"
          label={t('sendTime')}
          hint={t('sendTimeHint')}
          value={sendTime}
          onChange={(e) => setSendTime(e.target.value)}
          error={refused.has('sendTime') ? t('sendTimeInvalid') : null}
          required
        />
      </div>
      <TextField
        id={`${id}-zone`}
        label={t('timezone')}
        hint={t('timezoneHint')}
        value={timezone}
        onChange={(e) => setTimezone(e.target.value)}
        error={refused.has('timezone') ? t('timezoneInvalid') : null}
        list={`${id}-zones`}
        autoComplete="off"
        spellCheck={false}
        required
      />
      <datalist id={`${id}-zones`}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>

      {options.canChooseSites ? (
        <fieldset className="space-y-2">
          <legend className="text-xs font-medium text-slate-700">{t('sites')}</legend>
          <div className="flex flex-wrap gap-4 text-sm">
            <label className="inline-flex items-center gap-2">
              <input type="radio" name={`${id}-scope`} checked={allSites} onChange={() => setAllSites(true)} />
              {t('allSites')}
            </label>
            <label className="inline-flex items-center gap-2">
              <input type="radio" name={`${id}-scope`} checked={!allSites} onChange={() => setAllSites(false)} />
              {t('someSites')}
            </label>
          </div>
          {!allSites ? (
            <Field id={`${id}-sites`} label={<span className="sr-only">{t('chooseSites')}</span>} error={sitesError}>
              {(aria) => (
                <div id={aria.id} role="group" aria-label={t('chooseSites')} aria-describedby={aria['aria-describedby']} className="grid grid-cols-2 gap-x-4 gap-y-1.5 rounded-md border border-slate-200 p-3 sm:grid-cols-3">
                  {options.sites.map((site) => (
                    <label key={site.code} className="inline-flex items-center gap-2 text-sm">
                      <input type="checkbox" checked={chosen.has(site.code)} onChange={(e) => toggle(site.code, e.target.checked)} />
                      <span className="font-mono text-xs font-semibold">{site.code}</span>
                      <span className="truncate text-slate-600">{site.name}</span>
                    </label>
                  ))}
                </div>
              )}
            </Field>
          ) : null}
        </fieldset>
      ) : own ? (
        <p className="text-sm text-slate-700">{t('ownSite', { site: `${own.code} — ${own.name}` })}</p>
      ) : null}

      {mutation.isError && refused.size === 0 ? (
        <FormError>{code === 'CONFLICT' ? t('tooMany') : code === 'FORBIDDEN' ? t('forbiddenSites') : tCommon('saveFailed')}</FormError>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          {tCommon('cancel')}
        </Button>
        <Button type="submit" disabled={mutation.isPending || (!allSites && options.canChooseSites && chosen.size === 0)}>
          {subscription ? (mutation.isPending ? t('saving') : t('save')) : mutation.isPending ? t('creating') : t('create')}
        </Button>
      </div>
    </form>
  );
}
