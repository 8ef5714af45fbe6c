'use client';
// Calibration bias per site (site − HQ, in score points) as bars around zero, with the tolerated
// band shaded: a bar beyond it is red (the site scores itself too kindly, or too harshly).
// Props only: the card that holds it fetches.
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartContainer } from './chart-container';
import { EVERY_TICK } from './axis-ticks';

export type BiasBar = { key: string; label: string; bias: number | null; pairs: number };

type Props = {
  bars: BiasBar[];
  threshold: number;
  formatValue: (value: number) => string;
  formatTooltip: (bar: BiasBar) => string;
  label: string;
  height?: number;
  onSelect?: (key: string) => void;
};

const WITHIN = '#64748b';

/** Ticks at zero, at the band's edges and out to the limit, so the band reads on the axis. */
export function symmetricTicks(limit: number, threshold: number): number[] {
  const step = limit <= 20 ? threshold : Math.ceil(limit / 4 / 5) * 5;
  const positive: number[] = [];
  for (let v = step; v <= limit + 1e-9; v += step) positive.push(Math.round(v * 100) / 100);
  return [...positive.map((v) => -v).reverse(), 0, ...positive];
}
const BEYOND = '#dc2626';

export function CalibrationBiasChart({ bars, threshold, formatValue, formatTooltip, label, height = 240, onSelect }: Props) {
  const extreme = Math.max(threshold * 2, ...bars.map((b) => Math.abs(b.bias ?? 0)));
  const limit = Math.ceil(extreme / 5) * 5;
  const ticks = symmetricTicks(limit, threshold);
  const data = bars.map((b) => ({ ...b, value: b.bias }));
  return (
    <figure role="img" aria-label={label} className="m-0" style={{ height }}>
      <ChartContainer height={height}>
        <BarChart data={data} margin={{ top: 16, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <ReferenceArea y1={-threshold} y2={threshold} fill="#10b981" fillOpacity={0.08} ifOverflow="extendDomain" />
          <ReferenceLine y={threshold} stroke="#94a3b8" strokeDasharray="4 4" />
          <ReferenceLine y={-threshold} stroke="#94a3b8" strokeDasharray="4 4" />
          <ReferenceLine y={0} stroke="#475569" />
          <XAxis dataKey="key" tick={{ fontSize: 12, fill: '#334155', fontFamily: 'ui-monospace, monospace' }} tickLine={false} axisLine={false} interval={EVERY_TICK} />
          <YAxis
            domain={[-limit, limit]}
            ticks={ticks}
            tickFormatter={(v: number) => formatValue(v)}
            tick={{ fontSize: 11, fill: '#64748b' }}
            tickLine={false}
            axisLine={false}
            width={48}
            interval={EVERY_TICK}
          />
          <Tooltip
            cursor={{ fill: '#f1f5f9' }}
            contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: '#cbd5e1' }}
            formatter={(_value, _name, item) => [formatTooltip(item.payload as BiasBar), '']}
            labelFormatter={(key) => bars.find((b) => b.key === key)?.label ?? String(key)}
            separator=""
          />
          <Bar
            dataKey="value"
            isAnimationActive={false}
            maxBarSize={44}
            radius={2}
            onClick={onSelect ? (entry: { payload?: { key?: string } }) => entry.payload?.key && onSelect(entry.payload.key) : undefined}
            style={onSelect ? { cursor: 'pointer' } : undefined}
          >
            {data.map((b) => (
              <Cell key={b.key} fill={b.bias !== null && Math.abs(b.bias) > threshold ? BEYOND : WITHIN} />
            ))}
            <LabelList dataKey="value" position="top" formatter={(v: unknown) => (typeof v === 'number' ? formatValue(v) : '')} style={{ fontSize: 11, fill: '#334155' }} />
          </Bar>
        </BarChart>
      </ChartContainer>
    </figure>
  );
}
