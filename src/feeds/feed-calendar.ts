/**
 * A feed's calendar: its projects read from the database, turned into all-day events
 * (due dates, and optionally the 30/15/10/5-business-days-left milestones), written as
 * iCalendar. The same calendar serves /feeds/<token>.ics and `dealclock export-ics`.
 *
 * Projects that closed (funded, declined, withdrawn) stay in the feed for CLOSED_DAYS as
 * cancelled events with a higher SEQUENCE: a subscribed calendar removes an event it
 * is told is cancelled, while one that merely disappears may linger in some clients.
 */
import { createHash } from 'node:crypto';
import type { CalendarRegistry } from '../calendar/calendars.ts';
import type { CivilDate } from '../core/civil-date.ts';
import type { Database } from '../db/database.ts';
import type { FeedFilter, FeedProject } from '../db/feeds.ts';
import type { Deal } from '../domain/project.ts';
import type { Logger } from '../log.ts';
import { milestonesUntil } from '../reminders/milestones.ts';
import type { Locale } from '../core/locale.ts';
import { translator } from '../i18n/translator.ts';
import { FeedWords, type EventFacts } from '../replies/feeds.ts';
import { createContext, type CommandContext } from '../usecases/context.ts';
import { writeEvents, writeIcs, type IcsEvent } from './ics.ts';

/** How long a closed project stays in a feed as a cancelled event. */
export const CLOSED_DAYS = 30;
/** The refresh hint; most clients poll on their own schedule anyway (docs/feeds.md). */
export const REFRESH_MINUTES = 60;
/** Business days left that get a milestone event, in a feed with milestones. */
export const FEED_MILESTONES: readonly number[] = [30, 15, 10, 5];
/** Bump when the feed's text or shape changes, so that cached copies (ETags) go stale. */
const FORMAT_VERSION = 1;

/** What a feed shows: a workspace's projects, filtered, with or without milestones. */
export interface FeedSource extends FeedFilter {
  workspaceId: string;
  milestones: boolean;
  /** The language of the calendar's words. */
  locale: Locale;
}

export interface FeedSettings {
  /** `https://slack.com`: a channel link in each event; undefined without Slack (the shell). */
  slackWebUrl: string | undefined;
  /** `/invest`, for "In Slack: /invest show texas-gulflink". */
  commandName: string;
  logger: Logger;
}

export interface FeedVersionTag {
  /** A strong ETag, quoted. */
  etag: string;
  /** For Last-Modified; null for a feed with nothing in it yet. */
  lastModified: Date | null;
}

/**
 * Closed projects changed on or after this day (UTC) are still shown. Whole days, so that
 * the feed changes only when the data does or the day turns: the ETag holds the day.
 */
function closedSince(now: Date): Date {
  const day = Math.floor(now.getTime() / 86_400_000) - CLOSED_DAYS;
  return new Date(day * 86_400_000);
}

function readContext(db: Database, source: FeedSource, settings: FeedSettings, today: CivilDate): CommandContext {
  return createContext({
    db,
    workspaceId: source.workspaceId,
    actor: { userId: 'feed', source: 'system', isAdmin: false },
    today,
    commandName: settings.commandName,
    logger: settings.logger,
  });
}

/**
 * The feed's version, from one small query (db/feeds.ts): what a conditional request is
 * answered from (304) without building the calendar.
 */
export async function feedVersionTag(db: Database, source: FeedSource, settings: FeedSettings, now: Date): Promise<FeedVersionTag> {
  const store = readContext(db, source, settings, now.toISOString().slice(0, 10)).store;
  const v = await store.feeds.version();
  const key = JSON.stringify([
    closedSince(now).getTime(),
    FORMAT_VERSION,
    source.workspaceId,
    source.dealCode,
    source.channelId,
    source.milestones,
    source.locale,
    settings.slackWebUrl ?? null,
    settings.commandName,
    v.changeNo,
    v.overrides,
    v.lastModified?.getTime() ?? null,
  ]);
  return { etag: `"${createHash('sha256').update(key).digest('base64url').slice(0, 27)}"`, lastModified: v.lastModified };
}

/**
 * A project's events as text, by everything they are made of: the project's version (its
 * row's `change_no` takes a new value with every change), the feed's language,
 * milestones and links, and the calendars (one registry object per set of overrides, so
 * a calendar correction starts afresh). A feed is rebuilt whenever any project of its
 * workspace changes (its ETag is the workspace's), yet nearly all of its events have not:
 * they are reused instead of written again. Bounded; the oldest entries go first.
 */
let eventTexts = new WeakMap<CalendarRegistry, Map<string, string>>();
export const EVENT_TEXT_CACHE_MAX = 50_000;

/** Forgets every kept event text (the benchmark's cold builds). */
export function forgetEventTexts(): void {
  eventTexts = new WeakMap();
}

