'use client';
// Calibration bias over time (site − HQ per week or month), one line per series, with the
// tolerated band shaded around zero. Props only.
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartContainer } from './chart-container';
import { EVERY_TICK, labelStep } from './axis-ticks';
import { symmetricTicks } from './calibration-bias-chart';

export type BiasSeries = {
  key: string;
  label: string;
  color: string;
  values: (number | null)[];
  /** Shown after the value in the tooltip, e.g. how many pairs a period holds. */
  notes?: string[];
  dashed?: boolean;
};

type Props = {
  periods: string[];
  series: BiasSeries[];
  threshold: number;
  formatValue: (value: number) => string;
  formatPeriod: (period: string) => string;
  label: string;
  height?: number;
};

export function CalibrationTrendChart({ periods, series, threshold, formatValue, formatPeriod, label, height = 220 }: Props) {
  const data = periods.map((period, i) => {
    const point: Record<string, string | number | null> = { period };
    for (const s of series) point[s.key] = s.values[i] ?? null;
    return point;
  });
  const extreme = Math.max(threshold * 2, ...series.flatMap((s) => s.values.map((v) => Math.abs(v ?? 0))));
  const limit = Math.ceil(extreme / 5) * 5;
  const byKey = new Map(series.map((s) => [s.key, s]));
  const indexOf = new Map(periods.map((p, i) => [p, i]));
  return (
    <figure role="img" aria-label={label} className="m-0" style={{ height }}>
      <ChartContainer height={height}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <ReferenceArea y1={-threshold} y2={threshold} fill="#10b981" fillOpacity={0.08} />
          <ReferenceLine y={0} stroke="#475569" />
          <XAxis dataKey="period" tickFormatter={formatPeriod} tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} axisLine={{ stroke: '#cbd5e1' }} interval={labelStep(data.length, 8)} />
          <YAxis domain={[-limit, limit]} ticks={symmetricTicks(limit, threshold)} tickFormatter={(v: number) => formatValue(v)} tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} axisLine={false} width={48} interval={EVERY_TICK} />
          <Tooltip
            formatter={(value, name, item) => {
              const s = byKey.get(String(name));
              const note = s?.notes?.[indexOf.get(String((item.payload as { period?: string }).period)) ?? -1];
              const shown = typeof value === 'number' ? formatValue(value) : '—';
              return [note ? `${shown} (${note})` : shown, s?.label ?? String(name)];
            }}
            labelFormatter={(period) => formatPeriod(String(period))}
            contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: '#cbd5e1' }}
          />
          {series.map((s) => (
            <Line
              key={s.key}
              type="linear"
              dataKey={s.key}
              name={s.key}
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={s.dashed ? '6 4' : undefined}
              dot={{ r: 3 }}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ChartContainer>
    </figure>
  );
}
