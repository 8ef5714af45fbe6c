'use client';
// The signed-in user's menu: who they are, their role and site, the language, a new password,
// sign-out, and sign-out everywhere (every browser and every personal token, after a confirmation).
// A disclosure (button + panel): Escape or a click elsewhere closes it and focus returns.
import { useMutation } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { ChangeMyPasswordForm } from '@/components/users/change-my-password-form';
import { usePopover } from '@/components/ui/use-popover';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { LocaleSwitch } from './locale-switch';

export type ShellUser = {
  name: string;
  email: string;
  role: 'admin' | 'hq_manager' | 'site_lead';
  site: { code: string; name: string } | null;
};

function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}

export function UserMenu({ user }: { user: ShellUser }) {
  const t = useTranslations('userMenu');
  const tRole = useTranslations('roles');
  const trpc = useTRPC();
  const tCommon = useTranslations('common');
  const setMyLocale = useMutation(trpc.users.setMyLocale.mutationOptions());
  const [confirmingEverywhere, setConfirmingEverywhere] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  // This session has ended on the server too: signOut() clears its cookie and goes to the login page.
  const signOutEverywhere = useMutation(trpc.users.signOutEverywhere.mutationOptions({ onSuccess: () => void signOut({ callbackUrl: '/login' }) }));
  const { open, setOpen, panelId, containerRef, buttonRef } = usePopover();

  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-2 rounded-md px-2 py-1 text-left text-sm text-slate-100 hover:bg-white/10"
      >
        <span aria-hidden="true" className="grid size-7 place-items-center rounded-full bg-brand-500 text-xs font-semibold text-white">
          {initialsOf(user.name)}
        </span>
        <span className="hidden leading-tight sm:block">
          <span className="block font-medium">{user.name}</span>
          <span className="block text-xs text-slate-300">
            {tRole(user.role)}
            {user.site ? ` · ${user.site.code}` : ''}
          </span>
        </span>
        <span className="sr-only">{t('open')}</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 text-slate-300" fill="currentColor">
          <path d="M5.2 7.2a1 1 0 0 1 1.4 0L10 10.6l3.4-3.4a1 1 0 1 1 1.4 1.4l-4.1 4.1a1 1 0 0 1-1.4 0L5.2 8.6a1 1 0 0 1 0-1.4Z" />
        </svg>
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute right-0 z-20 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-4 text-slate-900 shadow-lg"
      >
        <p className="text-sm font-semibold">{user.name}</p>
        <p className="truncate text-xs text-slate-500">{user.email}</p>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-xs">
          <dt className="text-slate-500">{t('role')}</dt>
          <dd>
            <Badge tone="blue">{tRole(user.role)}</Badge>
          </dd>
          <dt className="text-slate-500">{t('site')}</dt>
          <dd>{user.site ? `${user.site.code} · ${user.site.name}` : t('allSites')}</dd>
        </dl>
        <div className="mt-4 flex items-center justify-between gap-3 border-t border-slate-100 pt-3">
          <span className="text-xs text-slate-500">{t('language')}</span>
          <LocaleSwitch save={(locale) => setMyLocale.mutateAsync({ locale })} />
        </div>
        <Button variant="secondary" className="mt-4 w-full" onClick={() => setChangingPassword(true)}>
          {t('changePassword')}
        </Button>
        <Button variant="secondary" className="mt-2 w-full" onClick={() => void signOut({ callbackUrl: '/login' })}>
          {t('signOut')}
        </Button>
        <Button variant="secondary" className="mt-2 w-full" onClick={() => setConfirmingEverywhere(true)}>
          {t('signOutEverywhere')}
        </Button>
      </div>
      <Dialog open={changingPassword} onClose={() => setChangingPassword(false)} title={t('changePasswordTitle')} closeLabel={tCommon('close')}>
        {changingPassword ? (
          <ChangeMyPasswordForm onDone={() => void signOut({ callbackUrl: '/login' })} onCancel={() => setChangingPassword(false)} />
        ) : null}
      </Dialog>
      <ConfirmDialog
        open={confirmingEverywhere}
        onClose={() => setConfirmingEverywhere(false)}
        title={t('signOutEverywhereTitle')}
        onConfirm={() => signOutEverywhere.mutate()}
        confirmLabel={t('signOutEverywhere')}
        pendingLabel={t('signingOutEverywhere')}
        pending={signOutEverywhere.isPending || signOutEverywhere.isSuccess}
        error={signOutEverywhere.isError ? tCommon('saveFailed') : null}
      >
        <p className="text-sm text-slate-700">{t('signOutEverywhereExplanation')}</p>
      </ConfirmDialog>
    </div>
  );
}
