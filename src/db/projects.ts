/** SQL for projects. Every statement is scoped by workspace_id ($1). */
import type { Project, Stage } from '../domain/project.ts';
import type { Actor } from './audit.ts';
import type { Queryable } from './database.ts';

/** The columns a caller may write, in their domain names: every column but the keys and timestamps. */
export type ProjectFields = Omit<Project, 'id' | 'workspaceId' | 'number' | 'createdAt' | 'updatedAt'>;

/**
 * Every writable project column: its domain name, its SQL column and its SQL type (a bulk
 * insert sends one typed array per column). A new project field is a migration, a row here
 * and the places that show it; the statements below are built from this table.
 */
const FIELDS = {
  slug: ['slug', 'text'],
  name: ['name', 'text'],
  dealCode: ['deal_code', 'text'],
  sector: ['sector', 'text'],
  sponsor: ['sponsor', 'text'],
  location: ['location', 'text'],
  costUsd: ['cost_usd', 'bigint'],
  costQualifier: ['cost_qualifier', 'text'],
  stage: ['stage', 'text'],
  announcedOn: ['announced_on', 'date'],
  noticeOn: ['notice_on', 'date'],
  noticeDueOn: ['notice_due_on', 'date'],
  dueOn: ['due_on', 'date'],
  calendar: ['calendar', 'text'],
  fundedOn: ['funded_on', 'date'],
  fundedUsd: ['funded_usd', 'bigint'],
  declinedOn: ['declined_on', 'date'],
  withdrawnOn: ['withdrawn_on', 'date'],
  closedReason: ['closed_reason', 'text'],
  channelId: ['channel_id', 'text'],
} as const satisfies Record<keyof ProjectFields, readonly [column: string, type: 'text' | 'bigint' | 'date']>;

const FIELD_KEYS = Object.keys(FIELDS) as (keyof ProjectFields)[];
const column = (key: keyof ProjectFields): string => FIELDS[key][0];

/** The select list: each column under its domain name, so a row is a `Project` as it comes. */
const COLUMNS = [
  'id',
  'workspace_id AS "workspaceId"',
  'number',
  ...FIELD_KEYS.map((k) => (column(k) === k ? k : `${column(k)} AS "${k}"`)),
  'created_at AS "createdAt"',
  'updated_at AS "updatedAt"',
].join(', ');

export type NewProject = Pick<ProjectFields, 'slug' | 'name' | 'dealCode'> & Partial<ProjectFields>;

/**
 * Hands out `count` project numbers of workspace $1: raises its counter row
 * (migrations/0006_project_numbers.sql) and returns the new highest number as `last`.
 * The row stays locked until the transaction ends, so concurrent adds — on other
 * connections or other replicas — wait for it and then continue from its new value: no two
 * get one number, and none fails. The counter never goes below the highest number present,
 * so a number written outside dealclock (SQL by hand) is not handed out again; the first
 * add of a workspace creates the row (two at once: the second waits on the unique index,
 * then updates the first's row).
 */
function reserveNumbers(count: string): string {
  const highest = '(SELECT coalesce(max(number), 0) FROM project WHERE workspace_id = $1)';
  return `INSERT INTO project_number_counter AS c (workspace_id, last_number) VALUES ($1, ${highest} + ${count})
    ON CONFLICT (workspace_id) DO UPDATE SET last_number = greatest(c.last_number, ${highest}) + ${count}
    RETURNING last_number AS last`;
}

export async function insertProject(q: Queryable, workspaceId: string, fields: NewProject): Promise<Project> {
  const keys = Object.keys(fields).filter((k) => fields[k as keyof NewProject] !== undefined) as (keyof ProjectFields)[];
  const cols = keys.map(column);
  const values = keys.map((k) => fields[k]);
  // Numbers are per workspace (#1, #2 …), from the workspace's counter.
  const { rows } = await q.query<Project>(
    `WITH reserved AS (${reserveNumbers('1')})
     INSERT INTO project (workspace_id, number, ${cols.join(', ')})
     VALUES ($1, (SELECT last FROM reserved), ${cols.map((_, i) => `$${i + 2}`).join(', ')})
     RETURNING ${COLUMNS}`,
    [workspaceId, ...values],
  );
  return rows[0]!;
}

/** Parameter numbers: $1 is the workspace, then one array per field, then the audit values. */
const SLUG_PARAM = FIELD_KEYS.indexOf('slug') + 2;
const IMPORT_PARAMS = FIELD_KEYS.length + 2;

