/**
 * Reads of the running clocks (selected projects) and the recently closed projects, for the
 * reminder reconciler and the digests. Every statement is scoped by workspace_id ($1).
 */
import type { CivilDate } from '../core/civil-date.ts';
import type { Queryable } from './database.ts';

export interface RunningClock {
  id: number;
  dealCode: string;
  noticeOn: CivilDate;
  dueOn: CivilDate;
  calendar: string | null;
  channelId: string | null;
}

/**
 * Running clocks on one clock calendar due on one date: those of deal `dealCode` with
 * `calendar` of their own, or on the deal's calendar when `calendar` is null.
 */
export interface ClockGroup {
  dealCode: string;
  calendar: string | null;
  dueOn: CivilDate;
}

/** Which running clocks a page is read from (default: all). */
export interface RunningClockFilter {
  /** Only the clocks of these groups. */
  groups?: readonly ClockGroup[];
  /** Only clocks with one of these calendars of their own (`project.calendar`). */
  calendars?: readonly string[];
}

/** SQL condition (and its values, numbered from `next`) for the clocks of `groups`. */
function groupCondition(groups: readonly ClockGroup[], next: number): { sql: string; values: unknown[] } {
  // The due dates go to the (workspace_id, stage, due_on) index; the groups themselves
  // are then matched on the rows found (a deal's own calendar is '' here).
  return {
    sql: `due_on = ANY($${next}::date[])
       AND (deal_code, coalesce(calendar, ''), due_on) IN (SELECT * FROM unnest($${next + 1}::text[], $${next + 2}::text[], $${next + 3}::date[]))`,
    values: [[...new Set(groups.map((g) => g.dueOn))], groups.map((g) => g.dealCode), groups.map((g) => g.calendar ?? ''), groups.map((g) => g.dueOn)],
  };
}

/**
 * Running clocks by id, one page at a time, with only the columns planning needs. With a
 * `groups` filter only the clocks due on those dates are read, through the
 * (workspace_id, stage, due_on) index.
 */
export async function runningClocksAfter(
  q: Queryable,
  workspaceId: string,
  afterId: number,
  limit: number,
  filter: RunningClockFilter = {},
): Promise<RunningClock[]> {
  const values: unknown[] = [workspaceId, afterId, limit];
  let where = '';
  if (filter.groups) {
    const c = groupCondition(filter.groups, values.length + 1);
    where += ` AND ${c.sql}`;
    values.push(...c.values);
  }
  if (filter.calendars) {
    values.push(filter.calendars);
    where += ` AND calendar = ANY($${values.length}::text[])`;
  }
  const { rows } = await q.query<{
    id: number;
    deal_code: string;
    notice_on: CivilDate;
    due_on: CivilDate;
    calendar: string | null;
    channel_id: string | null;
  }>(
    `SELECT id, deal_code, notice_on, due_on, calendar, channel_id FROM project
     WHERE workspace_id = $1 AND stage = 'selected' AND id > $2 AND notice_on IS NOT NULL AND due_on IS NOT NULL${where}
     ORDER BY id LIMIT $3`,
    values,
  );
  return rows.map((r) => ({ id: r.id, dealCode: r.deal_code, noticeOn: r.notice_on, dueOn: r.due_on, calendar: r.calendar, channelId: r.channel_id }));
}

export interface RunningClockOutline {
  /** The earliest and latest due date of a running clock; null when none runs. */
  firstDue: CivilDate | null;
  lastDue: CivilDate | null;
  /** The calendars of their own that running clocks use (most use their deal's: NULL). */
  calendars: { dealCode: string; calendar: string }[];
}

/**
 * What the reconciler needs to know before choosing which clocks to read: the range of
 * due dates (two probes of the (workspace_id, stage, due_on) index) and the calendars of
 * their own in use (the partial index of migration 0005), without reading every clock.
 */
export async function runningClockOutline(q: Queryable, workspaceId: string): Promise<RunningClockOutline> {
  const { rows } = await q.query<{ first_due: CivilDate | null; last_due: CivilDate | null; calendars: { deal_code: string; calendar: string }[] | null }>(
    `SELECT
       (SELECT min(due_on) FROM project WHERE workspace_id = $1 AND stage = 'selected') AS first_due,
       (SELECT max(due_on) FROM project WHERE workspace_id = $1 AND stage = 'selected') AS last_due,
       (SELECT json_agg(c) FROM (
          SELECT DISTINCT deal_code, calendar FROM project WHERE workspace_id = $1 AND stage = 'selected' AND calendar IS NOT NULL
        ) c) AS calendars`,
    [workspaceId],
  );
  const r = rows[0]!;
  return { firstDue: r.first_due, lastDue: r.last_due, calendars: (r.calendars ?? []).map((c) => ({ dealCode: c.deal_code, calendar: c.calendar })) };
}

/** How many running clocks each of `groups` has (groups without one are left out), by due date. */
export async function runningClocksPerGroup(q: Queryable, workspaceId: string, groups: readonly ClockGroup[]): Promise<(ClockGroup & { clocks: number })[]> {
  if (groups.length === 0) return [];
  const c = groupCondition(groups, 2);
  const { rows } = await q.query<{ deal_code: string; calendar: string; due_on: CivilDate; n: number }>(
    `SELECT deal_code, coalesce(calendar, '') AS calendar, due_on, count(*)::int AS n FROM project
     WHERE workspace_id = $1 AND stage = 'selected' AND notice_on IS NOT NULL AND ${c.sql}
     GROUP BY 1, 2, 3 ORDER BY 3, 1, 2`,
    [workspaceId, ...c.values],
  );
  return rows.map((r) => ({ dealCode: r.deal_code, calendar: r.calendar === '' ? null : r.calendar, dueOn: r.due_on, clocks: r.n }));
}

export interface ClosedProject {
  id: number;
  number: number;
  slug: string;
  name: string;
  dealCode: string;
  stage: 'funded' | 'declined';
  on: CivilDate | null;
}

/** Projects funded or declined (by the audit trail) after `since`, newest first. */
export async function closedSince(q: Queryable, workspaceId: string, since: Date, dealCode: string | null, limit: number): Promise<ClosedProject[]> {
  const { rows } = await q.query<{
    id: number;
    number: number;
    slug: string;
    name: string;
    deal_code: string;
    stage: 'funded' | 'declined';
    on: CivilDate | null;
  }>(
    `SELECT p.id, p.number, p.slug, p.name, p.deal_code, p.stage, coalesce(p.funded_on, p.declined_on) AS on
     FROM project p
     WHERE p.workspace_id = $1 AND p.stage IN ('funded', 'declined') AND ($3::text IS NULL OR p.deal_code = $3)
       AND EXISTS (SELECT 1 FROM audit_event a WHERE a.workspace_id = $1 AND a.project_id = p.id AND a.action = 'project.stage'
                   AND a.after->>'stage' = p.stage AND a.at > $2)
     ORDER BY coalesce(p.funded_on, p.declined_on) DESC NULLS LAST, p.number LIMIT $4`,
    [workspaceId, since, dealCode, limit],
  );
  return rows.map((r) => ({ id: r.id, number: r.number, slug: r.slug, name: r.name, dealCode: r.deal_code, stage: r.stage, on: r.on }));
}
