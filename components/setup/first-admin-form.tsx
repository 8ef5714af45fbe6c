'use client';
// The one-time setup page's form: the first administrator, checked in the browser with the schema
// the server checks with (lib/first-admin-input.ts), then posted to /api/setup.
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { schemaResolver } from '@/components/forms/schema-resolver';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/input';
import { SelectField } from '@/components/ui/select';
import { firstAdminInput, type FirstAdminInput } from '@/lib/first-admin-input';

type ErrorKey = 'token' | 'email' | 'name' | 'passwordLength' | 'confirm' | 'locale' | 'failed' | 'conflict';
const ERROR_KEYS: readonly string[] = ['token', 'email', 'name', 'passwordLength', 'confirm', 'locale', 'failed', 'conflict'];

const resolver = schemaResolver<FirstAdminInput>(firstAdminInput);

export function FirstAdminForm({ token }: { token: string }) {
  const t = useTranslations('setup');
  const locale = useLocale();
  const [created, setCreated] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorKey | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<FirstAdminInput>({
    resolver,
    defaultValues: { token, email: '', name: '', password: '', confirm: '', locale: locale === 'fr' ? 'fr' : 'en' },
  });
  const message = (key: string | undefined) => (key ? t(`errors.${(ERROR_KEYS.includes(key) ? key : 'failed') as ErrorKey}`) : null);

  async function onSubmit(values: FirstAdminInput) {
    setFailure(null);
    try {
      const res = await fetch('/api/setup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(values) });
      const body = (await res.json().catch(() => ({}))) as { email?: string };
      if (res.status === 201 && body.email) setCreated(body.email);
      else setFailure(res.status === 403 ? 'token' : res.status === 409 ? 'conflict' : 'failed');
    } catch {
      setFailure('failed');
    }
  }

  if (created) {
    return (
      <div className="space-y-4">
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
          {t('created', { email: created })}
        </p>
        <Link href="/login" className="text-sm font-medium text-brand-700 underline">
          {t('signIn')}
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} className="space-y-4" noValidate>
      {failure ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {message(failure)}
        </div>
      ) : null}
      <input type="hidden" {...register('token')} />
      <TextField id="setup-email" type="email" label={t('email')} autoComplete="username" error={message(errors.email?.message)} {...register('email')} />
      <TextField id="setup-name" label={t('name')} autoComplete="name" error={message(errors.name?.message)} {...register('name')} />
      <TextField
        id="setup-password"
        type="password"
        label={t('password')}
        autoComplete="new-password"
        error={message(errors.password?.message)}
        {...register('password')}
      />
      <TextField
        id="setup-confirm"
        type="password"
        label={t('confirm')}
        autoComplete="new-password"
        error={message(errors.confirm?.message)}
        {...register('confirm')}
      />
      <SelectField
        id="setup-locale"
        label={t('language')}
        options={[
          { value: 'en', label: 'English' },
          { value: 'fr', label: 'Français' },
        ]}
        error={message(errors.locale?.message)}
        {...register('locale')}
      />
      {errors.token ? (
        <p role="alert" className="text-sm text-red-700">
          {message(errors.token.message)}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? t('creating') : t('create')}
      </Button>
    </form>
  );
}
