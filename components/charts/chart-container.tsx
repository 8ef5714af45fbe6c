'use client';
// Every chart's container. It takes its parent's width once the page runs, but until then it
// draws at a fixed size, so that the server's HTML already holds each chart's SVG: a page shows
// its charts as soon as it arrives instead of after its JavaScript has loaded, hydrated and
// measured the page (on the site page that wait was most of the time to a drawn page). The SVG
// scales to its box in the meantime (viewBox), so the first paint is the chart at the page's width.
// The drawing is hidden from assistive technology: the figure around it names the chart (or the
// table beside it carries the figures), and Recharts marks each scatter point an unnamed image.
import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/** The width a chart is drawn at before its box is measured (the dashboard cards' usual width). */
export const FIRST_DRAW_WIDTH = 640;

export function ChartContainer({ height, children }: { height: number; children: ReactElement }) {
  return (
    <div aria-hidden="true" className="h-full w-full">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: FIRST_DRAW_WIDTH, height }}>
        {children}
      </ResponsiveContainer>
    </div>
  );
}
