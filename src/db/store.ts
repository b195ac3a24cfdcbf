/**
 * The workspace-scoped store: the one place where the workspace id is bound. Handlers
 * get a store for their workspace and cannot name another, so no query can forget to
 * filter on it.
 */
import type { CivilDate } from '../core/civil-date.ts';
import type { CalendarOverride } from '../calendar/business-calendar.ts';
import * as audit from './audit.ts';
import type { Queryable } from './database.ts';
import * as feeds from './feeds.ts';
import * as language from './language.ts';
import * as overrides from './overrides.ts';
import * as projects from './projects.ts';
import * as publicData from './public-data.ts';
import * as reminders from './reminders.ts';
import * as runningClocks from './running-clocks.ts';
import * as subscriptions from './subscriptions.ts';
import * as tariffs from './tariffs.ts';

export type Store = ReturnType<typeof createStore>;

export function createStore(q: Queryable, workspaceId: string) {
  const ws = workspaceId;
  return {
    workspaceId: ws,
    query: q,
    projects: {
      insert: (fields: projects.NewProject) => projects.insertProject(q, ws, fields),
      /** Imported projects with their audit events; returns a slug already taken, if any. */
      insertMany: (batch: projects.NewProject[], actor: audit.Actor, file: string) => projects.insertProjects(q, ws, batch, actor, file),
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
      recent: (limit: number) => audit.listRecentAudit(q, ws, limit),
      all: (pageSize?: number) => audit.allAuditEvents(q, ws, pageSize),
    },
    overrides: {
      list: () => overrides.listOverrides(q, ws),
      upsert: (o: CalendarOverride & { createdBy: string }) => overrides.upsertOverride(q, ws, o),
      remove: (calendar: string, day: CivilDate) => overrides.deleteOverride(q, ws, calendar, day),
    },
    tariffs: {
      /** Built-in regimes and baselines plus this workspace's own. */
      regimes: (dealCode?: string) => tariffs.listRegimes(q, ws, dealCode),
      baselines: (dealCode?: string) => tariffs.listBaselines(q, ws, dealCode),
      lockWrites: () => tariffs.lockTariffWrites(q, ws),
      closeRegime: (id: number, to: CivilDate) => tariffs.closeRegime(q, ws, id, to),
      insertRegime: (r: tariffs.NewRegime) => tariffs.insertRegime(q, ws, r),
      insertBaselines: (batch: readonly tariffs.NewBaseline[]) => tariffs.insertBaselines(q, ws, batch),
      updateRegime: (id: number, changes: Parameters<typeof tariffs.updateRegime>[3]) => tariffs.updateRegime(q, ws, id, changes),
      updateBaseline: (id: number, changes: Parameters<typeof tariffs.updateBaseline>[3]) => tariffs.updateBaseline(q, ws, id, changes),
    },
    publicData: {
      state: () => publicData.getPublicDataState(q, ws),
      setState: (status: publicData.PublicDataStatus, pack?: { version: string; asOf: CivilDate }) => publicData.setPublicDataState(q, ws, status, pack),
      lock: () => publicData.lockPublicData(q, ws),
      sources: (keys?: readonly string[]) => publicData.listSources(q, ws, keys),
      upsertSources: (sources: readonly publicData.StoredSource[]) => publicData.upsertSources(q, ws, sources),
      /** The pack's translations into `locale` (English text → translation). */
      texts: (locale: string) => publicData.listTexts(q, ws, locale),
      replaceTexts: (locale: string, texts: publicData.PublicTexts) => publicData.replaceTexts(q, ws, locale, texts),
      records: () => publicData.listRecords(q, ws),
      recordsFor: (kind: publicData.RecordKind, ids: readonly number[]) => publicData.recordsForEntities(q, ws, kind, ids),
      upsertRecord: (r: publicData.PublicRecord) => publicData.upsertRecord(q, ws, r),
      events: (projectId?: number) => publicData.listEvents(q, ws, projectId),
      insertEvent: (e: publicData.NewProjectEvent) => publicData.insertEvent(q, ws, e),
      updateEvent: (id: number, e: Parameters<typeof publicData.updateEvent>[3]) => publicData.updateEvent(q, ws, id, e),
    },
    reminders: {
      insertMilestones: (rows: readonly reminders.NewMilestone[]) => reminders.insertMilestones(q, ws, rows),
      insertCatchups: (rows: readonly reminders.NewCatchup[]) => reminders.insertCatchups(q, ws, rows),
      insertDigests: (rows: readonly reminders.NewDigest[]) => reminders.insertDigests(q, ws, rows),
      cancelStale: () => reminders.cancelStale(q, ws),
      /** Every pending reminder, e.g. when the app is uninstalled from the workspace. */
      cancelPending: (reason: string) => reminders.cancelPending(q, ws, reason),
      watermarks: () => reminders.watermarks(q, ws),
      advanceWatermarks: (calendarIds: readonly string[], day: CivilDate) => reminders.advanceWatermarks(q, ws, calendarIds, day),
      runningClocksAfter: (afterId: number, limit: number, filter?: runningClocks.RunningClockFilter) =>
        runningClocks.runningClocksAfter(q, ws, afterId, limit, filter),
      runningClockOutline: () => runningClocks.runningClockOutline(q, ws),
      runningClocksPerGroup: (groups: readonly runningClocks.ClockGroup[]) => runningClocks.runningClocksPerGroup(q, ws, groups),
      closedSince: (since: Date, dealCode: string | null, limit: number) => runningClocks.closedSince(q, ws, since, dealCode, limit),
      lastDigestSentAt: (where: { subscriptionId: number } | { channelId: string }, beforeId?: number) => reminders.lastDigestSentAt(q, ws, where, beforeId),
      /** Reminders of a project that reached (or failed to reach) Slack, newest first. */
      forProject: (projectId: number, limit: number) => reminders.listForProject(q, ws, projectId, limit),
    },
    language: {
      get: (scope: language.LanguageScope, targetId: string) => language.getLanguage(q, ws, scope, targetId),
      set: (scope: language.LanguageScope, targetId: string, locale: string | null, setBy: string) =>
        language.setLanguage(q, ws, scope, targetId, locale, setBy),
    },
    subscriptions: {
      upsert: (s: subscriptions.NewSubscription) => subscriptions.upsertSubscription(q, ws, s),
      find: (channelId: string, dealCode: string | null, forUpdate = false) => subscriptions.findSubscription(q, ws, channelId, dealCode, forUpdate),
      byId: (id: number) => subscriptions.getSubscription(q, ws, id),
      remove: (id: number) => subscriptions.deleteSubscription(q, ws, id),
      list: (channelId?: string, limit?: number) => subscriptions.listSubscriptions(q, ws, channelId, limit),
      after: (afterId: number, limit: number) => subscriptions.subscriptionsAfter(q, ws, afterId, limit),
    },
    feeds: {
      insert: (f: feeds.NewFeed) => feeds.insertFeed(q, ws, f),
      byId: (id: number, forUpdate = false) => feeds.findFeed(q, ws, id, forUpdate),
      active: (limit: number) => feeds.listActiveFeeds(q, ws, limit),
      revoke: (id: number, revokedBy: string) => feeds.revokeFeed(q, ws, id, revokedBy),
      projects: (filter: feeds.FeedFilter, closedSince: Date) => feeds.feedProjects(q, ws, filter, closedSince),
      projectVersions: (filter: feeds.FeedFilter, closedSince: Date) => feeds.feedProjectVersions(q, ws, filter, closedSince),
      projectsById: (ids: readonly number[]) => feeds.feedProjectsById(q, ws, ids),
      version: () => feeds.feedVersion(q, ws),
    },
  };
}
