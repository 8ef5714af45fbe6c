'use client';
// One point per site: handle time across, a quality measure up. Dashed lines at the network's own
// values cut the plane in four, so "fast but less satisfying" reads at a glance.
import { CartesianGrid, LabelList, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartContainer } from './chart-container';
import { EVERY_TICK } from './axis-ticks';

export type ScatterPoint = { key: string; label: string; x: number; y: number; color: string; network?: boolean };

type Props = {
  points: ScatterPoint[];
  xLabel: string;
  yLabel: string;
  formatX: (value: number) => string;
  formatY: (value: number) => string;
  reference?: { x: number | null; y: number | null };
  label: string;
  height?: number;
  onSelect?: (key: string) => void;
};

type ShapeProps = { cx?: number; cy?: number; payload?: ScatterPoint };

export function QualitySpeedScatter({ points, xLabel, yLabel, formatX, formatY, reference, label, height = 300, onSelect }: Props) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const pad = (min: number, max: number, share: number) => Math.max((max - min) * share, Math.abs(max) * 0.02, 1e-6);
  const xDomain: [number, number] = [Math.min(...xs) - pad(Math.min(...xs), Math.max(...xs), 0.12), Math.max(...xs) + pad(Math.min(...xs), Math.max(...xs), 0.12)];
  const yDomain: [number, number] = [Math.min(...ys) - pad(Math.min(...ys), Math.max(...ys), 0.15), Math.max(...ys) + pad(Math.min(...ys), Math.max(...ys), 0.15)];

  return (
    <figure role="img" aria-label={label} className="m-0" style={{ height }}>
      <ChartContainer height={height}>
        <ScatterChart margin={{ top: 12, right: 24, bottom: 24, left: 8 }} accessibilityLayer={false}>
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
          {reference?.x != null ? <ReferenceLine x={reference.x} stroke="#94a3b8" strokeDasharray="4 4" /> : null}
          {reference?.y != null ? <ReferenceLine y={reference.y} stroke="#94a3b8" strokeDasharray="4 4" /> : null}
          <Tooltip
            cursor={false}
            content={({ payload }) => {
              const point = payload?.[0]?.payload as ScatterPoint | undefined;
              if (!point) return null;
              return (
                <div className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-xs shadow">
                  <p className="font-semibold">{point.label}</p>
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
            data={points.map((p) => ({ ...p, tag: p.network ? '' : p.label }))}
            isAnimationActive={false}
            shape={(props: ShapeProps) => {
              const p = props.payload;
              if (!p || props.cx === undefined || props.cy === undefined) return <g />;
              const clickable = Boolean(onSelect) && !p.network;
              return (
                <g style={clickable ? { cursor: 'pointer' } : undefined} onClick={clickable ? () => onSelect?.(p.key) : undefined}>
                  {p.network ? (
                    <rect x={props.cx - 6} y={props.cy - 6} width={12} height={12} transform={`rotate(45 ${props.cx} ${props.cy})`} fill="white" stroke={p.color} strokeWidth={2.5} />
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
