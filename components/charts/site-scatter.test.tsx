// The shared site scatter as the server draws it: the figure named for assistive technology and
// the drawing hidden from it, each marker in its shape, the labels above the points and the
// dashed lines only where the reference has a value.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SiteScatter, type SiteScatterPoint } from './site-scatter';

const points: SiteScatterPoint[] = [
  { key: 'PAR', x: 4.2, y: 88, color: '#D55E00', marker: 'reference', tag: 'PAR (reference)', title: 'PAR · Paris (reference)' },
  { key: 'PLU', x: 1.9, y: 84, color: '#009E73', marker: 'site', tag: 'PLU', title: 'PLU · Port Louis' },
  { key: '__network', x: 3, y: 86, color: '#334155', marker: 'network', tag: '', title: 'Network' },
];

function draw(reference?: { x: number | null; y: number | null }): string {
  return renderToStaticMarkup(
    <SiteScatter points={points} xLabel="Cost" yLabel="QA" formatX={String} formatY={String} xDomain={[0, 5]} yDomain={[80, 90]} reference={reference} label="Cost against QA" />,
  );
}

describe('SiteScatter', () => {
  it('names the figure and hides the drawing from assistive technology', () => {
    const html = draw();
    expect(html).toMatch(/^<figure role="img" aria-label="Cost against QA"/);
    expect(html).toContain('<div aria-hidden="true" class="h-full w-full">');
    expect(html).toContain('<svg');
  });

  it('draws each marker in its shape and labels the points that have a tag', () => {
    const html = draw();
    expect(html.match(/<circle [^>]*r="7"/g)).toHaveLength(1);
    expect(html).toMatch(/<rect [^>]*width="14" height="14" fill="#D55E00" stroke="#0f172a"/);
    expect(html).toMatch(/<rect [^>]*transform="rotate\(45 [^"]*\)" fill="white" stroke="#334155"/);
    // Each tag one line of text, as the browser draws it too (no word wrapping by measure).
    expect(html).toMatch(/<text [^>]*text-anchor="middle"[^>]*>PAR \(reference\)<\/text>/);
    expect(html).toMatch(/<text [^>]*>PLU<\/text>/);
  });

  it('draws a dashed line only at a reference value it has', () => {
    expect(draw().match(/stroke-dasharray="4 4"/g)).toBeNull();
    expect(draw({ x: 3, y: null }).match(/stroke-dasharray="4 4"/g)).toHaveLength(1);
    expect(draw({ x: 3, y: 86 }).match(/stroke-dasharray="4 4"/g)).toHaveLength(2);
  });
});
