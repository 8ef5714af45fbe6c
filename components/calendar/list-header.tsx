'use client';
// The header row of the calendar's lists: its columns, and an unlabelled actions column for those
// who may edit (named for screen readers).
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { TH, THead } from '@/components/ui/table';

export function ListHeader({ columns, withActions }: { columns: ReactNode[]; withActions: boolean }) {
  const tCommon = useTranslations('common');
  return (
    <THead>
      <tr>
        {columns.map((label, i) => (
          <TH key={i}>{label}</TH>
        ))}
        {withActions ? (
          <TH>
            <span className="sr-only">{tCommon('actions')}</span>
          </TH>
        ) : null}
      </tr>
    </THead>
  );
}
