// A site's roster: the import of a CSV file (all or nothing), the list, tenure and attrition, and
// the removal of a person's name. A site lead works on their own site, an administrator on any;
// everyone signed in reads the sites they see. Every write is audited in its transaction, with
// references and counts but never names (a removed name must not live on in the audit log).
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { listRosterRows, lockSiteRoster, removeRosterName, upsertRosterRows, type RosterImportColumns } from '@/db/queries/roster';
import type { SiteAgentRow } from '@/db/schema';
import { parseRosterCsv, type RosterEntry, type RosterParse, type RosterRejection } from '@/lib/agents/roster-csv';
import type { RosterImportInput, RosterImportOutput, RosterPerson } from '@/lib/agents/roster-input';
import { attritionByMonth, isOnHeadcount, tenureBandOf, tenureBands, type MonthAttrition, type TenureBands } from '@/lib/agents/tenure';
import { todayIn } from '@/lib/kpi/periods';
import type { Actor, Principal } from '@/server/auth/principal';
import { DomainError } from '@/server/errors';
import { siteForLeadOrAdmin, siteInScope, writesForSite } from '@/server/qa/site-access';
import type { SiteScope } from '@/server/auth/principal';

export const OTHER_SITE_MESSAGE = "A site's roster is written by its own lead or an administrator";

type Preview = Pick<RosterImportOutput, 'added' | 'changed' | 'unchanged' | 'namesBack' | 'notInFile'>;
type Entry = RosterEntry & { line: number };

function columnsOf(parsed: RosterParse): RosterImportColumns {
  return { team: parsed.columns.includes('team'), startDate: parsed.columns.includes('startDate'), endDate: parsed.columns.includes('endDate') };
}

/** A person as the import leaves them (the upsert's rules, db/queries/roster.ts). */
function merged(e: RosterEntry, before: SiteAgentRow | undefined, columns: RosterImportColumns): RosterEntry {
  return {
    agentRef: e.agentRef,
    name: e.name ?? before?.name ?? null,
    team: columns.team ? e.team : (before?.team ?? null),
    startDate: columns.startDate ? e.startDate : (before?.startDate ?? null),
    endDate: columns.endDate ? e.endDate : (before?.endDate ?? null),
  };
}

/**
 * What importing these people over the stored roster does, and the lines whose dates would cross
 * with the stored ones (an end date given alone, before the start date the roster holds).
 */
function previewOf(entries: readonly Entry[], stored: readonly SiteAgentRow[], columns: RosterImportColumns): Preview & { crossed: RosterRejection[] } {
  const byRef = new Map(stored.map((r) => [r.agentRef, r]));
  const preview: Preview = { added: 0, changed: 0, unchanged: 0, namesBack: 0, notInFile: 0 };
  const crossed: RosterRejection[] = [];
  const named = new Set<string>();
  for (const e of entries) {
    named.add(e.agentRef);
    const before = byRef.get(e.agentRef);
    const after = merged(e, before, columns);
    if (after.startDate !== null && after.endDate !== null && after.endDate < after.startDate) {
      crossed.push({
        line: e.line,
        code: 'end_before_start',
        column: columns.endDate ? 'endDate' : 'startDate',
        value: (columns.endDate ? after.endDate : after.startDate) ?? undefined,
        reason: `With the roster's ${columns.endDate ? 'start' : 'end'} date, the end date ${after.endDate} would be before the start date ${after.startDate}: give both columns.`,
      });
    }
    if (!before) {
      preview.added++;
      continue;
    }
    if (e.name !== null && before.nameRemovedAt !== null) preview.namesBack++;
    const same = after.name === before.name && after.team === before.team && after.startDate === before.startDate && after.endDate === before.endDate;
    if (same) preview.unchanged++;
    else preview.changed++;
  }
  preview.notInFile = stored.filter((r) => !named.has(r.agentRef)).length;
  return { ...preview, crossed };
}

/**
 * Imports a roster file, all or nothing: a file with any rejected line writes nothing and says
 * why, line by line; a dry run writes nothing either and says what the import would change.
 * People the file does not name are kept; a column the file leaves out keeps what the roster
 * holds; an empty name cell keeps the stored name (or its removal), a name given replaces it and
 * brings a removed one back.
 */
