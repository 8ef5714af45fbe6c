'use client';
// A user's own new password: the current one, the new one twice. The server then ends every
// session of the user, this one included, and revokes their personal tokens: onDone signs out.
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { errorCodeOf, refusedFields, serverMessageOf } from '@/components/forms/trpc-errors';
import { FormError } from '@/components/forms/form-error';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/input';

const MIN_LENGTH = 8;

export function ChangeMyPasswordForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const t = useTranslations('userMenu');
  const tUsers = useTranslations('users');
  const tCommon = useTranslations('common');
  const trpc = useTRPC();
  const change = useMutation(trpc.users.changeMyPassword.mutationOptions({ onSuccess: onDone }));
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [localError, setLocalError] = useState<'tooShort' | 'mismatch' | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (newPassword.length < MIN_LENGTH) return setLocalError('tooShort');
    if (newPassword !== confirmation) return setLocalError('mismatch');
    setLocalError(null);
    change.mutate({ currentPassword, newPassword });
  }

  const newPasswordError = localError === 'tooShort' || refusedFields(change.error).has('newPassword') ? tUsers('fieldErrors.password') : null;
  // A wrong current password or the same one again: the server says which (400).
  const refusal = change.isError && !newPasswordError ? (errorCodeOf(change.error) === 'BAD_REQUEST' ? serverMessageOf(change.error) : tCommon('saveFailed')) : null;

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <p className="text-sm text-slate-600">{t('changePasswordExplanation')}</p>
      {refusal ? <FormError>{refusal}</FormError> : null}
      <TextField
        id="my-current-password"
        label={t('currentPassword')}
        type="password"
        value={currentPassword}
        onChange={(e) => setCurrentPassword(e.target.value)}
        required
        autoComplete="current-password"
      />
      <TextField
        id="my-new-password"
        label={tUsers('fields.newPassword')}
        hint={tUsers('hints.password')}
        error={newPasswordError}
        type="password"
        value={newPassword}
        onChange={(e) => setNewPassword(e.target.value)}
        required
        minLength={MIN_LENGTH}
        autoComplete="new-password"
      />
      <TextField
        id="my-new-password-confirmation"
        label={tUsers('fields.confirmPassword')}
        error={localError === 'mismatch' ? tUsers('fieldErrors.mismatch') : null}
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
        <Button type="submit" disabled={change.isPending || change.isSuccess}>
          {change.isPending || change.isSuccess ? tCommon('saving') : t('changePassword')}
        </Button>
      </div>
    </form>
  );
}
