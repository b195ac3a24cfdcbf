/** SQL for the audit trail. Every change is recorded here: who, when, from where, before → after. */
import type { Queryable } from './database.ts';

export type AuditSource = 'slack' | 'shell' | 'cli' | 'system';

export interface Actor {
  /** Slack user id, or the local user's name for the shell and CLI. */
  userId: string;
  source: AuditSource;
  channelId?: string | undefined;
}

export interface AuditEntry {
  action: string;
  projectId?: number | undefined;
  subject?: string | undefined;
  before?: unknown;
  after?: unknown;
}

export interface AuditEvent {
  id: number;
  at: Date;
  actor: string;
  source: AuditSource;
  channelId: string | null;
  action: string;
  projectId: number | null;
  subject: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export async function recordAudit(q: Queryable, workspaceId: string, actor: Actor, entry: AuditEntry): Promise<void> {
  await q.query(
    `INSERT INTO audit_event (workspace_id, actor, source, channel_id, action, project_id, subject, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      workspaceId,
      actor.userId,
      actor.source,
      actor.channelId ?? null,
      entry.action,
      entry.projectId ?? null,
      entry.subject ?? null,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    ],
  );
}

const EVENT_COLUMNS = 'id, at, actor, source, channel_id, action, project_id, subject, before, after';

interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  source: AuditSource;
  channel_id: string | null;
  action: string;
  project_id: number | null;
  subject: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

function toEvent(r: AuditRow): AuditEvent {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    source: r.source,
    channelId: r.channel_id,
    action: r.action,
    projectId: r.project_id,
    subject: r.subject,
    before: r.before,
    after: r.after,
  };
}

export async function listAuditForProject(q: Queryable, workspaceId: string, projectId: number, limit: number): Promise<AuditEvent[]> {
  const { rows } = await q.query<AuditRow>(
    `SELECT ${EVENT_COLUMNS} FROM audit_event WHERE workspace_id = $1 AND project_id = $2 ORDER BY at DESC, id DESC LIMIT $3`,
    [workspaceId, projectId, limit],
  );
  return rows.map(toEvent);
}

/** The latest events of a whole workspace, newest first (the App Home's "recent changes"). */
export async function listRecentAudit(q: Queryable, workspaceId: string, limit: number): Promise<AuditEvent[]> {
  const { rows } = await q.query<AuditRow>(
    `SELECT ${EVENT_COLUMNS} FROM audit_event WHERE workspace_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
    [workspaceId, limit],
  );
  return rows.map(toEvent);
}

/** Every audit event of a workspace, oldest first, in pages (for export-audit). */
export async function* allAuditEvents(q: Queryable, workspaceId: string, pageSize = 5000): AsyncGenerator<(AuditEvent & { workspaceId: string })[]> {
  let after = 0;
  for (;;) {
    const { rows } = await q.query<AuditRow>(
      `SELECT ${EVENT_COLUMNS} FROM audit_event WHERE workspace_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
      [workspaceId, after, pageSize],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({ workspaceId, ...toEvent(r) }));
    after = rows[rows.length - 1]!.id;
  }
}
