'use client';
// Horizontal bars per category (e.g. QA categories), one bar per series (a site and the network).
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartContainer } from './chart-container';
import { EVERY_TICK } from './axis-ticks';

export type CategoryRow = { key: string; label: string; values: Record<string, number | null> };
export type BarSeries = { key: string; label: string; color: string };

type Props = {
  rows: CategoryRow[];
  series: BarSeries[];
  formatValue: (value: number) => string;
  label: string;
  max?: number;
};

export function CategoryBars({ rows, series, formatValue, label, max = 100 }: Props) {
  const data = rows.map((row) => ({ category: row.label, ...row.values }));
  const labelOf = new Map(series.map((s) => [s.key, s.label]));
  const chartHeight = Math.max(180, rows.length * 20 * series.length + 70);
  return (
    <figure role="img" aria-label={label} className="m-0" style={{ height: chartHeight }}>
      <ChartContainer height={chartHeight}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} barGap={2} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" domain={[0, max]} tickFormatter={(v: number) => formatValue(v)} tick={{ fontSize: 11, fill: '#64748b' }} interval={EVERY_TICK} />
          <YAxis type="category" dataKey="category" width={96} tick={{ fontSize: 12, fill: '#334155' }} tickLine={false} interval={EVERY_TICK} />
          <Tooltip
            formatter={(value, name) => [typeof value === 'number' ? formatValue(value) : '—', labelOf.get(String(name)) ?? String(name)]}
            contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: '#cbd5e1' }}
            cursor={{ fill: '#f1f5f9' }}
          />
          <Legend formatter={(value) => labelOf.get(String(value)) ?? String(value)} wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.key} fill={s.color} radius={[0, 3, 3, 0]} isAnimationActive={false} barSize={12} />
          ))}
        </BarChart>
      </ChartContainer>
    </figure>
  );
}
