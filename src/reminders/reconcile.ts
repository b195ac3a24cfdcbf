/**
 * The reconciler: decides from the database what is due as of "today" and records it in
 * the ledger. It is state-based, not event-based — it asks "which milestones have fired
 * by today and are not in the ledger?" — so a missed hour, a restart, a deploy or a new
 * replica all converge on the next pass, and any number of passes may run at once: the
 * unique indexes keep one row per milestone and period.
 *
 * Per workspace: cancel what no longer applies (stopped clocks, moved due dates); then,
 * at or after the reminder time, page through the running clocks that can have something
 * due today (read by due date; see `clockPages`) and insert their due milestones (one
 * catch-up per project for milestones that fell while nothing ran), and the digests of
 * subscribed channels. Memory stays flat: one page of clocks at a time.
 */
import { CalendarRegistry } from '../calendar/calendars.ts';
import type { BusinessCalendar } from '../calendar/business-calendar.ts';
import { addDays, toDayNumber, weekdayOf, type CivilDate } from '../core/civil-date.ts';
import type { Queryable } from '../db/database.ts';
import { listDeals } from '../db/deals.ts';
import { activeTeamIds } from '../db/installations.ts';
import type { NewCatchup, NewDigest, NewMilestone } from '../db/reminders.ts';
import type { ClockGroup, RunningClock, RunningClockFilter, RunningClockOutline } from '../db/running-clocks.ts';
import { createStore, type Store } from '../db/store.ts';
import type { Subscription } from '../db/subscriptions.ts';
import { listWorkspaceIds } from '../db/workspaces.ts';
import type { Deal } from '../domain/project.ts';
import type { Logger } from '../log.ts';
import { dueDatesWithReminders, dueOnDay, type DueReminder } from './milestones.ts';

