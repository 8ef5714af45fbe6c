'use client';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { refusedFields } from '@/components/forms/trpc-errors';
import { FormError } from '@/components/forms/form-error';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/input';

const MIN_LENGTH = 8;

export function ResetPasswordForm({ userId, onDone, onCancel }: { userId: number; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations('users');
  const tCommon = useTranslations('common');
  const trpc = useTRPC();
  const reset = useMutation(trpc.users.resetPassword.mutationOptions({ onSuccess: onDone }));
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [localError, setLocalError] = useState<'tooShort' | 'mismatch' | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (password.length < MIN_LENGTH) return setLocalError('tooShort');
    if (password !== confirmation) return setLocalError('mismatch');
    setLocalError(null);
    reset.mutate({ id: userId, password });
  }

  const passwordError =
    localError === 'tooShort' || refusedFields(reset.error).has('password') ? t('fieldErrors.password') : null;

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <p className="text-sm text-slate-600">{t('resetExplanation')}</p>
      {reset.isError && !passwordError ? <FormError>{tCommon('saveFailed')}</FormError> : null}
      <TextField
        id="reset-password"
        label={t('fields.newPassword')}
        hint={t('hints.password')}
        error={passwordError}
        type="password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
        minLength={MIN_LENGTH}
        autoComplete="new-password"
      />
      <TextField
        id="reset-password-confirmation"
        label={t('fields.confirmPassword')}
        error={localError === 'mismatch' ? t('fieldErrors.mismatch') : null}
        type="password"
        value={confirmation}
        onChange={(e) => setConfirmation(e.target.value)}
        required
        autoComplete="new-password"
      />
      <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
        <Button variant="secondary" onClick={onCancel}>
          {tCommon('cancel')}
        </Button>
        <Button type="submit" disabled={reset.isPending}>
          {reset.isPending ? tCommon('saving') : t('resetPassword')}
        </Button>
      </div>
    </form>
  );
}
