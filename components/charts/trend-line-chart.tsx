'use client';
// Daily values, one line per series (a site, or the network dashed). Props only: the card that
// holds it fetches. A click on a line's point selects that series (e.g. opens the site).
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartContainer } from './chart-container';
import { EVERY_TICK, labelStep } from './axis-ticks';

export type TrendSeries = { key: string; label: string; color: string; values: (number | null)[]; dashed?: boolean };

type Props = {
  days: string[];
  series: TrendSeries[];
  formatValue: (value: number) => string;
  formatDay: (day: string) => string;
  label: string;
  height?: number;
  /** Fractions plotted from 0 to 1 read better with a fixed domain. */
  domain?: [number | 'auto', number | 'auto'];
  onSelect?: (key: string) => void;
};

type ActiveDotProps = { cx?: number; cy?: number; stroke?: string; dataKey?: unknown };

export function TrendLineChart({ days, series, formatValue, formatDay, label, height = 260, domain, onSelect }: Props) {
  const data = days.map((day, i) => {
    const point: Record<string, string | number | null> = { day };
    for (const s of series) point[s.key] = s.values[i] ?? null;
    return point;
  });
  const labelOf = new Map(series.map((s) => [s.key, s.label]));

  return (
    <figure role="img" aria-label={label} className="m-0" style={{ height }}>
      <ChartContainer height={height}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="day" tickFormatter={formatDay} tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} axisLine={{ stroke: '#cbd5e1' }} interval={labelStep(days.length, 8)} />
          <YAxis
            tickFormatter={(v: number) => formatValue(v)}
            tick={{ fontSize: 11, fill: '#64748b' }}
            tickLine={false}
            axisLine={false}
            width={56}
            interval={EVERY_TICK}
            domain={domain ?? ['auto', 'auto']}
          />
          <Tooltip
            formatter={(value, name) => [typeof value === 'number' ? formatValue(value) : '—', labelOf.get(String(name)) ?? String(name)]}
            labelFormatter={(day) => formatDay(String(day))}
            contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: '#cbd5e1' }}
            itemSorter={(item) => -(typeof item.value === 'number' ? item.value : 0)}
          />
          {series.map((s) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.key}
              stroke={s.color}
              strokeWidth={s.dashed ? 2.5 : 1.75}
              strokeDasharray={s.dashed ? '6 4' : undefined}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
              activeDot={(props: ActiveDotProps) => (
                <circle
                  key={`${s.key}-active`}
                  cx={props.cx}
                  cy={props.cy}
                  r={4.5}
                  fill={s.color}
                  stroke="white"
                  strokeWidth={1.5}
                  style={onSelect && !s.dashed ? { cursor: 'pointer' } : undefined}
                  onClick={onSelect && !s.dashed ? () => onSelect(s.key) : undefined}
                />
              )}
            />
          ))}
        </LineChart>
      </ChartContainer>
    </figure>
  );
}
