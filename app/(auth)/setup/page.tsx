// The one-time setup link `npm start` prints while no administrator exists (server/setup/first-admin.ts).
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { LocaleSwitch } from '@/components/layout/locale-switch';
import { FirstAdminForm } from '@/components/setup/first-admin-form';
import { getDatabase } from '@/server/db';
import { setupTokenState } from '@/server/setup/first-admin';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('setup');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SetupPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const token = typeof params.token === 'string' ? params.token : '';
  const state = await setupTokenState((await getDatabase()).db, token);
  const t = await getTranslations('setup');
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-slate-100 px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between">
          <span className="text-lg font-semibold tracking-tight text-brand-900">Vigie</span>
          <LocaleSwitch />
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-lg font-semibold">{t('title')}</h1>
          {state === 'valid' ? (
            <>
              <p className="mt-1 mb-5 text-sm text-slate-500">{t('subtitle')}</p>
              <FirstAdminForm token={token} />
            </>
          ) : (
            <p role="alert" className="mt-3 text-sm text-slate-700">
              {state === 'admin_exists' ? t('adminExists') : t('invalid')}
            </p>
          )}
        </div>
      </div>
    </main>
  );
}
