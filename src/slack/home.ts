/**
 * The App Home tab: running clocks (overdue first), the next reminder milestone of each,
 * recent changes, and — when the reminders feature provides them — the channel
 * subscriptions. Published per user with views.publish when the tab is opened, and
 * republished for the acting user after a change, so it never needs a reload button.
 */
import { createHash } from 'node:crypto';
import type { App, webApi } from '@slack/bolt';
import type { HomeView } from '@slack/types';
import type { CalendarRegistry } from '../calendar/calendars.ts';
import type { CivilDate } from '../core/civil-date.ts';
import { joinMrkdwn, mrkdwn, plain, userMention, type Mrkdwn } from '../core/mrkdwn.ts';
import type { CommandContext } from '../usecases/context.ts';
import type { AuditEvent } from '../db/audit.ts';
import type { Deal, Project } from '../domain/project.ts';
import type { Translator } from '../i18n/translator.ts';
import { projectLine } from '../replies/project-list.ts';
import { context, divider, header, image, section, truncate, type Block } from '../replies/reply.ts';
import { timelineWords, type TimelineLocale } from '../timeline/labels.ts';
import { renderTimeline } from '../timeline/render.ts';
import { MAX_ROWS, timelineRows } from '../timeline/rows.ts';
import type { Runtime } from '../runtime.ts';
import { clockCalendarId, clockView } from '../usecases/clock-view.ts';
import { slackContext, teamIdOf } from './context.ts';
import { uploadPicture } from './picture.ts';

export const MAX_HOME_BLOCKS = 100;

const RUNNING_LIMIT = 100;
const RECENT_LIMIT = 15;
const SECTION_BUDGET = 2800;

export interface HomeOptions {
  /**
   * Hook for the channel subscriptions section: mrkdwn lines describing the digests of the
   * user's channels. The section is left out while no function is provided.
   */
  subscriptions?: (ctx: CommandContext, userId: string) => Promise<Mrkdwn[]>;
}

export interface HomeData {
  today: CivilDate;
  tr: Translator;
  commandName: string;
  running: Project[];
  totalRunning: number;
  deals: Map<string, Deal>;
  registry: CalendarRegistry;
  recent: AuditEvent[];
  subscriptions?: Mrkdwn[] | undefined;
  isAdmin: boolean;
  /** Business days remaining that get a reminder (DEALCLOCK_MILESTONES), largest first. */
  milestones: readonly number[];
  /** The timeline picture, already uploaded; left out when it could not be. */
  picture?: { fileId: string; altText: string } | undefined;
}

export interface Milestone {
  project: Project;
  /** Business days remaining at the milestone. */
  milestone: number;
  on: CivilDate;
  /** Business days from today to the milestone (0: today). */
  inDays: number;
}

/** The next milestone of each running clock, soonest first. Overdue clocks have none. */
export function nextMilestones(
  projects: Project[],
  deals: Map<string, Deal>,
  registry: CalendarRegistry,
  today: CivilDate,
  milestones: readonly number[],
): Milestone[] {
  const largestFirst = [...milestones].sort((a, b) => b - a);
  const out: Milestone[] = [];
  for (const project of projects) {
    const deal = deals.get(project.dealCode);
    if (!deal || project.stage !== 'selected') continue;
    const clock = clockView(project, deal, registry, today);
    if (!clock || (clock.reading.state !== 'running' && clock.reading.state !== 'due_today')) continue;
    const remaining = clock.reading.remaining;
    const milestone = largestFirst.find((m) => m <= remaining);
    if (milestone === undefined) continue;
    const inDays = remaining - milestone;
    // remaining counts open days in (day, due], so it drops by one on each open day.
    const on = inDays === 0 ? today : registry.get(clockCalendarId(project, deal)).advance(today, inDays);
    out.push({ project, milestone, on, inDays });
  }
  return out.sort((a, b) => a.inDays - b.inDays || a.on.localeCompare(b.on) || a.project.number - b.project.number);
}

/** Packs lines into sections within the text limit, using at most `maxBlocks` blocks. */
function packLines(lines: Mrkdwn[], maxBlocks: number): { blocks: Block[]; shown: number } {
  const blocks: Block[] = [];
  let chunk: Mrkdwn[] = [];
  let size = 0;
  let shown = 0;
  for (const raw of lines) {
    const line = raw.truncate(500);
    if (size + line.length + 1 > SECTION_BUDGET) {
      if (blocks.length + 1 >= maxBlocks) break;
      blocks.push(section(joinMrkdwn(chunk, '\n')));
      chunk = [];
      size = 0;
    }
    chunk.push(line);
    size += line.length + 1;
    shown++;
  }
  if (chunk.length) blocks.push(section(joinMrkdwn(chunk, '\n')));
  return { blocks, shown };
}

