import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { LoginForm } from '@/components/auth/login-form';
import { safeCallbackUrl } from '@/components/auth/safe-callback';
import { LocaleSwitch } from '@/components/layout/locale-switch';
import { getSessionPrincipal } from '@/server/auth/current-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('login');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if ((await getSessionPrincipal()).kind === 'user') redirect(callbackUrl);
  const t = await getTranslations('login');
  const error = typeof params.error === 'string' ? params.error : null;
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-slate-100 px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between">
          <div className="flex items-center gap-2 text-brand-900">
            <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8">
              <path d="M12 3v4m0 0 7 13H5l7-13Zm-4 9h8" />
            </svg>
            <span className="text-lg font-semibold tracking-tight">Vigie</span>
          </div>
          <LocaleSwitch />
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-lg font-semibold">{t('title')}</h1>
          <p className="mt-1 mb-5 text-sm text-slate-500">{t('subtitle')}</p>
          <LoginForm callbackUrl={callbackUrl} initialError={error} />
        </div>
      </div>
    </main>
  );
}
