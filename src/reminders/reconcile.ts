/**
 * The reconciler: decides from the database what is due as of "today" and records it in
 * the ledger. It is state-based, not event-based — it asks "which milestones have fired
 * by today and are not in the ledger?" — so a missed hour, a restart, a deploy or a new
 * replica all converge on the next pass, and any number of passes may run at once: the
 * unique indexes keep one row per milestone and period.
 *
 * Per workspace: cancel what no longer applies (stopped clocks, moved due dates); then,
 * at or after the reminder time, page through running clocks and insert their due
 * milestones (one catch-up per project for milestones that fell while nothing ran), and
 * the digests of subscribed channels. Memory stays flat: one page of clocks at a time.
 */
import { CalendarRegistry } from '../calendar/calendars.ts';
import type { BusinessCalendar } from '../calendar/business-calendar.ts';
import { addDays, toDayNumber, weekdayOf, type CivilDate } from '../calendar/civil-date.ts';
import type { Queryable } from '../db/database.ts';
import { listDeals } from '../db/deals.ts';
import { activeTeamIds } from '../db/installations.ts';
import type { NewCatchup, NewDigest, NewMilestone } from '../db/reminders.ts';
import { createStore } from '../db/store.ts';
import type { Subscription } from '../db/subscriptions.ts';
import { listWorkspaceIds } from '../db/workspaces.ts';
import type { Deal } from '../domain/project.ts';
import type { Logger } from '../log.ts';
import { dueOnDay } from './milestones.ts';

export interface ReconcileSettings {
  /** `HH:MM` in the workspace time zone. */
  reminderTime: string;
  milestones: readonly number[];
  defaultChannel?: string | undefined;
  logger?: Logger | undefined;
  /** Running clocks read per query. */
  pageSize?: number;
  /** Only these workspaces (default: all). */
  workspaceIds?: readonly string[];
  /** OAuth mode: only workspaces with an active Slack installation (an uninstalled one plans nothing). */
  installedOnly?: boolean;
}

export interface ReconcileResult {
  /** False when it was before the reminder time: only cancellations ran. */
  planned: boolean;
  milestones: number;
  catchups: number;
  digests: number;
  cancelled: number;
}

export function reminderMinutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * One pass as of `today`. `nowMinutes` is the time of day in the workspace time zone;
 * null skips the reminder-time gate (a check run for a given date).
 */
export async function reconcile(db: Queryable, today: CivilDate, nowMinutes: number | null, settings: ReconcileSettings): Promise<ReconcileResult> {
  const result: ReconcileResult = { planned: false, milestones: 0, catchups: 0, digests: 0, cancelled: 0 };
  const planned = nowMinutes === null || nowMinutes >= reminderMinutes(settings.reminderTime);
  result.planned = planned;
  const deals = new Map((await listDeals(db)).map((d) => [d.code, d]));
  let workspaces = settings.workspaceIds ?? (await listWorkspaceIds(db));
  if (settings.installedOnly) {
    const installed = new Set(await activeTeamIds(db));
    workspaces = workspaces.filter((ws) => installed.has(ws));
  }
  for (const ws of workspaces) {
    const store = createStore(db, ws);
    // Cancelling needs no gate: a funded project's reminder must not go out at 09:00.
    result.cancelled += await store.reminders.cancelStale();
    if (!planned) continue;
    const registry = new CalendarRegistry(await store.overrides.list());
    await planMilestones(db, ws, today, deals, registry, settings, result);
    await planDigests(db, ws, today, deals, registry, settings, result);
  }
  return result;
}

