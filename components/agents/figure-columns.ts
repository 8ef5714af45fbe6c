// The agent figures the agents table and an agent's page show, in order, with the unit each is
// formatted in; `label` is a key of the `agents.columns` messages. The categories (percentages 0–100,
// shown as scores) are the table's only: an agent's page shows them by category of its own.
import type { AgentScore, MedianField } from '@/lib/agents/scorecard';
import type { FigureUnit } from '@/lib/kpi/format';

/** The figures of an agent's score, each also a median-row field. */
export const AGENT_SCORE_COLUMNS = [
  { key: 'handled', label: 'handled', unit: 'count' },
  { key: 'ahtSeconds', label: 'aht', unit: 'seconds' },
  { key: 'holdSeconds', label: 'hold', unit: 'seconds' },
  { key: 'wrapSeconds', label: 'wrap', unit: 'seconds' },
  { key: 'fcr', label: 'fcr', unit: 'ratio' },
  { key: 'csat', label: 'csat', unit: 'ratio' },
  { key: 'qaScore', label: 'qa', unit: 'score' },
  { key: 'qaEvaluations', label: 'evaluations', unit: 'count' },
  { key: 'criticalFails', label: 'criticalFails', unit: 'count' },
] as const satisfies readonly { key: keyof AgentScore & MedianField; label: string; unit: FigureUnit }[];

/** The agents table's figure columns: the score's, then language and culture. */
export const AGENT_TABLE_COLUMNS = [
  ...AGENT_SCORE_COLUMNS,
  { key: 'language', label: 'language', unit: 'score' },
  { key: 'culture', label: 'culture', unit: 'score' },
] as const satisfies readonly { key: MedianField; label: string; unit: FigureUnit }[];
