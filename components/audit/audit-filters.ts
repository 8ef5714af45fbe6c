// The audit page's filter form as the audit.list input: days picked in the reader's own time zone
// become instants (the "to" day is included, so the range ends at the next midnight there).
import { TZDate } from '@date-fns/tz';

export type AuditFilterFields = {
  actor: string;
  action: string;
  entity: string;
  site: string;
  /** YYYY-MM-DD, or empty. */
  from: string;
  to: string;
};

export const EMPTY_AUDIT_FILTERS: AuditFilterFields = { actor: '', action: '', entity: '', site: '', from: '', to: '' };

export type AuditQueryFilters = {
  actor?: string;
  action?: string;
  entity?: string;
  site?: string;
  from?: Date;
  to?: Date;
};

/** Midnight of a YYYY-MM-DD day in a time zone, `addDays` later; null when the day is not one. */
export function startOfDayIn(day: string, timeZone: string, addDays = 0): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const local = new TZDate(year, month - 1, date + addDays, timeZone);
  if (Number.isNaN(local.getTime())) return null;
  return new Date(local.getTime());
}

export function auditQueryOf(fields: AuditFilterFields, timeZone: string): AuditQueryFilters {
  const query: AuditQueryFilters = {};
  if (fields.actor.trim()) query.actor = fields.actor.trim();
  if (fields.action) query.action = fields.action;
  if (fields.entity) query.entity = fields.entity;
  if (fields.site) query.site = fields.site;
  const from = fields.from ? startOfDayIn(fields.from, timeZone) : null;
  const to = fields.to ? startOfDayIn(fields.to, timeZone, 1) : null;
  if (from) query.from = from;
  if (to) query.to = to;
  return query;
}

/** The families of actions ("user." for user.create, user.update…), for a filter on all of them. */
export function actionFamilies(actions: readonly string[]): string[] {
  const families = new Set<string>();
  for (const action of actions) {
    const dot = action.lastIndexOf('.');
    if (dot > 0) families.add(action.slice(0, dot + 1));
  }
  return [...families].sort();
}
