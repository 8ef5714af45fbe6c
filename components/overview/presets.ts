// The overview's default period, read by the page's server-side prefetch and by its client alike.
export const OVERVIEW_DEFAULT_PRESET = 'last_7_days' as const;
