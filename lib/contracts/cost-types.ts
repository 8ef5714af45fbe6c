// What a contact costs at what quality, per site over a date range: the overview's cost column,
// its cost-versus-quality chart and the saving of each offshore site against the onshore
// reference site (contracts.costs answers it).
export type SiteCost = {
  code: string;
  name: string;
  kind: 'onshore' | 'nearshore' | 'offshore';
  /** Null when the site has no contract in force over the range: no cost is shown, never 0. */
  currency: string | null;
  handled: number;
  resolved: number;
  /** The pricing applied to the range's volume, fixed fees and seats prorated by days (see docs/contracts.md). */
  amount: number | null;
  perHandled: number | null;
  perResolved: number | null;
  /** The same in HQ's currency at each month's rate; null when a month's rate is missing. */
  hqAmount: number | null;
  hqPerHandled: number | null;
  hqPerResolved: number | null;
  /** Quality beside the cost (0–100 and a fraction, as the KPI module computes them). */
  qaScore: number | null;
  csat: number | null;
  /**
   * For a site other than the reference: (reference's HQ cost per handled call − this site's) ×
   * this site's handled calls, in HQ's currency; positive is a saving. Null without both costs.
   */
  savingVsReference: number | null;
};

export type SiteCosts = {
  from: string;
  to: string;
  hqCurrency: string;
  /** The onshore reference site (setting, or the first onshore site with a contract). */
  referenceSite: string | null;
  sites: SiteCost[];
};
