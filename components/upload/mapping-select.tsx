'use client';
// The column mappings saved for the lead's site (importMappings.list), to pick the one that reads a
// CSV export; loading, failure and "none saved yet" drawn as every list draws them.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/providers/trpc-provider';
import { buttonClasses } from '@/components/ui/button';
import { QueryState } from '@/components/ui/query-state';
import { SelectField } from '@/components/ui/select';

export function MappingSelect({ id, value, onChange }: { id: string; value: string; onChange: (name: string) => void }) {
  const t = useTranslations('upload');
  const trpc = useTRPC();
  const list = useQuery(trpc.importMappings.list.queryOptions({}));
  return (
    <QueryState
      query={list}
      isEmpty={(answer) => answer.mappings.length === 0}
      empty={{
        title: t('noMapping'),
        action: (
          <Link href="/upload/mappings" className={buttonClasses('secondary', 'sm')}>
            {t('manageMappings')}
          </Link>
        ),
      }}
      errorTitle={t('mappingsFailed')}
    >
      {({ mappings }) => (
        <div className="flex flex-wrap items-end gap-3">
          <SelectField
            id={id}
            label={t('mapping')}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            options={[...(value ? [] : [{ value: '', label: t('chooseMapping') }]), ...mappings.map((m) => ({ value: m.name, label: m.name }))]}
            className="min-w-56"
          />
          <Link href="/upload/mappings" className="pb-2 text-xs font-medium text-brand-700 underline hover:text-brand-800">
            {t('manageMappings')}
          </Link>
        </div>
      )}
    </QueryState>
  );
}
