'use client';
// What each site's quality costs: HQ cost per handled call across, a quality measure up, one
// labelled point per site. The reference site is a ringed square and dashed lines at its own
// values cut the plane, so "cheaper and as good" (left of it, at its height or above) reads at a glance.
import { CartesianGrid, LabelList, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartContainer } from '@/components/charts/chart-container';
import { EVERY_TICK } from '@/components/charts/axis-ticks';
import type { CostPoint } from './cost-figures';

type Props = {
  points: CostPoint[];
  xLabel: string;
  yLabel: string;
  formatX: (value: number) => string;
  formatY: (value: number) => string;
  /** The point's label beside its code: "(reference)". */
  referenceTag: string;
  label: string;
  height?: number;
  onSelect?: (key: string) => void;
};

type ShapeProps = { cx?: number; cy?: number; payload?: CostPoint };

/** A domain around the values with some room, never a zero-width one. */
function paddedDomain(values: number[], share: number, floorAtZero: boolean): [number, number] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = Math.max((max - min) * share, Math.abs(max) * 0.05, 1e-6);
  return [floorAtZero ? Math.max(0, min - pad) : min - pad, max + pad];
}

export function CostQualityChart({ points, xLabel, yLabel, formatX, formatY, referenceTag, label, height = 300, onSelect }: Props) {
  const reference = points.find((p) => p.reference);
  const xDomain = paddedDomain(points.map((p) => p.x), 0.12, true);
  const yDomain = paddedDomain(points.map((p) => p.y), 0.15, false);

  return (
    <figure role="img" aria-label={label} className="m-0" style={{ height }}>
      <ChartContainer height={height}>
        <ScatterChart margin={{ top: 16, right: 28, bottom: 24, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" />
          <XAxis
            type="number"
            dataKey="x"
            name={xLabel}
            domain={xDomain}
            tickFormatter={(v: number) => formatX(v)}
            tick={{ fontSize: 11, fill: '#64748b' }}
            interval={EVERY_TICK}
            label={{ value: xLabel, position: 'insideBottom', offset: -12, fontSize: 11, fill: '#475569' }}
          />
          <YAxis
            type="number"
            dataKey="y"
            name={yLabel}
            domain={yDomain}
            tickFormatter={(v: number) => formatY(v)}
            tick={{ fontSize: 11, fill: '#64748b' }}
            interval={EVERY_TICK}
            width={60}
            label={{ value: yLabel, angle: -90, position: 'insideLeft', offset: 4, fontSize: 11, fill: '#475569', style: { textAnchor: 'middle' } }}
          />
          {reference ? <ReferenceLine x={reference.x} stroke="#94a3b8" strokeDasharray="4 4" /> : null}
          {reference ? <ReferenceLine y={reference.y} stroke="#94a3b8" strokeDasharray="4 4" /> : null}
          <Tooltip
            cursor={false}
            content={({ payload }) => {
              const point = payload?.[0]?.payload as CostPoint | undefined;
              if (!point) return null;
              return (
                <div className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-xs shadow">
                  <p className="font-semibold">
                    {point.label} · {point.name}
                    {point.reference ? ` ${referenceTag}` : ''}
                  </p>
                  <p>
                    {xLabel}: {formatX(point.x)}
                  </p>
                  <p>
                    {yLabel}: {formatY(point.y)}
                  </p>
                </div>
              );
            }}
          />
          <Scatter
            data={points.map((p) => ({ ...p, tag: p.reference ? `${p.label} ${referenceTag}` : p.label }))}
            isAnimationActive={false}
            shape={(props: ShapeProps) => {
              const p = props.payload;
              if (!p || props.cx === undefined || props.cy === undefined) return <g />;
              return (
                <g style={onSelect ? { cursor: 'pointer' } : undefined} onClick={onSelect ? () => onSelect(p.key) : undefined}>
                  {p.reference ? (
                    <rect x={props.cx - 7} y={props.cy - 7} width={14} height={14} fill={p.color} stroke="#0f172a" strokeWidth={2} />
                  ) : (
                    <circle cx={props.cx} cy={props.cy} r={7} fill={p.color} stroke="white" strokeWidth={1.5} />
                  )}
                </g>
              );
            }}
          >
            <LabelList dataKey="tag" position="top" offset={10} style={{ fontSize: 11, fontWeight: 600, fill: '#1e293b' }} />
          </Scatter>
        </ScatterChart>
      </ChartContainer>
    </figure>
  );
}
