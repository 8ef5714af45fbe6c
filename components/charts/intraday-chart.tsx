'use client';
// A day in 15-minute intervals: calls offered as bars (last week's at the same local time dashed),
// service level as a line on its own axis against the target. Props only: the card fetches.
import { Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartContainer } from './chart-container';
import { EVERY_TICK, labelStep } from './axis-ticks';

export type IntradayPoint = { time: string; offered: number | null; lastWeekOffered: number; serviceLevel: number | null };

type Props = {
  points: IntradayPoint[];
  label: string;
  names: { offered: string; lastWeekOffered: string; serviceLevel: string; target: string };
  formatCount: (value: number) => string;
  formatRatio: (value: number) => string;
  /** The service-level target's green bound, a fraction 0–1; null when none is set. */
  target: number | null;
  height?: number;
};

const OFFERED_COLOR = '#0072B2';
const LAST_WEEK_COLOR = '#94a3b8';
const SERVICE_LEVEL_COLOR = '#D55E00';

export function IntradayChart({ points, label, names, formatCount, formatRatio, target, height = 280 }: Props) {
  const nameOf: Record<string, string> = { offered: names.offered, lastWeekOffered: names.lastWeekOffered, serviceLevel: names.serviceLevel };
  return (
    <figure role="img" aria-label={label} className="m-0" style={{ height }}>
      <ChartContainer height={height}>
        <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="time" tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} axisLine={{ stroke: '#cbd5e1' }} interval={labelStep(points.length, 12)} />
          <YAxis yAxisId="calls" allowDecimals={false} tickFormatter={formatCount} tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} axisLine={false} width={44} interval={EVERY_TICK} />
          <YAxis
            yAxisId="ratio"
            orientation="right"
            domain={[0, 1]}
            tickFormatter={formatRatio}
            tick={{ fontSize: 11, fill: '#64748b' }}
            tickLine={false}
            axisLine={false}
            width={48}
            interval={EVERY_TICK}
          />
          <Tooltip
            formatter={(value, name) => [
              typeof value === 'number' ? (name === 'serviceLevel' ? formatRatio(value) : formatCount(value)) : '—',
              nameOf[String(name)] ?? String(name),
            ]}
            contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: '#cbd5e1' }}
          />
          <Bar yAxisId="calls" dataKey="offered" name="offered" fill={OFFERED_COLOR} fillOpacity={0.75} isAnimationActive={false} />
          <Line
            yAxisId="calls"
            type="stepAfter"
            dataKey="lastWeekOffered"
            name="lastWeekOffered"
            stroke={LAST_WEEK_COLOR}
            strokeWidth={1.5}
            strokeDasharray="5 3"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            yAxisId="ratio"
            type="monotone"
            dataKey="serviceLevel"
            name="serviceLevel"
            stroke={SERVICE_LEVEL_COLOR}
            strokeWidth={2}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
          {target !== null ? (
            <ReferenceLine
              yAxisId="ratio"
              y={target}
              stroke={SERVICE_LEVEL_COLOR}
              strokeDasharray="2 4"
              label={{ value: names.target, position: 'insideTopRight', fontSize: 11, fill: SERVICE_LEVEL_COLOR }}
            />
          ) : null}
        </ComposedChart>
      </ChartContainer>
    </figure>
  );
}

export const INTRADAY_COLORS = { offered: OFFERED_COLOR, lastWeekOffered: LAST_WEEK_COLOR, serviceLevel: SERVICE_LEVEL_COLOR };
