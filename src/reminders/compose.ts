/**
 * Turns a ledger row into the message to post, from the database as it is now — or into
 * a reason not to post: the clock stopped, the due date moved, the subscription is gone.
 * Composing at send time (not at planning time) is what lets a fund between planning and
 * sending cancel the reminder.
 */
import { CalendarRegistry } from '../calendar/calendars.ts';
import type { CivilDate } from '../core/civil-date.ts';
import type { Queryable } from '../db/database.ts';
import { listDeals } from '../db/deals.ts';
import type { Reminder } from '../db/reminders.ts';
import { mergedInto } from '../db/reminders.ts';
import { createStore, type Store } from '../db/store.ts';
import type { Deal, Project } from '../domain/project.ts';
import type { Mrkdwn } from '../core/mrkdwn.ts';
import { localeFrom, type Locale } from '../core/locale.ts';
import { translator, type Translator } from '../i18n/translator.ts';
import type { Logger } from '../log.ts';
import type { Reply } from '../replies/reply.ts';
import { projectStake } from '../tariffs/exposure.ts';
import { renderTimeline, type TimelinePicture } from '../timeline/render.ts';
import { MAX_ROWS, timelineRows } from '../timeline/rows.ts';
import { exposureFor, stakeSentence } from '../usecases/stake.ts';
import { clockView } from '../usecases/clock-view.ts';
import { catchupMessage, digestMessage, reminderMessage } from './message.ts';

/** One line of what a lapse would put at stake; undefined when there is no figure. */
export type ExposureHook = (store: Store, project: Project, asOf: CivilDate, tr: Translator) => Promise<Mrkdwn | undefined>;

/** The tariff stake line of project cards, left out when the workspace has no data for the deal. */
export const tariffExposureLine: ExposureHook = async (store, project, asOf, tr) => {
  const exposure = await exposureFor(store, project.dealCode, asOf);
  return projectStake(exposure, project.costUsd) ? stakeSentence(tr, project, exposure) : undefined;
};

/** A queued reminder to post, or why it is not posted (`cancelText` words it). */
export type Composition = { post: Reply; channelId: string | null } | { cancel: CancelReason };

export interface CancelReason {
  reason: 'gone' | 'stopped' | 'moved' | 'no_notice' | 'all_posted' | 'unsubscribed';
  /** `stopped`: the project's stage now. */
  stage?: string;
  /** `moved`: the due date now, or `none`. */
  due?: string;
}

/** Why a reminder is not posted, in `tr`'s language: English is what the ledger keeps, as the logs do. */
export function cancelText(tr: Translator, why: CancelReason): string {
  return tr.text('cli.check.cancel_reason', { ...why, stage: why.stage ? tr.text('stage.name', { stage: why.stage }) : '' });
}

export interface ComposeOptions {
  today: CivilDate;
  defaultChannel?: string | undefined;
  exposure?: ExposureHook | undefined;
  logger: Logger;
  /** The language of a channel that has none set (DEALCLOCK_LOCALE). */
  locale: Locale;
}

/** What a channel reads: its own setting, else the workspace default. */
export async function channelLocale(store: Store, channelId: string | null, fallback: Locale): Promise<Locale> {
  if (!channelId) return fallback;
  return localeFrom(await store.language.get('channel', channelId)) ?? fallback;
}

const DIGEST_RUNNING_LIMIT = 30;
const DIGEST_CLOSED_LIMIT = 20;

/** Deals and calendars, loaded once per sender pass. */
export class ComposeCache {
  #deals: Promise<Map<string, Deal>> | undefined;
  readonly #registries = new Map<string, Promise<CalendarRegistry>>();

  constructor(private readonly q: Queryable) {}

  deals(): Promise<Map<string, Deal>> {
    this.#deals ??= listDeals(this.q).then((list) => new Map(list.map((d) => [d.code, d])));
    return this.#deals;
  }

  registry(workspaceId: string): Promise<CalendarRegistry> {
    let r = this.#registries.get(workspaceId);
    if (!r) {
      r = createStore(this.q, workspaceId)
        .overrides.list()
        .then((o) => new CalendarRegistry(o));
      this.#registries.set(workspaceId, r);
    }
    return r;
  }
}

