// The axis range of a scatter: the values with some room around them, so no point sits on an
// edge and its label is not cut, and never a zero-width range (a single point, or equal values).

export type DomainPadding = {
  /** Room on each side as a share of the values' spread. */
  share: number;
  /** The least room, as a share of the largest value's size: what stands when the spread is small. */
  minShareOfMax: number;
  /** Keep the range at or above zero (a cost is never negative). */
  floorAtZero?: boolean;
};

export function paddedDomain(values: number[], { share, minShareOfMax, floorAtZero = false }: DomainPadding): [number, number] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = Math.max((max - min) * share, Math.abs(max) * minShareOfMax, 1e-6);
  return [floorAtZero ? Math.max(0, min - pad) : min - pad, max + pad];
}