export async function importRoster(db: Db, principal: Principal, actor: Actor, input: RosterImportInput, now: Date): Promise<RosterImportOutput> {
  const site = await siteForLeadOrAdmin(db, principal, input.site, OTHER_SITE_MESSAGE);
  const parsed = parseRosterCsv(input.csv);
  const columns = columnsOf(parsed);
  const dryRun = input.dryRun === true;
  const answer = (preview: Preview & { crossed: RosterRejection[] }, committed: boolean): RosterImportOutput => {
    const { crossed, ...counts } = preview;
    const rejected = [...parsed.rejected, ...crossed].sort((a, b) => a.line - b.line);
    return { site: site.code, committed, dryRun, people: parsed.entries.length - crossed.length, rejected, ignoredColumns: parsed.ignoredColumns, ...counts };
  };
  if (dryRun || parsed.rejected.length > 0 || parsed.entries.length === 0) {
    return answer(previewOf(parsed.entries, await listRosterRows(db, site.id), columns), false);
  }
  const preview = await db.transaction(async (tx) => {
    // Under the site's lock, so that the check of the dates against the stored ones holds until the write.
    await lockSiteRoster(tx, site.id);
    const before = previewOf(parsed.entries, await listRosterRows(tx, site.id), columns);
    if (before.crossed.length > 0) return before;
    const entries = parsed.entries.map(({ line: _line, ...entry }) => entry);
    await upsertRosterRows(tx, site.id, entries, columns, now);
    const { crossed: _crossed, ...counts } = before;
    await insertAudit(tx, {
      ...actor,
      action: 'roster.import',
      entity: 'site_agents',
      entityId: site.code,
      siteId: site.id,
      details: { ...counts, people: entries.length, columns: parsed.columns, ignoredColumns: parsed.ignoredColumns },
    });
    return before;
  });
  return answer(preview, preview.crossed.length === 0);
}

/** Removes a person's name from the roster; their reference, team, dates and figures stay. */
export async function removeRosterPersonName(db: Db, principal: Principal, actor: Actor, input: { site: string; agentRef: string }, now: Date): Promise<{ site: string; agentRef: string }> {
  const site = await siteForLeadOrAdmin(db, principal, input.site, OTHER_SITE_MESSAGE);
  return db.transaction(async (tx) => {
    const row = await removeRosterName(tx, site.id, input.agentRef, now);
    if (!row) throw new DomainError('NOT_FOUND', `The roster of ${site.code} has no reference ${input.agentRef}`);
    await insertAudit(tx, { ...actor, action: 'roster.remove_name', entity: 'site_agents', entityId: input.agentRef, siteId: site.id, details: { agentRef: input.agentRef } });
    return { site: site.code, agentRef: input.agentRef };
  });
}

export type RosterList = { site: { code: string; name: string }; asOf: string; canEdit: boolean; people: RosterPerson[] };

/** The roster with each person's tenure band on the site's today. */
export async function listRoster(db: Db, principal: Principal, scope: SiteScope, code: string, now: Date): Promise<RosterList> {
  const site = await siteInScope(db, scope, code);
  const asOf = todayIn(now, site.timezone);
  const rows = await listRosterRows(db, site.id);
  return {
    site: { code: site.code, name: site.name },
    asOf,
    canEdit: writesForSite(principal, site.id),
    people: rows.map((r) => {
      const onHeadcount = isOnHeadcount(r, asOf);
      return {
        agentRef: r.agentRef,
        name: r.name,
        team: r.team,
        startDate: r.startDate,
        endDate: r.endDate,
        nameRemovedAt: r.nameRemovedAt?.toISOString() ?? null,
        onHeadcount,
        tenureBand: onHeadcount && r.startDate !== null ? tenureBandOf(r.startDate, asOf) : null,
      };
    }),
  };
}

export type RosterSummary = { site: string; from: string; to: string; tenure: TenureBands; months: MonthAttrition[]; people: number };

/** Tenure bands on the last day of the range (today when the range runs past it) and attrition per month of the range. */
export async function rosterSummary(db: Db, scope: SiteScope, input: { site: string; from: string; to: string }, now: Date): Promise<RosterSummary> {
  const site = await siteInScope(db, scope, input.site);
  const today = todayIn(now, site.timezone);
  const rows = await listRosterRows(db, site.id);
  const asOf = input.to > today && input.from <= today ? today : input.to;
  return {
    site: site.code,
    from: input.from,
    to: input.to,
    tenure: tenureBands(rows, asOf),
    months: attritionByMonth(rows, input),
    people: rows.length,
  };
}
