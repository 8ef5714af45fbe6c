'use client';
// The users settings page: the list, and dialogs to add, edit, reset a password, deactivate
// and reactivate.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useClockNow } from '@/components/ui/use-now';
import { useState } from 'react';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import { FormError } from '@/components/forms/form-error';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { ResetPasswordForm } from './reset-password-form';
import { UserForm, type UserRow } from './user-form';

type Dialogs =
  | { kind: 'create' }
  | { kind: 'edit'; user: UserRow }
  | { kind: 'password'; user: UserRow }
  | { kind: 'deactivate'; user: UserRow }
  | null;

export function UsersAdmin({ currentUserId }: { currentUserId: number }) {
  const t = useTranslations('users');
  const tRole = useTranslations('roles');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const now = useClockNow(60_000);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions());
  const [dialog, setDialog] = useState<Dialogs>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const setActive = useMutation(
    trpc.users.setActive.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
        setDialog(null);
      },
    }),
  );

  const close = () => {
    setDialog(null);
    setActive.reset();
  };

  return (
    <>
      <Card labelledBy="users-title">
        <CardHeader
          id="users-title"
          title={t('listTitle')}
          description={users.data ? t('count', { count: users.data.filter((u) => u.active).length }) : undefined}
          actions={
            <Button
              size="sm"
              onClick={() => {
                setNotice(null);
                setDialog({ kind: 'create' });
              }}
            >
              {t('add')}
            </Button>
          }
        />
        <div role="status" className={notice ? 'border-b border-emerald-100 bg-emerald-50 px-4 py-2 text-sm text-emerald-800' : 'sr-only'}>
          {notice}
        </div>
        {setActive.isError && dialog?.kind !== 'deactivate' ? (
          <div className="px-4 pt-3">
            <FormError>{serverMessageOf(setActive.error) ?? tCommon('saveFailed')}</FormError>
          </div>
        ) : null}
        {users.isPending ? (
          <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
            {tCommon('loading')}
          </p>
        ) : users.isError ? (
          <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void users.refetch()} />
        ) : users.data.length === 0 ? (
          <EmptyState title={t('empty.title')} description={t('empty.description')} />
        ) : (
          <Table caption={t('listTitle')}>
            <THead>
              <tr>
                <TH>{t('fields.name')}</TH>
                <TH>{t('fields.role')}</TH>
                <TH>{t('fields.site')}</TH>
                <TH>{t('fields.locale')}</TH>
                <TH>{t('columns.lastLogin')}</TH>
                <TH>{t('columns.status')}</TH>
                <TH>
                  <span className="sr-only">{tCommon('actions')}</span>
                </TH>
              </tr>
            </THead>
            <TBody>
              {users.data.map((user) => {
                const locked = user.lockedUntil !== null && user.lockedUntil.getTime() > now.getTime();
                const isSelf = user.id === currentUserId;
                return (
                  <TR key={user.id} className={user.active ? undefined : 'text-slate-500'}>
                    <TD>
                      <span className="block font-medium text-slate-900">
                        {user.name}
                        {isSelf ? <span className="ml-1.5 text-xs font-normal text-slate-500">({t('you')})</span> : null}
                      </span>
                      <span className="block text-xs text-slate-500">{user.email}</span>
                    </TD>
                    <TD>
                      <Badge tone={user.role === 'admin' ? 'blue' : 'neutral'}>{tRole(user.role)}</Badge>
                    </TD>
                    <TD className="whitespace-nowrap">{user.siteCode ? `${user.siteCode} · ${user.siteName}` : t('allSites')}</TD>
                    <TD className="uppercase">{user.locale}</TD>
                    <TD className="whitespace-nowrap">
                      {user.lastLoginAt ? (
                        <time dateTime={user.lastLoginAt.toISOString()} title={format.dateTime(user.lastLoginAt, { dateStyle: 'medium', timeStyle: 'short' })}>
                          {format.relativeTime(user.lastLoginAt, now)}
                        </time>
                      ) : (
                        t('neverSignedIn')
                      )}
                    </TD>
                    <TD className="whitespace-nowrap">
                      {!user.active ? (
                        <Badge>{tCommon('inactive')}</Badge>
                      ) : locked ? (
                        <Badge tone="amber">{t('locked')}</Badge>
                      ) : (
                        <Badge tone="green">{tCommon('active')}</Badge>
                      )}
                    </TD>
                    <TD className="text-right whitespace-nowrap">
                      <Button size="sm" variant="ghost" onClick={() => setDialog({ kind: 'edit', user })} aria-label={t('editNamed', { name: user.name })}>
                        {tCommon('edit')}
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => {
                          setNotice(null);
                          setDialog({ kind: 'password', user });
                        }}
                        aria-label={t('resetNamed', { name: user.name })}
                      >
                        {t('resetPassword')}
                      </Button>
                      {user.active ? (
                        isSelf ? null : (
                          <Button size="sm" variant="ghost" onClick={() => setDialog({ kind: 'deactivate', user })} aria-label={t('deactivateNamed', { name: user.name })}>
                            {tCommon('deactivate')}
                          </Button>
                        )
                      ) : (
                        <Button
                          size="sm"
                          variant="ghost"
                          disabled={setActive.isPending}
                          onClick={() => setActive.mutate({ id: user.id, active: true })}
                          aria-label={t('reactivateNamed', { name: user.name })}
                        >
                          {tCommon('reactivate')}
                        </Button>
                      )}
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        )}
      </Card>

      <Dialog
        open={dialog?.kind === 'create' || dialog?.kind === 'edit'}
        onClose={close}
        title={dialog?.kind === 'edit' ? t('editTitle', { name: dialog.user.name }) : t('createTitle')}
        closeLabel={tCommon('close')}
        className="max-w-2xl"
      >
        {dialog?.kind === 'create' || dialog?.kind === 'edit' ? (
          <UserForm key={dialog.kind === 'edit' ? dialog.user.id : 'new'} user={dialog.kind === 'edit' ? dialog.user : null} onDone={close} />
        ) : null}
      </Dialog>

      <Dialog
        open={dialog?.kind === 'password'}
        onClose={close}
        title={dialog?.kind === 'password' ? t('resetTitle', { name: dialog.user.name }) : ''}
        closeLabel={tCommon('close')}
      >
        {dialog?.kind === 'password' ? (
          <ResetPasswordForm
            userId={dialog.user.id}
            onDone={() => {
              setNotice(t('passwordChanged', { name: dialog.user.name }));
              close();
            }}
            onCancel={close}
          />
        ) : null}
      </Dialog>

      <ConfirmDialog
        open={dialog?.kind === 'deactivate'}
        onClose={close}
        title={dialog?.kind === 'deactivate' ? t('deactivateTitle', { name: dialog.user.name }) : ''}
        onConfirm={() => dialog?.kind === 'deactivate' && setActive.mutate({ id: dialog.user.id, active: false })}
        confirmLabel={tCommon('deactivate')}
        pending={setActive.isPending}
        error={setActive.isError ? (serverMessageOf(setActive.error) ?? tCommon('saveFailed')) : null}
      >
        <p className="text-sm text-slate-700">{t('deactivateExplanation')}</p>
      </ConfirmDialog>
    </>
  );
}
