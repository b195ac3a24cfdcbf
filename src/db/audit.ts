/** SQL for the audit trail. Every change is recorded here: who, when, from where, before → after. */
import { selectList } from './columns.ts';
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

const EVENT_COLUMNS = selectList<AuditEvent>(['id', 'at', 'actor', 'source', 'channelId', 'action', 'projectId', 'subject', 'before', 'after']);

export async function listAuditForProject(q: Queryable, workspaceId: string, projectId: number, limit: number): Promise<AuditEvent[]> {
  const { rows } = await q.query<AuditEvent>(
    `SELECT ${EVENT_COLUMNS} FROM audit_event WHERE workspace_id = $1 AND project_id = $2 ORDER BY at DESC, id DESC LIMIT $3`,
    [workspaceId, projectId, limit],
  );
  return rows;
}

/** The latest events of a whole workspace, newest first (the App Home's "recent changes"). */
export async function listRecentAudit(q: Queryable, workspaceId: string, limit: number): Promise<AuditEvent[]> {
  const { rows } = await q.query<AuditEvent>(`SELECT ${EVENT_COLUMNS} FROM audit_event WHERE workspace_id = $1 ORDER BY at DESC, id DESC LIMIT $2`, [
    workspaceId,
    limit,
  ]);
  return rows;
}

/** Every audit event of a workspace, oldest first, in pages (for export-audit). */
export async function* allAuditEvents(q: Queryable, workspaceId: string, pageSize = 5000): AsyncGenerator<(AuditEvent & { workspaceId: string })[]> {
  let after = 0;
  for (;;) {
    const { rows } = await q.query<AuditEvent>(`SELECT ${EVENT_COLUMNS} FROM audit_event WHERE workspace_id = $1 AND id > $2 ORDER BY id LIMIT $3`, [
      workspaceId,
      after,
      pageSize,
    ]);
    if (rows.length === 0) return;
    yield rows.map((r) => ({ workspaceId, ...r }));
    after = rows[rows.length - 1]!.id;
  }
}
