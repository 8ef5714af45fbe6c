'use client';
// Cumulative successes day by day against the straight line to the target (the plan) and the
// target itself. Props only: the card around it fetches and chooses the site.
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartContainer } from './chart-container';
import { EVERY_TICK, labelStep } from './axis-ticks';

export type MissionChartPoint = {
  day: string;
  /** Cumulative successes at the end of the day; undefined for days still ahead. */
  achieved?: number;
  /** Where a steady pace to the target stands at the end of the day. */
  plan: number;
};

type Props = {
  points: MissionChartPoint[];
  target: number;
  labels: { achieved: string; plan: string; target: string };
  formatDay: (day: string) => string;
  formatNumber: (value: number) => string;
  /** Describes the chart for screen readers; the table beside it carries the figures. */
  description: string;
};

const CHART_HEIGHT = 288;

export function MissionProgressChart({ points, target, labels, formatDay, formatNumber, description }: Props) {
  return (
    <figure className="m-0">
      <figcaption className="sr-only">{description}</figcaption>
      <div className="w-full" style={{ height: CHART_HEIGHT }} aria-hidden="true">
        <ChartContainer height={CHART_HEIGHT}>
          {/* Hidden from assistive technology (the table beside it carries the figures), so not focusable either. */}
          <LineChart data={points} margin={{ top: 12, right: 16, bottom: 4, left: 4 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="day" tickFormatter={formatDay} tick={{ fontSize: 11, fill: '#475569' }} interval={labelStep(points.length, 8)} tickLine={false} />
            <YAxis tickFormatter={formatNumber} tick={{ fontSize: 11, fill: '#475569' }} width={48} tickLine={false} axisLine={false} interval={EVERY_TICK} />
            <Tooltip
              labelFormatter={(day) => formatDay(String(day))}
              formatter={(value, name) => [typeof value === 'number' ? formatNumber(value) : String(value), name]}
              contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: '#cbd5e1' }}
            />
            <ReferenceLine y={target} stroke="#0f172a" strokeDasharray="2 4" label={{ value: labels.target, position: 'insideTopLeft', fontSize: 11, fill: '#0f172a' }} />
            <Line type="linear" dataKey="plan" name={labels.plan} stroke="#94a3b8" strokeDasharray="6 4" dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="achieved" name={labels.achieved} stroke="#17649a" strokeWidth={2.5} dot={false} connectNulls={false} isAnimationActive={false} />
          </LineChart>
        </ChartContainer>
      </div>
    </figure>
  );
}
