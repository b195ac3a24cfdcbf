/**
 * SQL for calendar feeds (migration 0009): the feeds themselves and the projects a feed
 * publishes. Every statement is scoped by workspace_id ($1) except the token lookup,
 * which is how a request without a workspace finds its feed (and so its workspace).
 */
import type { CivilDate } from '../core/civil-date.ts';
import type { Stage } from '../domain/project.ts';
import { selectList } from './columns.ts';
import type { Queryable } from './database.ts';

export interface Feed {
  id: number;
  workspaceId: string;
  tokenHash: string;
  dealCode: string | null;
  channelId: string | null;
  milestones: boolean;
  /** The language of the calendar's words. */
  locale: string;
  createdBy: string;
  createdAt: Date;
  revokedBy: string | null;
  revokedAt: Date | null;
}

const COLUMNS = selectList<Feed>([
  'id',
  'workspaceId',
  'tokenHash',
  'dealCode',
  'channelId',
  'milestones',
  'locale',
  'createdBy',
  'createdAt',
  'revokedBy',
  'revokedAt',
]);

export type NewFeed = Pick<Feed, 'tokenHash' | 'dealCode' | 'channelId' | 'milestones' | 'locale' | 'createdBy'>;

/** Which projects a feed shows: one deal's, one channel's, or (both null) all. */
export type FeedFilter = Pick<Feed, 'dealCode' | 'channelId'>;

/** A project as a feed shows it. */
export interface FeedProject {
  id: number;
  number: number;
  slug: string;
  name: string;
  dealCode: string;
  stage: Stage;
  noticeOn: CivilDate;
  noticeDueOn: CivilDate | null;
  dueOn: CivilDate;
  calendar: string | null;
  channelId: string | null;
  /** Rises with each change of the due date or the stage (the trigger of migration 0009). */
  feedSequence: number;
  updatedAt: Date;
  /** Takes a new value from a sequence on every insert and update (migration 0009): the row's exact version. */
  changeNo: string | number;
}

const PROJECT_COLUMNS = selectList<FeedProject>([
  'id',
  'number',
  'slug',
  'name',
  'dealCode',
  'stage',
  'noticeOn',
  'noticeDueOn',
  'dueOn',
  'calendar',
  'channelId',
  'feedSequence',
  'updatedAt',
  'changeNo',
]);

export async function insertFeed(q: Queryable, workspaceId: string, f: NewFeed): Promise<Feed> {
  const { rows } = await q.query<Feed>(
    `INSERT INTO feed (workspace_id, token_hash, deal_code, channel_id, milestones, locale, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [workspaceId, f.tokenHash, f.dealCode, f.channelId, f.milestones, f.locale, f.createdBy],
  );
  return rows[0]!;
}

export async function findFeed(q: Queryable, workspaceId: string, id: number, forUpdate = false): Promise<Feed | undefined> {
  const { rows } = await q.query<Feed>(`SELECT ${COLUMNS} FROM feed WHERE workspace_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [workspaceId, id]);
  return rows[0];
}

/** The workspace's feeds that still work, oldest first, bounded. */
export async function listActiveFeeds(q: Queryable, workspaceId: string, limit: number): Promise<Feed[]> {
  const { rows } = await q.query<Feed>(`SELECT ${COLUMNS} FROM feed WHERE workspace_id = $1 AND revoked_at IS NULL ORDER BY id LIMIT $2`, [workspaceId, limit]);
  return rows;
}

export async function revokeFeed(q: Queryable, workspaceId: string, id: number, revokedBy: string): Promise<Feed | undefined> {
  const { rows } = await q.query<Feed>(
    `UPDATE feed SET revoked_at = now(), revoked_by = $3 WHERE workspace_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
    [workspaceId, id, revokedBy],
  );
  return rows[0];
}

/** The working feed with this token hash, in whichever workspace it is; undefined for an unknown or revoked one. */
export async function activeFeedByTokenHash(q: Queryable, tokenHash: string): Promise<Feed | undefined> {
  const { rows } = await q.query<Feed>(`SELECT ${COLUMNS} FROM feed WHERE token_hash = $1 AND revoked_at IS NULL`, [tokenHash]);
  return rows[0];
}

/** SQL condition for the projects of a feed: running clocks, and those closed since $2 after a clock ran. */
const FEED_PROJECTS = `workspace_id = $1 AND due_on IS NOT NULL AND notice_on IS NOT NULL
  AND (stage = 'selected' OR (stage IN ('funded', 'declined', 'withdrawn') AND updated_at > $2))
  AND ($3::text IS NULL OR deal_code = $3) AND ($4::text IS NULL OR channel_id = $4)`;

/** The projects a feed shows, soonest due first. */
export async function feedProjects(q: Queryable, workspaceId: string, filter: FeedFilter, closedSince: Date): Promise<FeedProject[]> {
  const { rows } = await q.query<FeedProject>(`SELECT ${PROJECT_COLUMNS} FROM project WHERE ${FEED_PROJECTS} ORDER BY due_on, number`, [
    workspaceId,
    closedSince,
    filter.dealCode,
    filter.channelId,
  ]);
  return rows;
}

/**
 * The feed's projects as (id, change_no), in feed order: what a rebuild reads first, so
 * that only the projects whose events are not kept are read in full.
 */
export async function feedProjectVersions(
  q: Queryable,
  workspaceId: string,
  filter: FeedFilter,
  closedSince: Date,
): Promise<{ id: number; changeNo: string }[]> {
  const { rows } = await q.query<{ id: number; changeNo: string }>(
    `SELECT id, change_no::text AS "changeNo" FROM project WHERE ${FEED_PROJECTS} ORDER BY due_on, number`,
    [workspaceId, closedSince, filter.dealCode, filter.channelId],
  );
  return rows;
}

/** Projects of a workspace by id, in full (those a rebuild must write afresh). */
export async function feedProjectsById(q: Queryable, workspaceId: string, ids: readonly number[]): Promise<FeedProject[]> {
  if (ids.length === 0) return [];
  const { rows } = await q.query<FeedProject>(`SELECT ${PROJECT_COLUMNS} FROM project WHERE workspace_id = $1 AND id = ANY($2::bigint[])`, [workspaceId, ids]);
  return rows;
}

export interface FeedVersion {
  /** The workspace's latest project change (migration 0009's counter); null without projects. */
  changeNo: string | null;
  /** Calendar overrides: adding or removing one can move due dates and spreads. */
  overrides: number;
  /** When the latest project change or override was made; null for an empty workspace. */
  lastModified: Date | null;
}

/**
 * What a workspace's feeds depend on, from two index probes and the (small) overrides: a
 * conditional request is answered 304 from this, without reading the feed's projects.
 * It is the workspace's version, not one feed's: a change outside a feed's filter costs
 * its subscribers one full download, never a stale calendar.
 */
export async function feedVersion(q: Queryable, workspaceId: string): Promise<FeedVersion> {
  const { rows } = await q.query<{ change_no: string | null; changed_at: Date | null; overrides: number; overrides_last: Date | null }>(
    `SELECT p.change_no::text, p.updated_at AS changed_at, o.overrides, o.last AS overrides_last
     FROM (SELECT count(*)::int AS overrides, max(created_at) AS last FROM calendar_override WHERE workspace_id = $1) o
     LEFT JOIN LATERAL (SELECT change_no, updated_at FROM project WHERE workspace_id = $1 ORDER BY change_no DESC LIMIT 1) p ON true`,
    [workspaceId],
  );
  const r = rows[0]!;
  const last = [r.changed_at, r.overrides_last].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return { changeNo: r.change_no, overrides: r.overrides, lastModified: last };
}
