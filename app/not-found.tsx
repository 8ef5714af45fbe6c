import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClasses } from '@/components/ui/button';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <main className="grid min-h-screen place-items-center px-6">
      <div className="text-center">
        <p className="text-sm font-semibold text-brand-600">404</p>
        <h1 className="mt-1 text-xl font-semibold">{t('title')}</h1>
        <p className="mt-2 text-sm text-slate-500">{t('description')}</p>
        <Link href="/" className={buttonClasses('secondary', 'md', 'mt-5')}>
          {t('home')}
        </Link>
      </div>
    </main>
  );
}
