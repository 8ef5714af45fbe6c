// The figures a digest's site table shows, in order: the ones a manager scans each morning. The
// breaches list covers every metric that has a target, shown here or not.
import type { RollupMetric } from '@/lib/kpi/definitions';

export const DIGEST_METRICS = ['aht', 'service_level', 'abandon_rate', 'fcr', 'csat', 'qa_score'] as const satisfies readonly RollupMetric[];
export type DigestMetric = (typeof DIGEST_METRICS)[number];
