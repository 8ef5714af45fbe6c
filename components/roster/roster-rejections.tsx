'use client';
// The lines of a roster file the import refused: the line (or "file" for the file as a whole),
// the reason in the reader's language, and the start of the line.
import { useFormatter, useTranslations } from 'next-intl';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { RosterRejection } from '@/lib/agents/roster-csv';
import { rejectionWording } from './rejection-wording';

export function RosterRejections({ rejected }: { rejected: readonly RosterRejection[] }) {
  const t = useTranslations('roster.rejections');
  const tColumns = useTranslations('roster.columns');
  const format = useFormatter();
  return (
    <Table caption={t('caption')}>
      <THead>
        <TR>
          <TH numeric>{t('line')}</TH>
          <TH>{t('reason')}</TH>
          <TH>{t('excerpt')}</TH>
        </TR>
      </THead>
      <TBody>
        {rejected.map((r, index) => {
          const wording = rejectionWording(r, (column) => tColumns(column));
          return (
            <TR key={`${r.line}-${index}`}>
              <TD numeric className="whitespace-nowrap">
                {r.line > 0 ? format.number(r.line) : t('file')}
              </TD>
              <TD className="min-w-64">{t(wording.key, wording.values)}</TD>
              <TD>{r.excerpt ? <code className="block max-w-md truncate font-mono text-xs text-slate-600" title={r.excerpt}>{r.excerpt}</code> : null}</TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
