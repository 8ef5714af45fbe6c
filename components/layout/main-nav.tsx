'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { cn } from '@/components/ui/cn';
import { isActivePath, type NavSection } from './navigation';

export function MainNav({ sections }: { sections: NavSection[] }) {
  const pathname = usePathname();
  const t = useTranslations('nav');
  return (
    <nav aria-label={t('label')} className="flex gap-6 overflow-x-auto px-3 py-2 md:flex-col md:gap-5 md:px-3 md:py-4">
      {sections.map((section) => (
        <div key={section.label} className="min-w-max">
          <h2 className="px-2 pb-1 text-[11px] font-semibold tracking-wider text-slate-500 uppercase">{t(section.label)}</h2>
          <ul className="flex gap-1 md:flex-col">
            {section.items.map((item) => {
              const active = isActivePath(pathname, item);
              return (
                <li key={item.href}>
                  {/* No prefetch: every link in view would have the server render its page at once, competing with this one's. */}
                  <Link prefetch={false}
                    href={item.href}
                    aria-current={active ? 'page' : undefined}
                    className={cn(
                      'block rounded-md px-2 py-1.5 text-sm font-medium',
                      active ? 'bg-brand-50 text-brand-700' : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900',
                    )}
                  >
                    {t(item.label)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
