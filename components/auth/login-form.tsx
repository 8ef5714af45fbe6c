'use client';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/input';

type LoginError = 'invalid' | 'locked' | 'inactive' | 'rateLimited' | 'failed';

/** next-auth's error codes (see server/auth/credentials-login.ts) as the form explains them. */
function loginErrorOf(code: string | null | undefined): LoginError | null {
  switch (code) {
    case undefined:
    case null:
    case '':
      return null;
    case 'CredentialsSignin':
      return 'invalid';
    case 'AccountLocked':
      return 'locked';
    case 'AccountInactive':
      return 'inactive';
    // Too many failed sign-ins from this address (server/auth/login-rate-limit.ts).
    case 'TooManyAttempts':
      return 'rateLimited';
    default:
      return 'failed';
  }
}

export function LoginForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string | null }) {
  const t = useTranslations('login');
  const router = useRouter();
  const [error, setError] = useState<LoginError | null>(loginErrorOf(initialError));
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        redirect: false,
      });
      if (!result || result.error || !result.ok) {
        setError(loginErrorOf(result?.error ?? 'failed') ?? 'failed');
        setPending(false);
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError('failed');
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-describedby={error ? 'login-error' : undefined}>
      {error ? (
        <div id="login-error" role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t(`errors.${error}`)}
        </div>
      ) : null}
      <TextField id="email" name="email" type="email" label={t('email')} autoComplete="username" required autoFocus />
      <TextField id="password" name="password" type="password" label={t('password')} autoComplete="current-password" required />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t('signingIn') : t('signIn')}
      </Button>
    </form>
  );
}