/**
 * Bulk insert for imports. One statement per batch writes the projects, numbered in batch
 * order from a block reserved on the workspace's counter, and one `project.import` audit event for
 * each: the data-modifying CTE saves sending the new ids back and forth. Each column
 * travels as one typed array; `unnest` reads arrays far faster than a JSON document.
 * A slug the workspace already has is skipped by the unique index's own lookup rather
 * than by a separate query, and reported.
 */
const BATCH_SIZE = `cardinality($${SLUG_PARAM}::text[])`;
const INSERT_IMPORTED = `WITH reserved AS (${reserveNumbers(BATCH_SIZE)}), ins AS (
    INSERT INTO project (workspace_id, number, ${FIELD_KEYS.map(column).join(', ')})
    SELECT $1, reserved.last - ${BATCH_SIZE} + r.ord, ${FIELD_KEYS.map((k) => `r.${column(k)}`).join(', ')}
    FROM unnest(${FIELD_KEYS.map((k, i) => `$${i + 2}::${FIELDS[k][1]}[]`).join(', ')})
         WITH ORDINALITY AS r(${FIELD_KEYS.map(column).join(', ')}, ord)
    CROSS JOIN reserved
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
  const sets = keys.map((k, i) => `${column(k)} = $${i + 3}`);
  const { rows } = await q.query<Project>(
    `UPDATE project SET ${[...sets, 'updated_at = now()'].join(', ')}
     WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [workspaceId, id, ...keys.map((k) => changes[k])],
  );
  if (!rows[0]) throw new Error(`project ${id} vanished during update`);
  return rows[0];
}

export async function findProjectBySlug(q: Queryable, workspaceId: string, slug: string): Promise<Project | undefined> {
  const { rows } = await q.query<Project>(`SELECT ${COLUMNS} FROM project WHERE workspace_id = $1 AND slug = $2`, [workspaceId, slug]);
  return rows[0];
}

export async function findProjectByNumber(q: Queryable, workspaceId: string, number: number): Promise<Project | undefined> {
  const { rows } = await q.query<Project>(`SELECT ${COLUMNS} FROM project WHERE workspace_id = $1 AND number = $2`, [workspaceId, number]);
  return rows[0];
}

export async function findProjectById(q: Queryable, workspaceId: string, id: number, forUpdate = false): Promise<Project | undefined> {
  const { rows } = await q.query<Project>(`SELECT ${COLUMNS} FROM project WHERE workspace_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [
    workspaceId,
    id,
  ]);
  return rows[0];
}

/** Slugs and names starting with a prefix, for reference resolution (bounded). */
export async function findProjectsByPrefix(q: Queryable, workspaceId: string, prefix: string, limit: number): Promise<Project[]> {
  const { rows } = await q.query<Project>(
    `SELECT ${COLUMNS} FROM project WHERE workspace_id = $1 AND (slug LIKE $2 ESCAPE '\\' OR lower(name) = $3)
     ORDER BY slug LIMIT $4`,
    [workspaceId, escapeLike(prefix) + '%', prefix, limit],
  );
  return rows;
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
  return page(
    q,
    `FROM project WHERE ${where.join(' AND ')}`,
    values,
    `ORDER BY number LIMIT ${Math.trunc(filter.limit)} OFFSET ${Math.trunc(filter.offset ?? 0)}`,
  );
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
  const { rows } = await q.query<Project>(`SELECT ${COLUMNS} ${from} ${orderAndLimit}`, values);
  const { rows: count } = await q.query<{ n: number }>(`SELECT count(*) AS n ${from}`, values);
  return { projects: rows, total: count[0]?.n ?? 0 };
}

export async function countProjects(q: Queryable, workspaceId: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>('SELECT count(*) AS n FROM project WHERE workspace_id = $1', [workspaceId]);
  return rows[0]?.n ?? 0;
}

/** Every project of a workspace, in number order, streamed in pages (for export). */
export async function* allProjects(q: Queryable, workspaceId: string, pageSize = 5000): AsyncGenerator<Project[]> {
  let after = 0;
  for (;;) {
    const { rows } = await q.query<Project>(`SELECT ${COLUMNS} FROM project WHERE workspace_id = $1 AND number > $2 ORDER BY number LIMIT $3`, [
      workspaceId,
      after,
      pageSize,
    ]);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.number;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}