export async function composeReminder(q: Queryable, row: Reminder, o: ComposeOptions, cache = new ComposeCache(q)): Promise<Composition> {
  const store = createStore(q, row.workspaceId);
  if (row.kind === 'digest') return composeDigest(store, row, o, cache);
  const project = await store.projects.byId(row.projectId!);
  if (!project) return { cancel: { reason: 'gone' } };
  if (project.stage !== 'selected') return { cancel: { reason: 'stopped', stage: project.stage } };
  if (project.dueOn !== row.dueOn) return { cancel: { reason: 'moved', due: project.dueOn ?? 'none' } };
  const deal = (await cache.deals()).get(project.dealCode)!;
  const clock = clockView(project, deal, await cache.registry(row.workspaceId), o.today);
  if (!clock) return { cancel: { reason: 'no_notice' } };
  const channelId = row.channelId ?? project.channelId ?? o.defaultChannel ?? null;
  const tr = translator(await channelLocale(store, channelId, o.locale));
  let exposureLine: Mrkdwn | undefined;
  if (o.exposure) {
    try {
      exposureLine = await o.exposure(store, project, o.today, tr);
    } catch (err) {
      // A reminder without its exposure line beats no reminder.
      o.logger.warn('reminder exposure line failed', { reminder: row.id, project: project.id, error: err });
    }
  }
  const content = { project, deal, clock, today: o.today, exposureLine, tr };
  if (row.kind === 'catchup') {
    const merged = await mergedInto(q, row.id);
    if (merged.length === 0) return { cancel: { reason: 'all_posted' } };
    return { post: catchupMessage(content, merged, row.firesOn), channelId };
  }
  return { post: reminderMessage(content, row.milestone!, row.firesOn), channelId };
}

async function composeDigest(store: Store, row: Reminder, o: ComposeOptions, cache: ComposeCache): Promise<Composition> {
  const sub = row.subscriptionId === null ? undefined : await store.subscriptions.byId(row.subscriptionId);
  if (!sub) return { cancel: { reason: 'unsubscribed' } };
  const since = (await store.reminders.lastDigestSentAt({ subscriptionId: sub.id }, row.id)) ?? sub.createdAt;
  const tr = translator(await channelLocale(store, sub.channelId, o.locale));
  const post = await buildDigest(store, { frequency: sub.frequency, dealCode: sub.dealCode, since, today: o.today, tr }, cache);
  if (sub.frequency === 'weekly' && sub.picture) {
    try {
      const picture = await digestPicture(store, sub.dealCode, o.today, cache, tr.locale);
      if (picture) post.picture = picture;
    } catch (err) {
      // A digest without its picture beats no digest.
      o.logger.warn('digest picture not drawn', { reminder: row.id, error: err });
    }
  }
  return { post, channelId: sub.channelId };
}

/** The timeline of the digest's running clocks; undefined when none is running. */
async function digestPicture(
  store: Store,
  dealCode: string | null,
  today: CivilDate,
  cache: ComposeCache,
  locale: Locale,
): Promise<TimelinePicture | undefined> {
  const { projects, total } = await store.projects.running(MAX_ROWS, dealCode ?? undefined);
  const data = timelineRows({
    projects,
    total,
    deals: await cache.deals(),
    registry: await cache.registry(store.workspaceId),
    today,
    dealCode: dealCode ?? undefined,
  });
  return data.rows.length ? renderTimeline(data, { locale }) : undefined;
}

export async function buildDigest(
  store: Store,
  d: { frequency: 'daily' | 'weekly' | 'now'; dealCode: string | null; since: Date; today: CivilDate; tr: Translator },
  cache: ComposeCache,
): Promise<Reply> {
  const { projects, total } = await store.projects.running(DIGEST_RUNNING_LIMIT, d.dealCode ?? undefined);
  const closed = await store.reminders.closedSince(d.since, d.dealCode, DIGEST_CLOSED_LIMIT);
  return digestMessage({
    frequency: d.frequency,
    dealCode: d.dealCode,
    running: projects,
    totalRunning: total,
    closed,
    deals: await cache.deals(),
    registry: await cache.registry(store.workspaceId),
    today: d.today,
    tr: d.tr,
  });
}