async function planMilestones(
  db: Queryable,
  ws: string,
  today: CivilDate,
  deals: Map<string, Deal>,
  registry: CalendarRegistry,
  settings: ReconcileSettings,
  result: ReconcileResult,
): Promise<void> {
  const store = createStore(db, ws);
  const marks = await store.reminders.watermarks();
  // Calendars open today whose watermark moves to today once the pass completes.
  const passed = new Set<string>();
  for (const deal of deals.values()) {
    const cal = safeCalendar(registry, deal.clockCalendar);
    if (cal?.isOpen(today)) passed.add(cal.id);
  }
  const pageSize = settings.pageSize ?? 500;
  for (let after = 0; ; ) {
    const page = await store.reminders.runningClocksAfter(after, pageSize);
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const plain: NewMilestone[] = [];
    const catchups: NewCatchup[] = [];
    for (const p of page) {
      const deal = deals.get(p.dealCode);
      const calendar = deal && safeCalendar(registry, p.calendar ?? deal.clockCalendar);
      if (!calendar) {
        settings.logger?.warn('reminder planning skipped a project with an unknown calendar', { workspace: ws, project: p.id, calendar: p.calendar });
        continue;
      }
      if (!calendar.isOpen(today)) continue;
      passed.add(calendar.id);
      let due;
      try {
        due = dueOnDay({ noticeOn: p.noticeOn, dueOn: p.dueOn, calendar, milestones: settings.milestones }, today, marks.get(calendar.id));
      } catch (err) {
        // A date outside the calendar tables; one bad project must not stop the others.
        settings.logger?.warn('reminder planning failed for a project', { workspace: ws, project: p.id, error: err });
        continue;
      }
      if (!due) continue;
      const channelId = p.channelId ?? settings.defaultChannel ?? null;
      if (due.kind === 'milestone') {
        plain.push({ projectId: p.id, milestone: due.milestone.key, dueOn: p.dueOn, firesOn: due.milestone.firesOn, channelId });
      } else {
        const merged = [...due.missed, ...(due.current ? [due.current] : [])].map((m) => ({ milestone: m.key, firesOn: m.firesOn }));
        catchups.push({ projectId: p.id, key: `catchup:${today}`, dueOn: p.dueOn, firesOn: today, channelId, merged });
      }
    }
    result.milestones += await store.reminders.insertMilestones(plain);
    result.catchups += await store.reminders.insertCatchups(catchups);
  }
  await store.reminders.advanceWatermarks([...passed], today);
}

async function planDigests(
  db: Queryable,
  ws: string,
  today: CivilDate,
  deals: Map<string, Deal>,
  registry: CalendarRegistry,
  settings: ReconcileSettings,
  result: ReconcileResult,
): Promise<void> {
  const store = createStore(db, ws);
  for (let after = 0; ; ) {
    const page = await store.subscriptions.after(after, 500);
    if (page.length === 0) return;
    after = page[page.length - 1]!.id;
    const rows: NewDigest[] = [];
    for (const sub of page) {
      const period = digestPeriod(sub, today, deals, registry);
      if (period) rows.push({ subscriptionId: sub.id, period, firesOn: today, channelId: sub.channelId });
    }
    result.digests += await store.reminders.insertDigests(rows);
  }
}

/**
 * The period a subscription's digest for `today` belongs to, or undefined when none is
 * due. Daily: every business day (`day:<date>`). Weekly: on the chosen weekday, or the
 * first business day after it in the same week when that day is closed or was missed
 * (`week:<monday>`). Business days are those of the deal's clock calendar; a digest of
 * every deal posts when any deal's clock is ticking.
 */
export function digestPeriod(
  sub: Pick<Subscription, 'frequency' | 'weekday' | 'dealCode'>,
  today: CivilDate,
  deals: Map<string, Deal>,
  registry: CalendarRegistry,
): string | undefined {
  const calendars = [...deals.values()]
    .filter((d) => sub.dealCode === null || d.code === sub.dealCode)
    .map((d) => safeCalendar(registry, d.clockCalendar))
    .filter((c): c is BusinessCalendar => c !== undefined);
  if (!calendars.some((c) => c.isOpen(today))) return undefined;
  if (sub.frequency === 'daily') return `day:${today}`;
  const weekday = weekdayOf(toDayNumber(today));
  const monday = addDays(today, -((weekday + 6) % 7));
  const target = addDays(monday, ((sub.weekday ?? 1) + 6) % 7);
  if (today < target) return undefined;
  return `week:${monday}`;
}

function safeCalendar(registry: CalendarRegistry, id: string): BusinessCalendar | undefined {
  try {
    return registry.get(id);
  } catch {
    return undefined;
  }
}
