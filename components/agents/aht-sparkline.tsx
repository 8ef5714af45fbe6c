'use client';
// An agent's AHT week by week, small enough for a table cell. Props only; the sentence beside it
// carries the figures for assistive technology (the drawing is hidden from it).
import { Line, LineChart, YAxis } from 'recharts';

const WIDTH = 96;
const HEIGHT = 28;

export function AhtSparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const data = values.map((value, i) => ({ i, value }));
  return (
    <span className="inline-flex items-center">
      <span aria-hidden="true" className="inline-block" style={{ width: WIDTH, height: HEIGHT }}>
        {/* A fixed size: drawn in the server's HTML without measuring its cell. */}
        <LineChart width={WIDTH} height={HEIGHT} data={data} margin={{ top: 3, right: 3, bottom: 3, left: 3 }} accessibilityLayer={false}>
          <YAxis hide domain={['auto', 'auto']} />
          <Line type="monotone" dataKey="value" stroke="#2563eb" strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      </span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