export interface ReconcileSettings {
  /** `HH:MM` in the workspace time zone. */
  reminderTime: string;
  milestones: readonly number[];
  defaultChannel?: string | undefined;
  logger?: Logger | undefined;
  /** Running clocks read per query (default 5,000: about a megabyte of rows). */
  pageSize?: number;
  /**
   * Read every running clock instead of only those that can have something due today.
   * Same result, slower: for tests that check the narrowed read against the full one.
   */
  readEveryClock?: boolean;
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
    await planDigests(db, ws, today, deals, registry, result);
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
  const pageSize = settings.pageSize ?? 5000;
  const pass: MilestonePass = { today, deals, registry, marks, milestones: settings.milestones, passed };
  const pages = clockPages(store, pass, pageSize, settings.readEveryClock ?? false);
  for await (const { page, warnUnknown } of pages) {
    const plain: NewMilestone[] = [];
    const catchups: NewCatchup[] = [];
    // Clocks of one page share a handful of (calendar, due date, notice date) triples:
    // each is planned once. Kept for one page only, so memory stays flat.
    const planned = new Map<string, DueReminder | undefined | { error: unknown }>();
    for (const p of page) {
      const deal = deals.get(p.dealCode);
      const calendar = deal && safeCalendar(registry, p.calendar ?? deal.clockCalendar);
      if (!calendar) {
        if (warnUnknown)
          settings.logger?.warn('reminder planning skipped a project with an unknown calendar', { workspace: ws, project: p.id, calendar: p.calendar });
        continue;
      }
      if (!calendar.isOpen(today)) continue;
      passed.add(calendar.id);
      const key = `${calendar.id} ${p.dueOn} ${p.noticeOn}`;
      let due = planned.get(key);
      if (due === undefined && !planned.has(key)) {
        try {
          due = dueOnDay({ noticeOn: p.noticeOn, dueOn: p.dueOn, calendar, milestones: settings.milestones }, today, marks.get(calendar.id));
        } catch (error) {
          due = { error };
        }
        planned.set(key, due);
      }
      if (!due) continue;
      if ('error' in due) {
        // A date outside the calendar tables; one bad project must not stop the others.
        settings.logger?.warn('reminder planning failed for a project', { workspace: ws, project: p.id, error: due.error });
        continue;
      }
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

/** What one workspace's milestone pass plans with; `passed` collects the calendars whose watermark moves. */
interface MilestonePass {
  today: CivilDate;
  deals: Map<string, Deal>;
  registry: CalendarRegistry;
  marks: Map<string, CivilDate>;
  milestones: readonly number[];
  passed: Set<string>;
}

/**
 * The running clocks to plan, a page at a time: only those for which something can be due
 * today, read by due date through the (workspace_id, stage, due_on) index.
 *
 * What a clock has due depends on its calendar, its due date and its notice date, and the
 * notice only ever drops milestones. So for each calendar in use (a deal's, or a project's
 * own) `dueDatesWithReminders` lists the due dates for which anything can be due, and only
 * the clocks of those (deal, calendar, due date) groups are read; each is still planned by
 * `dueOnDay`, the one rule, so reading more would change nothing. The groups are counted
 * first and read a page's worth at a time. Clocks on a calendar the registry does not know
 * are read by that calendar, so that each is still reported. When the groups cannot be
 * worked out (a deal's calendar unknown, due dates outside the calendar tables) or
 * `readEveryClock` is set, every running clock is read: slower, same result.
 *
 * Adds to `passed` the calendars of their own that running clocks use and that are open
 * today, as planning each of those clocks does.
 */
async function* clockPages(
  store: Store,
  pass: MilestonePass,
  pageSize: number,
  readEveryClock: boolean,
): AsyncGenerator<{ page: RunningClock[]; warnUnknown: boolean }> {
  const pages = async function* (filter?: RunningClockFilter) {
    for (let after = 0; ; ) {
      const page = await store.reminders.runningClocksAfter(after, pageSize, filter);
      if (page.length > 0) yield page;
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.id;
    }
  };
  const outline = readEveryClock ? undefined : await store.reminders.runningClockOutline();
  if (outline && (outline.firstDue === null || outline.lastDue === null)) return;
  const plan = outline && groupsToPlan(outline, pass);
  if (!plan) {
    for await (const page of pages()) yield { page, warnUnknown: true };
    return;
  }
  let chunk: ClockGroup[] = [];
  let clocks = 0;
  const counts = await store.reminders.runningClocksPerGroup(plan.groups);
  for (let i = 0; i <= counts.length; i++) {
    const c = counts[i];
    if (chunk.length > 0 && (c === undefined || clocks + c.clocks > pageSize)) {
      for await (const page of pages({ groups: chunk })) yield { page, warnUnknown: false };
      chunk = [];
      clocks = 0;
    }
    if (c === undefined) break;
    chunk.push(c);
    clocks += c.clocks;
  }
  if (plan.unknownCalendars.length > 0) {
    for await (const page of pages({ calendars: plan.unknownCalendars })) yield { page, warnUnknown: true };
  }
}

/**
 * The groups of running clocks (deal, calendar of their own or none, due date) for which
 * something can be due today, on the calendars in use that are open today, and the
 * calendars of their own the registry does not know; undefined when that cannot be worked
 * out and every running clock has to be read.
 */
function groupsToPlan(outline: RunningClockOutline, pass: MilestonePass): { groups: ClockGroup[]; unknownCalendars: string[] } | undefined {
  const { today, deals, registry, marks, milestones, passed } = pass;
  const scopes: { dealCode: string; calendar: string | null; cal: BusinessCalendar }[] = [];
  for (const deal of deals.values()) {
    const cal = safeCalendar(registry, deal.clockCalendar);
    if (!cal) return undefined;
    scopes.push({ dealCode: deal.code, calendar: null, cal });
  }
  const unknownCalendars = new Set<string>();
  for (const { dealCode, calendar } of outline.calendars) {
    const cal = deals.has(dealCode) ? safeCalendar(registry, calendar) : undefined;
    if (cal) scopes.push({ dealCode, calendar, cal });
    else unknownCalendars.add(calendar);
  }
  const first = outline.firstDue!;
  const last = outline.lastDue!;
  const datesOf = new Map<string, CivilDate[]>();
  const groups: ClockGroup[] = [];
  try {
    for (const { dealCode, calendar, cal } of scopes) {
      if (!cal.isOpen(today)) continue;
      if (first < cal.firstDate || last > cal.lastDate) return undefined;
      let dates = datesOf.get(cal.id);
      if (!dates) {
        dates = dueDatesWithReminders(cal, milestones, today, marks.get(cal.id), first, last);
        datesOf.set(cal.id, dates);
      }
      for (const dueOn of dates) groups.push({ dealCode, calendar, dueOn });
    }
  } catch {
    return undefined;
  }
  // As planning each clock would: the calendars in use that are open today pass today.
  for (const { cal } of scopes) if (cal.isOpen(today)) passed.add(cal.id);
  return { groups, unknownCalendars: [...unknownCalendars] };
}

async function planDigests(
  db: Queryable,
  ws: string,
  today: CivilDate,
  deals: Map<string, Deal>,
  registry: CalendarRegistry,
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
