/**
 * The workspace-scoped store: the one place where the workspace id is bound. Handlers
 * get a store for their workspace and cannot name another, so no query can forget to
 * filter on it.
 */
import type { CivilDate } from '../calendar/civil-date.ts';
import type { CalendarOverride } from '../calendar/business-calendar.ts';
import * as audit from './audit.ts';
import type { Queryable } from './database.ts';
import * as overrides from './overrides.ts';
import * as projects from './projects.ts';

export type Store = ReturnType<typeof createStore>;

export function createStore(q: Queryable, workspaceId: string) {
  const ws = workspaceId;
  return {
    workspaceId: ws,
    query: q,
    projects: {
      insert: (fields: projects.NewProject) => projects.insertProject(q, ws, fields),
      insertMany: (batch: projects.NewProject[]) => projects.insertProjects(q, ws, batch),
      /** Projects whose slug is among `slugs` (at most `limit`). */
      existingSlugs: (slugs: string[], limit: number) => projects.findExistingSlugs(q, ws, slugs, limit),
      update: (id: number, changes: Partial<projects.ProjectFields>) => projects.updateProject(q, ws, id, changes),
      bySlug: (slug: string) => projects.findProjectBySlug(q, ws, slug),
      byNumber: (n: number) => projects.findProjectByNumber(q, ws, n),
      byId: (id: number, forUpdate = false) => projects.findProjectById(q, ws, id, forUpdate),
      byPrefix: (prefix: string, limit: number) => projects.findProjectsByPrefix(q, ws, prefix, limit),
      refs: () => projects.listProjectRefs(q, ws),
      list: (filter: projects.ProjectFilter) => projects.listProjects(q, ws, filter),
      running: (limit: number, dealCode?: string) => projects.listRunningClocks(q, ws, limit, dealCode),
      count: () => projects.countProjects(q, ws),
      all: (pageSize?: number) => projects.allProjects(q, ws, pageSize),
    },
    audit: {
      record: (actor: audit.Actor, entry: audit.AuditEntry) => audit.recordAudit(q, ws, actor, entry),
      forProject: (projectId: number, limit: number) => audit.listAuditForProject(q, ws, projectId, limit),
      imported: (actor: audit.Actor, rows: { id: number; slug: string }[], file: string) => audit.recordImported(q, ws, actor, rows, file),
    },
    overrides: {
      list: () => overrides.listOverrides(q, ws),
      upsert: (o: CalendarOverride & { createdBy: string }) => overrides.upsertOverride(q, ws, o),
      remove: (calendar: string, day: CivilDate) => overrides.deleteOverride(q, ws, calendar, day),
    },
  };
}
