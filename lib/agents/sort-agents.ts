// Sorting the agents table by a column. Rows without a value sort last in either direction, so
// "—" never hides the best or the worst agent; ties keep the reference order.
import { MEDIAN_FIELDS } from './scorecard';

/** The reference, the name, every figure the median rows show (the table's figure columns) and the flags. */
export const AGENT_SORT_KEYS = ['agentRef', 'name', ...MEDIAN_FIELDS, 'flags'] as const;
export type AgentSortKey = (typeof AGENT_SORT_KEYS)[number];
export type AgentSort = { key: AgentSortKey; dir: 'asc' | 'desc' };

export const DEFAULT_AGENT_SORT: AgentSort = { key: 'agentRef', dir: 'asc' };

export type SortableAgent = { agentRef: string; name: string | null; flags: readonly unknown[] } & Record<Exclude<AgentSortKey, 'agentRef' | 'name' | 'flags'>, number | null>;

function valueOf(row: SortableAgent, key: AgentSortKey): number | string | null {
  if (key === 'flags') return row.flags.length;
  return row[key];
}

const byRef = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortAgents<T extends SortableAgent>(rows: readonly T[], sort: AgentSort): T[] {
  const factor = sort.dir === 'asc' ? 1 : -1;
  return rows
    .map((row) => ({ row, value: valueOf(row, sort.key) }))
    .sort((a, b) => {
      if (a.value === null && b.value === null) return byRef(a.row.agentRef, b.row.agentRef);
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      const order = typeof a.value === 'string' || typeof b.value === 'string' ? String(a.value).localeCompare(String(b.value)) : a.value - b.value;
      return order !== 0 ? order * factor : byRef(a.row.agentRef, b.row.agentRef);
    })
    .map(({ row }) => row);
}

/** A click on a column: the same column turns around; another starts descending for figures (the biggest first), ascending for names. */
export function nextAgentSort(current: AgentSort, key: AgentSortKey): AgentSort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'agentRef' || key === 'name' ? 'asc' : 'desc' };
}
