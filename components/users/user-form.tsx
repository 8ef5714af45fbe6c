'use client';
// Create or edit a user. A site lead is tied to one site; HQ roles to none: the site field is
// offered only for the site-lead role.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { errorCodeOf, refusedFields, serverMessageOf } from '@/components/forms/trpc-errors';
import { FormError } from '@/components/forms/form-error';
import type { RouterOutputs } from '@/components/forms/router-types';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/input';
import { SelectField } from '@/components/ui/select';

export type UserRow = RouterOutputs['users']['list'][number];

const ROLES = ['admin', 'hq_manager', 'site_lead'] as const;
type Role = (typeof ROLES)[number];
const LOCALES = ['en', 'fr'] as const;
type Locale = (typeof LOCALES)[number];

type Values = { email: string; name: string; role: Role; siteId: string; locale: Locale; timezone: string; password: string };

export function UserForm({ user, onDone }: { user: UserRow | null; onDone: () => void }) {
  const t = useTranslations('users');
  const tRole = useTranslations('roles');
  const tLocale = useTranslations('locale');
  const tCommon = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sites = useQuery(trpc.sites.list.queryOptions());
  const [values, setValues] = useState<Values>({
    email: user?.email ?? '',
    name: user?.name ?? '',
    role: user?.role ?? 'hq_manager',
    siteId: user?.siteId ? String(user.siteId) : '',
    locale: user?.locale ?? 'en',
    timezone: user?.timezone ?? 'Europe/Paris',
    password: '',
  });

  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
    onDone();
  };
  const create = useMutation(trpc.users.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.users.update.mutationOptions({ onSuccess }));
  const mutation = user ? update : create;
  const refused = refusedFields(mutation.error);
  const code = errorCodeOf(mutation.error);

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((current) => ({ ...current, [key]: value }));
  }
  const fieldError = (field: keyof Values) => (refused.has(field) ? t(`fieldErrors.${field}`) : null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const siteId = values.role === 'site_lead' && values.siteId ? Number(values.siteId) : null;
    const common = { name: values.name, role: values.role, siteId, locale: values.locale, timezone: values.timezone };
    if (user) update.mutate({ id: user.id, ...common });
    else create.mutate({ ...common, email: values.email, password: values.password });
  }

  const siteOptions = (sites.data ?? [])
    .filter((site) => site.active || String(site.id) === values.siteId)
    .map((site) => ({ value: String(site.id), label: `${site.code} · ${site.name}` }));
  const emailError = code === 'CONFLICT' ? t('fieldErrors.emailTaken') : fieldError('email');
  const formError =
    mutation.isError && refused.size === 0 && code !== 'CONFLICT'
      ? code === 'BAD_REQUEST' || code === 'FORBIDDEN' || code === 'NOT_FOUND'
        ? serverMessageOf(mutation.error)
        : tCommon('saveFailed')
      : null;

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <FormError>{formError}</FormError>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <TextField
          id="user-email"
          label={t('fields.email')}
          hint={user ? t('hints.emailFixed') : undefined}
          error={emailError}
          type="email"
          value={values.email}
          onChange={(e) => set('email', e.target.value)}
          disabled={Boolean(user)}
          required
          autoComplete="off"
        />
        <TextField
          id="user-name"
          label={t('fields.name')}
          error={fieldError('name')}
          value={values.name}
          onChange={(e) => set('name', e.target.value)}
          required
          maxLength={100}
          autoComplete="off"
        />
        <SelectField
          id="user-role"
          label={t('fields.role')}
          error={fieldError('role')}
          value={values.role}
          onChange={(e) => set('role', e.target.value as Role)}
          options={ROLES.map((role) => ({ value: role, label: tRole(role) }))}
        />
        <SelectField
          id="user-site"
          label={t('fields.site')}
          hint={values.role === 'site_lead' ? t('hints.siteLead') : t('hints.siteHq')}
          error={fieldError('siteId')}
          value={values.role === 'site_lead' ? values.siteId : ''}
          onChange={(e) => set('siteId', e.target.value)}
          disabled={values.role !== 'site_lead'}
          required={values.role === 'site_lead'}
          options={[{ value: '', label: values.role === 'site_lead' ? t('chooseSite') : t('noSite') }, ...siteOptions]}
        />
        <SelectField
          id="user-locale"
          label={t('fields.locale')}
          error={fieldError('locale')}
          value={values.locale}
          onChange={(e) => set('locale', e.target.value as Locale)}
          options={LOCALES.map((locale) => ({ value: locale, label: tLocale(locale) }))}
        />
        <TextField
          id="user-timezone"
          label={t('fields.timezone')}
          hint={t('hints.timezone')}
          error={fieldError('timezone')}
          value={values.timezone}
          onChange={(e) => set('timezone', e.target.value)}
          required
          autoComplete="off"
        />
        {user ? null : (
          <TextField
            id="user-password"
            label={t('fields.password')}
            hint={t('hints.password')}
            error={fieldError('password')}
            type="password"
            value={values.password}
            onChange={(e) => set('password', e.target.value)}
            required
            minLength={8}
            autoComplete="new-password"
            className="sm:col-span-2"
          />
        )}
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
        <Button variant="secondary" onClick={onDone}>
          {tCommon('cancel')}
        </Button>
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? tCommon('saving') : user ? tCommon('save') : t('create')}
        </Button>
      </div>
    </form>
  );
}
