/** SQL for projects. Every statement is scoped by workspace_id ($1). */
import type { CivilDate } from '../core/civil-date.ts';
import type { Project, Stage } from '../domain/project.ts';
import type { Actor } from './audit.ts';
import type { Queryable } from './database.ts';

const COLUMNS = `id, workspace_id, number, slug, name, deal_code, sector, sponsor, location, cost_usd, stage,
  announced_on, notice_on, notice_due_on, due_on, calendar, funded_on, funded_usd, declined_on, withdrawn_on,
  closed_reason, channel_id, created_at, updated_at`;

interface ProjectRow {
  id: number;
  workspace_id: string;
  number: number;
  slug: string;
  name: string;
  deal_code: string;
  sector: string | null;
  sponsor: string | null;
  location: string | null;
  cost_usd: number | null;
  stage: Stage;
  announced_on: CivilDate | null;
  notice_on: CivilDate | null;
  notice_due_on: CivilDate | null;
  due_on: CivilDate | null;
  calendar: string | null;
  funded_on: CivilDate | null;
  funded_usd: number | null;
  declined_on: CivilDate | null;
  withdrawn_on: CivilDate | null;
  closed_reason: string | null;
  channel_id: string | null;
  created_at: Date;
  updated_at: Date;
}

function toProject(r: ProjectRow): Project {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    number: r.number,
    slug: r.slug,
    name: r.name,
    dealCode: r.deal_code,
    sector: r.sector,
    sponsor: r.sponsor,
    location: r.location,
    costUsd: r.cost_usd,
    stage: r.stage,
    announcedOn: r.announced_on,
    noticeOn: r.notice_on,
    noticeDueOn: r.notice_due_on,
    dueOn: r.due_on,
    calendar: r.calendar,
    fundedOn: r.funded_on,
    fundedUsd: r.funded_usd,
    declinedOn: r.declined_on,
    withdrawnOn: r.withdrawn_on,
    closedReason: r.closed_reason,
    channelId: r.channel_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The columns a caller may write, in their domain names. */
export interface ProjectFields {
  slug: string;
  name: string;
  dealCode: string;
  sector: string | null;
  sponsor: string | null;
  location: string | null;
  costUsd: number | null;
  stage: Stage;
  announcedOn: CivilDate | null;
  noticeOn: CivilDate | null;
  noticeDueOn: CivilDate | null;
  dueOn: CivilDate | null;
  calendar: string | null;
  fundedOn: CivilDate | null;
  fundedUsd: number | null;
  declinedOn: CivilDate | null;
  withdrawnOn: CivilDate | null;
  closedReason: string | null;
  channelId: string | null;
}

const FIELD_COLUMNS: Record<keyof ProjectFields, string> = {
  slug: 'slug',
  name: 'name',
  dealCode: 'deal_code',
  sector: 'sector',
  sponsor: 'sponsor',
  location: 'location',
  costUsd: 'cost_usd',
  stage: 'stage',
  announcedOn: 'announced_on',
  noticeOn: 'notice_on',
  noticeDueOn: 'notice_due_on',
  dueOn: 'due_on',
  calendar: 'calendar',
  fundedOn: 'funded_on',
  fundedUsd: 'funded_usd',
  declinedOn: 'declined_on',
  withdrawnOn: 'withdrawn_on',
  closedReason: 'closed_reason',
  channelId: 'channel_id',
};

export type NewProject = Pick<ProjectFields, 'slug' | 'name' | 'dealCode'> & Partial<ProjectFields>;

export async function insertProject(q: Queryable, workspaceId: string, fields: NewProject): Promise<Project> {
  const keys = Object.keys(fields).filter((k) => fields[k as keyof NewProject] !== undefined) as (keyof ProjectFields)[];
  const cols = keys.map((k) => FIELD_COLUMNS[k]);
  const values = keys.map((k) => fields[k]);
  // Numbers are per workspace (#1, #2 …); the unique constraint catches a concurrent insert.
  const { rows } = await q.query<ProjectRow>(
    `INSERT INTO project (workspace_id, number, ${cols.join(', ')})
     VALUES ($1, (SELECT coalesce(max(number), 0) + 1 FROM project WHERE workspace_id = $1), ${cols.map((_, i) => `$${i + 2}`).join(', ')})
     RETURNING ${COLUMNS}`,
    [workspaceId, ...values],
  );
  return toProject(rows[0]!);
}

/** The SQL type of each writable column: a bulk insert sends one typed array per column. */
const FIELD_TYPES: Record<keyof ProjectFields, string> = {
  slug: 'text',
  name: 'text',
  dealCode: 'text',
  sector: 'text',
  sponsor: 'text',
  location: 'text',
  costUsd: 'bigint',
  stage: 'text',
  announcedOn: 'date',
  noticeOn: 'date',
  noticeDueOn: 'date',
  dueOn: 'date',
  calendar: 'text',
  fundedOn: 'date',
  fundedUsd: 'bigint',
  declinedOn: 'date',
  withdrawnOn: 'date',
  closedReason: 'text',
  channelId: 'text',
};
const FIELD_KEYS = Object.keys(FIELD_COLUMNS) as (keyof ProjectFields)[];
/** Parameter numbers: $1 is the workspace, then one array per field, then the audit values. */
const SLUG_PARAM = FIELD_KEYS.indexOf('slug') + 2;
const IMPORT_PARAMS = FIELD_KEYS.length + 2;

/**
 * Bulk insert for imports. One statement per batch writes the projects, numbered in batch
 * order after the workspace's highest number, and one `project.import` audit event for
 * each: the data-modifying CTE saves sending the new ids back and forth. Each column
 * travels as one typed array; `unnest` reads arrays far faster than a JSON document.
 * A slug the workspace already has is skipped by the unique index's own lookup rather
 * than by a separate query, and reported.
 */
const INSERT_IMPORTED = `WITH ins AS (
    INSERT INTO project (workspace_id, number, ${FIELD_KEYS.map((k) => FIELD_COLUMNS[k]).join(', ')})
    SELECT $1, base.n + r.ord, ${FIELD_KEYS.map((k) => `r.${FIELD_COLUMNS[k]}`).join(', ')}
    FROM unnest(${FIELD_KEYS.map((k, i) => `$${i + 2}::${FIELD_TYPES[k]}[]`).join(', ')})
         WITH ORDINALITY AS r(${FIELD_KEYS.map((k) => FIELD_COLUMNS[k]).join(', ')}, ord)
    CROSS JOIN (SELECT coalesce(max(number), 0) AS n FROM project WHERE workspace_id = $1) AS base
    ORDER BY r.ord
    ON CONFLICT (workspace_id, slug) DO NOTHING
    RETURNING id, slug
  ), audit AS (
    INSERT INTO audit_event (workspace_id, actor, source, channel_id, action, project_id, subject, after)
    SELECT $1, $${IMPORT_PARAMS}, $${IMPORT_PARAMS + 1}, $${IMPORT_PARAMS + 2}, 'project.import', ins.id, ins.slug, $${IMPORT_PARAMS + 3}::jsonb
    FROM ins
  )
  SELECT r.slug FROM unnest($${SLUG_PARAM}::text[]) WITH ORDINALITY AS r(slug, ord)
  WHERE r.slug NOT IN (SELECT slug FROM ins)
  ORDER BY r.ord LIMIT 1`;

/**
 * Writes imported projects and their audit events. Returns the first slug of the batch
 * that another project already has, if any: the batch is then incomplete and the caller
 * must roll the transaction back.
 */
export async function insertProjects(q: Queryable, workspaceId: string, batch: NewProject[], actor: Actor, file: string): Promise<string | undefined> {
  if (batch.length === 0) return undefined;
  const { rows } = await q.query<{ slug: string }>(INSERT_IMPORTED, [
    workspaceId,
    ...FIELD_KEYS.map((k) => batch.map((p) => p[k] ?? null)),
    actor.userId,
    actor.source,
    actor.channelId ?? null,
    JSON.stringify({ file }),
  ]);
  return rows[0]?.slug;
}

export async function updateProject(q: Queryable, workspaceId: string, id: number, changes: Partial<ProjectFields>): Promise<Project> {
  const keys = Object.keys(changes).filter((k) => changes[k as keyof ProjectFields] !== undefined) as (keyof ProjectFields)[];
  const sets = keys.map((k, i) => `${FIELD_COLUMNS[k]} = $${i + 3}`);
  const { rows } = await q.query<ProjectRow>(
    `UPDATE project SET ${[...sets, 'updated_at = now()'].join(', ')}
     WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [workspaceId, id, ...keys.map((k) => changes[k])],
  );
  if (!rows[0]) throw new Error(`project ${id} vanished during update`);
  return toProject(rows[0]);
}

export async function findProjectBySlug(q: Queryable, workspaceId: string, slug: string): Promise<Project | undefined> {
  const { rows } = await q.query<ProjectRow>(`SELECT ${COLUMNS} FROM project WHERE workspace_id = $1 AND slug = $2`, [workspaceId, slug]);
  return rows[0] && toProject(rows[0]);
}

export async function findProjectByNumber(q: Queryable, workspaceId: string, number: number): Promise<Project | undefined> {
  const { rows } = await q.query<ProjectRow>(`SELECT ${COLUMNS} FROM project WHERE workspace_id = $1 AND number = $2`, [workspaceId, number]);
  return rows[0] && toProject(rows[0]);
}

export async function findProjectById(q: Queryable, workspaceId: string, id: number, forUpdate = false): Promise<Project | undefined> {
  const { rows } = await q.query<ProjectRow>(
    `SELECT ${COLUMNS} FROM project WHERE workspace_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [workspaceId, id],
  );
  return rows[0] && toProject(rows[0]);
}

/** Slugs and names starting with a prefix, for reference resolution (bounded). */
export async function findProjectsByPrefix(q: Queryable, workspaceId: string, prefix: string, limit: number): Promise<Project[]> {
  const { rows } = await q.query<ProjectRow>(
    `SELECT ${COLUMNS} FROM project WHERE workspace_id = $1 AND (slug LIKE $2 ESCAPE '\\' OR lower(name) = $3)
     ORDER BY slug LIMIT $4`,
    [workspaceId, escapeLike(prefix) + '%', prefix, limit],
  );
  return rows.map(toProject);
}

/** The reference candidates (id, number, slug, name) of a workspace, for "did you mean". */
export async function listProjectRefs(q: Queryable, workspaceId: string): Promise<{ id: number; number: number; slug: string; name: string }[]> {
  const { rows } = await q.query<{ id: number; number: number; slug: string; name: string }>(
    'SELECT id, number, slug, name FROM project WHERE workspace_id = $1',
    [workspaceId],
  );
  return rows;
}

export interface ProjectFilter {
  stages?: readonly Stage[];
  dealCode?: string;
  limit: number;
  offset?: number;
}

export async function listProjects(q: Queryable, workspaceId: string, filter: ProjectFilter): Promise<{ projects: Project[]; total: number }> {
  const where = ['workspace_id = $1'];
  const values: unknown[] = [workspaceId];
  if (filter.stages?.length) {
    values.push(filter.stages);
    where.push(`stage = ANY($${values.length}::text[])`);
  }
  if (filter.dealCode) {
    values.push(filter.dealCode);
    where.push(`deal_code = $${values.length}`);
  }
  return page(q, `FROM project WHERE ${where.join(' AND ')}`, values, `ORDER BY number LIMIT ${Math.trunc(filter.limit)} OFFSET ${Math.trunc(filter.offset ?? 0)}`);
}

/** Running clocks (selected), soonest due first — overdue ones sort first by date. */
export async function listRunningClocks(q: Queryable, workspaceId: string, limit: number, dealCode?: string): Promise<{ projects: Project[]; total: number }> {
  const values: unknown[] = [workspaceId];
  let deal = '';
  if (dealCode) {
    values.push(dealCode);
    deal = ' AND deal_code = $2';
  }
  return page(q, `FROM project WHERE workspace_id = $1 AND stage = 'selected'${deal}`, values, `ORDER BY due_on, number LIMIT ${Math.trunc(limit)}`);
}

/**
 * One page of projects and the number of all that match. Two statements, not a
 * `count(*) OVER ()` on the page query: the window would make Postgres fetch and sort every
 * matching row (60,000 running clocks) to return twenty, where the page alone walks an
 * index and stops, and the count reads no columns.
 */
async function page(q: Queryable, from: string, values: unknown[], orderAndLimit: string): Promise<{ projects: Project[]; total: number }> {
  const { rows } = await q.query<ProjectRow>(`SELECT ${COLUMNS} ${from} ${orderAndLimit}`, values);
  const { rows: count } = await q.query<{ n: number }>(`SELECT count(*) AS n ${from}`, values);
  return { projects: rows.map(toProject), total: count[0]?.n ?? 0 };
}

export async function countProjects(q: Queryable, workspaceId: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>('SELECT count(*) AS n FROM project WHERE workspace_id = $1', [workspaceId]);
  return rows[0]?.n ?? 0;
}

/** Every project of a workspace, in number order, streamed in pages (for export). */
export async function* allProjects(q: Queryable, workspaceId: string, pageSize = 5000): AsyncGenerator<Project[]> {
  let after = 0;
  for (;;) {
    const { rows } = await q.query<ProjectRow>(
      `SELECT ${COLUMNS} FROM project WHERE workspace_id = $1 AND number > $2 ORDER BY number LIMIT $3`,
      [workspaceId, after, pageSize],
    );
    if (rows.length === 0) return;
    yield rows.map(toProject);
    after = rows[rows.length - 1]!.number;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}
