// The QA pages' own navigation: evaluations for everyone; calibration and forms for HQ.
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { cn } from '@/components/ui/cn';

export type QaTab = 'evaluations' | 'calibration' | 'forms';

const TABS: { tab: QaTab; href: string; hqOnly: boolean }[] = [
  { tab: 'evaluations', href: '/qa', hqOnly: false },
  { tab: 'calibration', href: '/qa/calibration', hqOnly: true },
  { tab: 'forms', href: '/qa/forms', hqOnly: true },
];

export async function QaTabs({ active, hq }: { active: QaTab; hq: boolean }) {
  const t = await getTranslations('qa.tabs');
  const tabs = TABS.filter((tab) => hq || !tab.hqOnly);
  if (tabs.length < 2) return null;
  return (
    <nav aria-label={t('label')} className="mb-4 border-b border-slate-200">
      <ul className="-mb-px flex gap-4">
        {tabs.map(({ tab, href }) => (
          <li key={tab}>
            <Link
              href={href}
              aria-current={tab === active ? 'page' : undefined}
              className={cn(
                'inline-block border-b-2 px-1 pb-2 text-sm font-medium',
                tab === active ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
              )}
            >
              {t(tab)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