function cachedEventText(registry: CalendarRegistry): Map<string, string> {
  let texts = eventTexts.get(registry);
  if (!texts) {
    texts = new Map();
    eventTexts.set(registry, texts);
  }
  return texts;
}

/** The feed as iCalendar text. `now` decides which closed projects are still shown. */
export async function renderFeed(db: Database, source: FeedSource, settings: FeedSettings, now: Date): Promise<string> {
  const ctx = readContext(db, source, settings, now.toISOString().slice(0, 10));
  const [versions, deals, registry] = await Promise.all([ctx.store.feeds.projectVersions(source, closedSince(now)), ctx.deals(), ctx.calendars()]);
  const words = new FeedWords(translator(source.locale));
  const texts = cachedEventText(registry);
  const feedKey = JSON.stringify([source.workspaceId, source.locale, source.milestones, settings.slackWebUrl ?? null, settings.commandName]);
  const keyOf = (id: number, changeNo: string | number) => `${feedKey}|${id}|${changeNo}`;
  // Only the projects whose events are not kept are read in full and written.
  const missing = versions.filter((v) => !texts.has(keyOf(v.id, v.changeNo))).map((v) => v.id);
  const fresh = new Map<number, string>();
  for (const p of await ctx.store.feeds.projectsById(missing)) {
    const text = writeEvents(feedEvents([p], deals, registry, source, settings, words));
    texts.set(keyOf(p.id, p.changeNo), text);
    fresh.set(p.id, text);
  }
  const written: string[] = [];
  for (const v of versions) {
    // A project changed between the two reads is shown as read the second time (newer);
    // one deleted in between is left out.
    const text = texts.get(keyOf(v.id, v.changeNo)) ?? fresh.get(v.id);
    if (text !== undefined) written.push(text);
  }
  while (texts.size > EVENT_TEXT_CACHE_MAX) texts.delete(texts.keys().next().value!);
  return writeIcs({
    name: words.calendarName(source),
    description: words.calendarDescription(),
    refreshMinutes: REFRESH_MINUTES,
    events: [],
    written,
  });
}

/** The events of the projects: one due-date event each, and milestones when the feed has them. */
export function feedEvents(
  projects: readonly FeedProject[],
  deals: ReadonlyMap<string, Deal>,
  registry: CalendarRegistry,
  source: FeedSource,
  settings: Pick<FeedSettings, 'slackWebUrl' | 'commandName'>,
  words: FeedWords = new FeedWords(translator(source.locale)),
): IcsEvent[] {
  const events: IcsEvent[] = [];
  // Clocks share notice dates: each calendar's due date for a notice is computed once.
  const spreads = new Map<string, EventFacts['spread']>();
  for (const p of projects) {
    const deal = deals.get(p.dealCode);
    if (!deal) continue;
    const calendarId = p.calendar ?? deal.clockCalendar;
    const spreadKey = `${deal.code} ${calendarId} ${p.noticeOn}`;
    let spread = spreads.get(spreadKey);
    if (!spread) {
      spread = deal.compareCalendars
        .filter((id) => id !== calendarId)
        .map((id) => ({ calendarId: id, due: registry.get(id).advance(p.noticeOn, deal.clockDays) }));
      spreads.set(spreadKey, spread);
    }
    const channelUrl =
      settings.slackWebUrl && p.channelId ? `${settings.slackWebUrl}/app_redirect?team=${source.workspaceId}&channel=${p.channelId}` : undefined;
    const facts: EventFacts = {
      name: p.name,
      slug: p.slug,
      dealCode: p.dealCode,
      stage: p.stage,
      noticeOn: p.noticeOn,
      dueOn: p.dueOn,
      clockDays: deal.clockDays,
      calendarId,
      spread,
      showCommand: `${settings.commandName} show ${p.slug}`,
      channelUrl,
    };
    const description = words.description(facts);
    const cancelled = p.stage !== 'selected';
    // UIDs name the workspace, the project and the kind of event: stable while the date
    // moves, and never the same for two workspaces on one deployment.
    const uidTail = `-${p.id}.${source.workspaceId}@dealclock`;
    events.push({
      uid: `due${uidTail}`,
      date: p.dueOn,
      summary: words.dueSummary(facts),
      description,
      url: channelUrl,
      cancelled,
      sequence: p.feedSequence,
      lastModified: p.updatedAt,
    });
    if (!source.milestones) continue;
    const calendar = registry.get(calendarId);
    for (const m of milestonesUntil({ noticeOn: p.noticeOn, dueOn: p.dueOn, calendar, milestones: FEED_MILESTONES }, p.dueOn)) {
      events.push({
        uid: `left${m.n}${uidTail}`,
        date: m.firesOn,
        summary: words.milestoneSummary(facts, m.n),
        description,
        url: channelUrl,
        cancelled,
        sequence: p.feedSequence,
        lastModified: p.updatedAt,
      });
    }
  }
  return events;
}
