// The daily report form's values: the text of its fields, the report they start from, and the
// input they send, checked in the browser with the API's own schema (submitReportInput) so that a
// field is refused before the round trip for the same reasons the server would refuse it.
import type { FieldErrors, Resolver } from 'react-hook-form';
import { submitReportInput } from '@/lib/reports/report-input';
import { INCIDENT_CATEGORIES, type IncidentCategory } from './incident-categories';

export type IncidentValues = { category: IncidentCategory; description: string; minutesLost: string };
export type ReportValues = {
  scheduledAgents: string;
  presentAgents: string;
  leavers: string;
  /** Optional: empty when the site does not count them. */
  productiveHours: string;
  incidents: IncidentValues[];
  highlights: string;
  blockers: string;
};

/** The part of a stored report the form starts from. */
export type StoredReport = {
  scheduledAgents: number;
  presentAgents: number;
  leavers: number;
  productiveHours: number | null;
  incidents: { category: string; description: string; minutesLost?: number | null }[];
  highlights: string;
  blockers: string;
};

export const REPORT_FIELDS = ['scheduledAgents', 'presentAgents', 'leavers', 'productiveHours', 'incidents', 'highlights', 'blockers'] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

/** The field's text for a stored value: empty when the report did not count them. */
export function hoursText(hours: number | null): string {
  return hours === null ? '' : String(hours);
}

/**
 * The API's value for the optional hours: null when empty; a decimal comma is read as a point (a
 * French keyboard); anything else that is not a number stays NaN, so that the schema refuses it
 * and names the field rather than the form dropping it silently.
 */
export function optionalHours(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d+(?:[.,]\d+)?$/.test(trimmed) ? Number(trimmed.replace(',', '.')) : Number.NaN;
}

/** A whole count's text as the API takes it: empty stays invalid so that the field is named. */
const toCount = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

export function reportValuesOf(report: StoredReport | null): ReportValues {
  return {
    scheduledAgents: report ? String(report.scheduledAgents) : '',
    presentAgents: report ? String(report.presentAgents) : '',
    leavers: report ? String(report.leavers) : '0',
    productiveHours: hoursText(report?.productiveHours ?? null),
    incidents: (report?.incidents ?? []).map((i) => ({
      category: (INCIDENT_CATEGORIES as readonly string[]).includes(i.category) ? (i.category as IncidentCategory) : 'other',
      description: i.description,
      minutesLost: i.minutesLost === null || i.minutesLost === undefined ? '' : String(i.minutesLost),
    })),
    highlights: report?.highlights ?? '',
    blockers: report?.blockers ?? '',
  };
}

export function reportInputOf(date: string, values: ReportValues) {
  return {
    date,
    scheduledAgents: toCount(values.scheduledAgents),
    presentAgents: toCount(values.presentAgents),
    leavers: toCount(values.leavers),
    productiveHours: optionalHours(values.productiveHours),
    incidents: values.incidents.map((i) => ({
      category: i.category,
      description: i.description,
      minutesLost: i.minutesLost.trim() === '' ? null : Number(i.minutesLost),
    })),
    highlights: values.highlights,
    blockers: values.blockers,
  };
}

/**
 * The form's resolver for one day: the schema's refusals by top-level field (each field has one
 * message of its own in the reader's language; the schema's English is not shown).
 */
export function reportResolver(date: string): Resolver<ReportValues> {
  return async (values) => {
    const result = submitReportInput.safeParse(reportInputOf(date, values));
    if (result.success) return { values, errors: {} };
    const errors: Partial<Record<ReportField, { type: string; message: string }>> = {};
    for (const issue of result.error.issues) {
      const field = issue.path[0];
      if (typeof field === 'string' && (REPORT_FIELDS as readonly string[]).includes(field) && !errors[field as ReportField]) {
        errors[field as ReportField] = { type: issue.code, message: field };
      }
    }
    // A refusal of no field of the form (the day itself): the server answers it as a whole.
    if (Object.keys(errors).length === 0) return { values, errors: {} };
    return { values: {}, errors: errors as FieldErrors<ReportValues> };
  };
}
