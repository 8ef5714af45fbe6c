// Rounding of the contracts' figures: money to the cent at each line, per-call costs to 4 decimals.
// Pure, shared by the statement, the range cost and their pages.

/**
 * `value` rounded to `decimals` places, halves away from zero, as written in decimal: 1.005 is
 * stored as 1.00499999…, and a bill that says 1.005 rounds to 1.01, so binary noise is dropped
 * (15 significant digits) before rounding. Never answers -0.
 */
export function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  const factor = 10 ** decimals;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  const rounded = (Math.sign(value) * Math.round(scaled)) / factor;
  return rounded === 0 ? 0 : rounded;
}

/** An amount to the cent: every line of a statement, and every total of a cost. */
export function roundMoney(value: number): number {
  return roundTo(value, 2);
}

/** Cost per handled or resolved call: 4 decimals, so cheap calls still compare. */
export function roundUnitCost(value: number): number {
  return roundTo(value, 4);
}

/** An amount per call, or null when nothing was handled (or the amount is unknown). */
export function perCall(amount: number | null, calls: number): number | null {
  if (amount === null || calls <= 0) return null;
  return roundUnitCost(amount / calls);
}
