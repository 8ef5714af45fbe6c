// Where a wall screen is paired: it types the code an admin created under Settings → Displays. A
// screen already paired goes straight to its wallboard, so this address can be the TV's home page.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { LocaleSwitch } from '@/components/layout/locale-switch';
import { PairingForm } from '@/components/displays/pairing-form';
import { getDisplayPrincipal } from '@/server/auth/current-session';
import { getDatabase } from '@/server/db';
import { wallboardPathOfDisplay } from '@/server/displays/service';
import { asPairingError } from '@/lib/displays/display-input';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('displays.pairing');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DisplayPairingPage({ searchParams }: { searchParams: SearchParams }) {
  const display = await getDisplayPrincipal();
  if (display) redirect(await wallboardPathOfDisplay((await getDatabase()).db, display));
  const params = await searchParams;
  const t = await getTranslations('displays.pairing');
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-slate-100 px-4 py-10">
      <div className="w-full max-w-lg">
        <div className="mb-6 flex items-center justify-between">
          <span className="text-2xl font-semibold tracking-tight text-brand-900">Vigie</span>
          <LocaleSwitch />
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
          <h1 className="text-2xl font-semibold">{t('title')}</h1>
          <p className="mt-2 mb-6 text-base text-slate-600">{t('intro')}</p>
          <PairingForm initialError={asPairingError(typeof params.error === 'string' ? params.error : null)} />
        </div>
      </div>
    </main>
  );
}
