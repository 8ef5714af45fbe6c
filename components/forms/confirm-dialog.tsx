'use client';
// The confirmation before an irreversible action (revoke, delete, deactivate, clear): what will
// happen, the server's refusal if there was one, Cancel, and the action in red.
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FormError } from './form-error';

type ConfirmDialogProps = {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  onConfirm: () => void;
  confirmLabel: string;
  /** Shown on the button while the action runs (the button is disabled then). */
  pendingLabel?: string;
  pending: boolean;
  /** The refusal to show, or null. */
  error: ReactNode;
  /** What the action does. */
  children: ReactNode;
};

export function ConfirmDialog({ open, title, onClose, onConfirm, confirmLabel, pendingLabel, pending, error, children }: ConfirmDialogProps) {
  const tCommon = useTranslations('common');
  return (
    <Dialog open={open} onClose={onClose} title={title} closeLabel={tCommon('close')}>
      {open ? (
        <div className="space-y-4">
          {children}
          {error ? <FormError>{error}</FormError> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              {tCommon('cancel')}
            </Button>
            <Button variant="danger" disabled={pending} onClick={onConfirm}>
              {pending && pendingLabel ? pendingLabel : confirmLabel}
            </Button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
