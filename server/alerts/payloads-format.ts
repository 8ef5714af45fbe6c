// The languages an alert message is written in. The words and figures themselves (metric names,
// formulas, values in their units, windows, scopes) live in lib/alerts/wording.ts, shared with the
// /alerts page so that the e-mail and the page say the same thing.
export type { AlertLocale as MessageLocale } from '@/lib/alerts/wording';
