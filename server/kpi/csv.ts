// `GET /api/v1/kpis.csv`: the comparison answer as CSV (RFC 4180, CRLF), one row per site and a
// network row, columns named as the JSON fields. Empty cell = null (no denominator).
import { csvCell } from '@/server/csv/safe-cell';
import type { CompareAnswer } from '@/lib/kpi/schemas';

export const KPI_CSV_COLUMNS = [
  'offered',
  'handled',
  'abandoned',
  'ahtSeconds',
  'asaSeconds',
  'serviceLevel',
  'abandonRate',
  'fcr',
  'csat',
  'csatResponses',
  'qaScore',
  'qaEvaluations',
  'reportCompliance',
] as const satisfies readonly (keyof CompareAnswer['network'])[];

const HEADER = ['scope', 'code', 'name', 'from', 'to', ...KPI_CSV_COLUMNS];

function csvNumber(value: number | null): string {
  return value === null ? '' : String(value);
}

export function comparisonToCsv(answer: CompareAnswer): string {
  const row = (scope: 'site' | 'network', code: string, name: string, kpis: CompareAnswer['network']) =>
    [scope, code, name, answer.from, answer.to].map(csvCell).concat(KPI_CSV_COLUMNS.map((c) => csvNumber(kpis[c]))).join(',');
  const lines = [
    HEADER.join(','),
    ...answer.sites.map((s) => row('site', s.code, s.name, s)),
    row('network', '', '', answer.network),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