export function homeView(d: HomeData): HomeView {
  const { tr } = d;
  const cmd = d.commandName;
  const blocks: Block[] = [header(tr.plain('home.title')), context(tr.mrkdwn('home.intro', { today: tr.date(d.today), cmd }))];

  blocks.push(divider(), section(tr.mrkdwn('home.running')));
  if (d.picture && d.running.length > 0) blocks.push(image(d.picture.fileId, plain`${timelineWords(tr.locale).homeCaption}`, d.picture.altText));
  if (d.running.length === 0) {
    blocks.push(section(tr.mrkdwn('home.none_running', { cmd })));
  } else {
    const lines = d.running.map((p) => projectLine(tr, p, d.deals.get(p.dealCode)!, d.registry, d.today));
    const { blocks: packed, shown } = packLines(lines, 30);
    blocks.push(...packed);
    const more = d.totalRunning - shown;
    if (more > 0) blocks.push(context(tr.mrkdwn('home.more_running', { more: String(more), cmd })));
  }

  const milestones = nextMilestones(d.running, d.deals, d.registry, d.today, d.milestones);
  if (milestones.length) {
    blocks.push(divider(), section(tr.mrkdwn('home.milestones', { list: listed(tr, d.milestones) })));
    const lines = milestones.map((m) => {
      const when = m.inDays === 0 ? tr.mrkdwn('home.today') : tr.mrkdwn('home.on_day', { date: tr.date(m.on), days: m.inDays });
      const what = m.milestone === 0 ? tr.text('home.due') : tr.text('clock.left', { days: m.milestone });
      return tr.mrkdwn('home.milestone_line', { name: truncate(m.project.name, 80), slug: m.project.slug, what, when });
    });
    const { blocks: packed, shown } = packLines(lines, 20);
    blocks.push(...packed);
    if (shown < lines.length) blocks.push(context(tr.mrkdwn('home.more_milestones', { more: String(lines.length - shown) })));
  }

  blocks.push(divider(), section(tr.mrkdwn('home.recent')));
  if (d.recent.length === 0) blocks.push(section(tr.mrkdwn('home.nothing_changed')));
  else
    blocks.push(
      ...packLines(
        d.recent.map((e) => describeEvent(tr, e)),
        10,
      ).blocks,
    );

  // Channel subscriptions: filled in by the reminders feature through HomeOptions.subscriptions.
  if (d.subscriptions) {
    blocks.push(divider(), section(tr.mrkdwn('home.digests')));
    if (d.subscriptions.length === 0) blocks.push(section(tr.mrkdwn('home.no_digests', { cmd })));
    else blocks.push(...packLines(d.subscriptions, 15).blocks);
  }

  blocks.push(divider(), context(tr.mrkdwn(d.isAdmin ? 'home.can_change' : 'home.read_only')));
  return { type: 'home', blocks: capHome(tr, blocks) };
}

function capHome(tr: Translator, blocks: Block[]): Block[] {
  if (blocks.length <= MAX_HOME_BLOCKS) return blocks;
  return [...blocks.slice(0, MAX_HOME_BLOCKS - 1), context(tr.mrkdwn('digest.blocks_left_out', { n: String(blocks.length - MAX_HOME_BLOCKS + 1) }))];
}

function describeEvent(tr: Translator, e: AuditEvent): Mrkdwn {
  const when = e.at.toISOString().slice(0, 16).replace('T', ' ');
  const who = e.source === 'slack' ? userMention(e.actor) : mrkdwn`${truncate(e.actor, 40)} (${e.source})`;
  const subject = e.subject ? mrkdwn`\`${truncate(e.subject, 80)}\`` : tr.mrkdwn('home.a_project');
  let what: Mrkdwn;
  if (e.action === 'project.add') what = tr.mrkdwn('home.event', { action: 'add', subject });
  else if (e.action === 'project.stage')
    what = tr.mrkdwn('home.event_stage', { subject, stage: tr.text('stage.name', { stage: truncate(String(e.after?.stage ?? '?'), 40) }) });
  else if (e.action === 'project.edit') what = tr.mrkdwn('home.event', { action: 'edit', subject });
  else if (e.action === 'project.import') what = tr.mrkdwn('home.event', { action: 'import', subject });
  else what = e.subject ? mrkdwn`${truncate(e.action, 60)} ${subject}` : mrkdwn`${truncate(e.action, 60)}`;
  return mrkdwn`• ${when} UTC — ${who}: ${what}`;
}

