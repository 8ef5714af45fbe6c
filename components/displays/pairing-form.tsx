'use client';
// The screen's side of pairing (/display): one field for the code. With script, the code is
// checked with the server's schema, posted as JSON, and the screen moves to its wallboard; without
// (a bare TV browser), the same form posts itself and the server answers with a redirect. Either
// way the credential comes back only as an http-only cookie, never in the page or its address.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { schemaResolver } from '@/components/forms/schema-resolver';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/input';
import { asPairingError, pairDisplayInput, type PairDisplayInput, type PairingErrorKey } from '@/lib/displays/display-input';

const resolver = schemaResolver<PairDisplayInput>(pairDisplayInput);

export function PairingForm({ initialError }: { initialError: PairingErrorKey | null }) {
  const t = useTranslations('displays.pairing');
  const [failure, setFailure] = useState<PairingErrorKey | null>(initialError);
  const [paired, setPaired] = useState(false);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<PairDisplayInput>({ resolver, defaultValues: { code: '' } });

  async function onSubmit(values: PairDisplayInput) {
    setFailure(null);
    try {
      const res = await fetch('/api/display/pair', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(values) });
      const body = (await res.json().catch(() => ({}))) as { location?: string; code?: string };
      if (res.ok && body.location?.startsWith('/')) {
        setPaired(true);
        // replace: the pairing page does not stay in the screen's history.
        window.location.replace(body.location);
        return;
      }
      setFailure(asPairingError(body.code) ?? 'failed');
    } catch {
      setFailure('failed');
    }
  }

  if (paired) {
    return (
      <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-lg text-green-900">
        {t('paired')}
      </p>
    );
  }

  return (
    <form method="post" action="/api/display/pair" onSubmit={handleSubmit(onSubmit)} className="space-y-5" noValidate>
      {failure ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-base text-red-800">
          {t(`errors.${failure}`)}
        </div>
      ) : null}
      <TextField
        id="display-code"
        label={t('code')}
        hint={t('codeHint')}
        error={errors.code ? t('errors.codeFormat') : null}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        autoFocus
        maxLength={20}
        className="[&_input]:h-16 [&_input]:text-center [&_input]:font-mono [&_input]:text-3xl [&_input]:tracking-[0.2em] [&_input]:uppercase"
        {...register('code')}
      />
      <Button type="submit" className="h-12 w-full text-base" disabled={isSubmitting}>
        {isSubmitting ? t('submitting') : t('submit')}
      </Button>
    </form>
  );
}
