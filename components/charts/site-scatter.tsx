'use client';
// One labelled point per site on two measures, and optionally a point everything is read against
// (the network, the reference site) with dashed lines at its values cutting the plane, so which
// sites are better on one measure and worse on the other reads at a glance. The overview's
// quality-versus-speed and cost-versus-quality charts are both this one.
import { CartesianGrid, LabelList, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis, type LabelProps } from 'recharts';
import { EVERY_TICK } from './axis-ticks';
import { ChartContainer } from './chart-container';

/** A site's round point, the reference site's ringed square, the network's hollow diamond. */
export type ScatterMarker = 'site' | 'reference' | 'network';

export type SiteScatterPoint = {
  key: string;
  x: number;
  y: number;
  color: string;
  marker: ScatterMarker;
  /** The label drawn above the point ('' for none). */
  tag: string;
  /** The tooltip's first line. */
  title: string;
};

const TAG_STYLE = { fontSize: 11, fontWeight: 600, fill: '#1e293b' };

/**
 * A point's tag, centred 10 px above it on one line. Recharts' own label wraps its words to the
 * point's width once the browser can measure text, which the server cannot: "PAR (reference)" was
 * one line in the server's HTML and two in the hydrating browser, and React discarded the page's
 * HTML over the difference (links clicked meanwhile went nowhere).
 */
function PointTag({ x, y, width, value }: LabelProps) {
  if (value === undefined || value === null || value === '') return null;
  return (
    <text x={Number(x) + Number(width ?? 0) / 2} y={Number(y) - 10} textAnchor="middle" style={TAG_STYLE}>
      {value}
    </text>
  );
}

type Props = {
  points: SiteScatterPoint[];
  xLabel: string;
  yLabel: string;
  formatX: (value: number) => string;
  formatY: (value: number) => string;
  xDomain: [number, number];
  yDomain: [number, number];
  /** Where the dashed lines cross; a null value draws no line. */
  reference?: { x: number | null; y: number | null };
  margin?: { top: number; right: number; bottom: number; left: number };
  label: string;
  height?: number;
  /** Called with a point's key when it is clicked (the network's point is not a site and is not clickable). */
  onSelect?: (key: string) => void;
};

type ShapeProps = { cx?: number; cy?: number; payload?: SiteScatterPoint };

const DEFAULT_MARGIN = { top: 12, right: 24, bottom: 24, left: 8 };

function Marker({ point, cx, cy }: { point: SiteScatterPoint; cx: number; cy: number }) {
  if (point.marker === 'reference') return <rect x={cx - 7} y={cy - 7} width={14} height={14} fill={point.color} stroke="#0f172a" strokeWidth={2} />;
  if (point.marker === 'network') return <rect x={cx - 6} y={cy - 6} width={12} height={12} transform={`rotate(45 ${cx} ${cy})`} fill="white" stroke={point.color} strokeWidth={2.5} />;
  return <circle cx={cx} cy={cy} r={7} fill={point.color} stroke="white" strokeWidth={1.5} />;
}

export function SiteScatter({ points, xLabel, yLabel, formatX, formatY, xDomain, yDomain, reference, margin = DEFAULT_MARGIN, label, height = 300, onSelect }: Props) {
  return (
    <figure role="img" aria-label={label} className="m-0" style={{ height }}>
      <ChartContainer height={height}>
        <ScatterChart margin={margin} accessibilityLayer={false}>
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
              const point = payload?.[0]?.payload as SiteScatterPoint | undefined;
              if (!point) return null;
              return (
                <div className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-xs shadow">
                  <p className="font-semibold">{point.title}</p>
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
            data={points}
            isAnimationActive={false}
            shape={(props: ShapeProps) => {
              const p = props.payload;
              if (!p || props.cx === undefined || props.cy === undefined) return <g />;
              const clickable = Boolean(onSelect) && p.marker !== 'network';
              return (
                <g style={clickable ? { cursor: 'pointer' } : undefined} onClick={clickable ? () => onSelect?.(p.key) : undefined}>
                  <Marker point={p} cx={props.cx} cy={props.cy} />
                </g>
              );
            }}
          >
            <LabelList dataKey="tag" content={PointTag} />
          </Scatter>
        </ScatterChart>
      </ChartContainer>
    </figure>
  );
}
