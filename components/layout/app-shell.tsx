// The signed-in frame: a top bar with the product and the user menu, the navigation, and the page.
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AlertBell } from '@/components/alerts/alert-bell';
import { MainNav } from './main-nav';
import type { NavSection } from './navigation';
import { UserMenu, type ShellUser } from './user-menu';

export async function AppShell({ user, navigation, children }: { user: ShellUser; navigation: NavSection[]; children: ReactNode }) {
  const t = await getTranslations('shell');
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="fixed -top-12 left-2 z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:top-2"
      >
        {t('skipToContent')}
      </a>
      <header className="sticky top-0 z-10 flex h-12 items-center justify-between bg-brand-900 px-4 text-white">
        <Link prefetch={false} href="/" className="flex items-center gap-2 rounded font-semibold tracking-tight">
          <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5 text-brand-100" fill="none" stroke="currentColor" strokeWidth="1.8">
            <path d="M12 3v4m0 0 7 13H5l7-13Zm-4 9h8" />
          </svg>
          <span>Vigie</span>
          <span className="hidden text-xs font-normal text-slate-300 sm:inline">{t('tagline')}</span>
        </Link>
        <div className="flex items-center gap-1">
          <AlertBell />
          <UserMenu user={user} />
        </div>
      </header>
      <div className="flex flex-1 flex-col md:flex-row">
        <aside className="border-b border-slate-200 bg-white md:w-52 md:shrink-0 md:border-r md:border-b-0">
          <MainNav sections={navigation} />
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-5 md:px-6">
          {children}
        </main>
      </div>
    </div>
  );
}