export async function publishHome(client: webApi.WebClient, runtime: Runtime, who: { teamId: string; userId: string }, options?: HomeOptions): Promise<void> {
  const ctx = await slackContext(runtime, who, client);
  // Opening the App Home can be a workspace's first contact: it starts with the public data too.
  await ctx.ready();
  const { projects, total } = await ctx.store.projects.running(RUNNING_LIMIT);
  const recent = await ctx.store.audit.recent(RECENT_LIMIT);
  const deals = await ctx.deals();
  const registry = await ctx.calendars();
  const picture = await homePicture(client, runtime, who.teamId, ctx.tr.locale, {
    projects: projects.slice(0, MAX_ROWS),
    total,
    deals,
    registry,
    today: ctx.today,
  });
  const view = homeView({
    today: ctx.today,
    tr: ctx.tr,
    commandName: ctx.commandName,
    running: projects,
    totalRunning: total,
    deals,
    registry,
    recent,
    subscriptions: options?.subscriptions ? await options.subscriptions(ctx, who.userId) : undefined,
    isAdmin: ctx.actor.isAdmin,
    milestones: runtime.config.DEALCLOCK_MILESTONES,
    picture,
  });
  await client.views.publish({ user_id: who.userId, view });
}

/**
 * Uploaded pictures by workspace and what they show: the Home is published at every open
 * and after every change, and the same clocks on the same day need neither a new
 * drawing nor a new file. Bounded; a restart only costs one upload.
 */
const homePictures = new Map<string, { fileId: string; altText: string }>();
const HOME_PICTURES_MAX = 500;

/** The workspace's timeline, uploaded once per change of what it shows; undefined when it cannot be. */
async function homePicture(
  client: webApi.WebClient,
  runtime: Runtime,
  teamId: string,
  locale: TimelineLocale,
  inputs: Parameters<typeof timelineRows>[0],
): Promise<{ fileId: string; altText: string } | undefined> {
  const data = timelineRows(inputs);
  if (data.rows.length === 0) return undefined;
  const key = `${teamId}:${locale}:${createHash('sha256').update(JSON.stringify(data)).digest('hex')}`;
  const known = homePictures.get(key);
  if (known) return known;
  try {
    const picture = await renderTimeline(data, { locale });
    const uploaded = { fileId: await uploadPicture(client, picture), altText: picture.altText };
    if (homePictures.size >= HOME_PICTURES_MAX) homePictures.clear();
    homePictures.set(key, uploaded);
    return uploaded;
  } catch (error) {
    runtime.logger.warn('slack: App Home picture not uploaded; the list shows without it', { error, team: teamId });
    return undefined;
  }
}

/** After a change: best effort, a failure is logged and never fails the change. */
export async function republishHome(client: webApi.WebClient, runtime: Runtime, who: { teamId: string; userId: string }, options?: HomeOptions): Promise<void> {
  try {
    await publishHome(client, runtime, who, options);
  } catch (error) {
    runtime.logger.warn('slack: App Home not republished', { error, team: who.teamId, user: who.userId });
  }
}

export function registerHome(app: App, runtime: Runtime, options?: HomeOptions): void {
  app.event('app_home_opened', async ({ event, body, client, context: boltContext }) => {
    if (event.tab !== 'home') return;
    const teamId = teamIdOf(body) ?? boltContext.teamId ?? 'unknown';
    try {
      await publishHome(client, runtime, { teamId, userId: event.user }, options);
    } catch (error) {
      runtime.logger.error('slack: App Home not published', { error, team: teamId, user: event.user });
    }
  });
}

/** `30, 15 and 0` / `30、15、0`, largest first. */
function listed(tr: Translator, milestones: readonly number[]): string {
  const sorted = [...milestones].sort((a, b) => b - a).map(String);
  if (tr.locale === 'ja' || sorted.length < 2) return tr.list(sorted);
  return `${sorted.slice(0, -1).join(', ')} and ${sorted.at(-1)}`;
}
