/**
 * The messages the daily check posts: a milestone reminder, a catch-up after downtime,
 * a channel digest, and the report of a reminder that could not be delivered. Pure: the
 * caller loads the project, clock and exposure line.
 */
import type { CalendarRegistry } from '../calendar/calendars.ts';
import { isCivilDate, type CivilDate } from '../core/civil-date.ts';
import type { Reminder } from '../db/reminders.ts';
import type { ClosedProject } from '../db/running-clocks.ts';
import type { Deal, Project } from '../domain/project.ts';
import type { Translator } from '../i18n/translator.ts';
import { clockPhrase, dayOfClock, dueWithCalendar, projectTitle, spreadPhrase } from '../replies/format.ts';
import { ACTION_FUND } from '../replies/project-card.ts';
import { projectLine } from '../replies/project-list.ts';
import { channelMention, joinMrkdwn, mrkdwn, plain, type Mrkdwn } from '../core/mrkdwn.ts';
import { actions, capBlocks, context, fields, header, reply, section, truncate, type Block, type Reply } from '../replies/reply.ts';
import type { ClockView } from '../usecases/clock-view.ts';
import { milestoneLabel } from './milestones.ts';

/** The Show button; the Slack surface answers it with the project card. */
export const ACTION_SHOW = 'project_show';

export interface ReminderContent {
  project: Project;
  deal: Deal;
  clock: ClockView;
  today: CivilDate;
  /** The channel's language. */
  tr: Translator;
  /** What declining would put at stake, when the tariff data exists. */
  exposureLine?: Mrkdwn | undefined;
}

export function reminderMessage(c: ReminderContent, milestone: string, firesOn: CivilDate): Reply {
  const { tr } = c;
  const label = milestoneLabel(tr, milestone);
  const late = firesOn < c.today ? tr.text('reminder.late', { on: tr.date(firesOn) }) : '';
  const blocks: Block[] = [
    header(plain`${icon(milestone)} ${c.project.name}${tr.text('reminder.colon')}${label}`),
    section(tr.mrkdwn('reminder.lead', { title: projectTitle(tr, c.project), label, late })),
    ...clockFields(c),
  ];
  if (c.exposureLine) blocks.push(section(tr.mrkdwn('reminder.lapse', { line: c.exposureLine })));
  blocks.push(context(tr.mrkdwn('reminder.note', { deal: c.deal.code, calendar: c.clock.calendarId })), buttons(tr, c.project));
  return reply(
    tr.mrkdwn('reminder.fallback', { name: c.project.name, slug: c.project.slug, label, due: tr.date(c.clock.due), calendar: c.clock.calendarId }),
    blocks,
  );
}

export function catchupMessage(c: ReminderContent, merged: readonly { milestone: string; firesOn: CivilDate }[], firesOn: CivilDate): Reply {
  const { tr } = c;
  const missed = merged.filter((m) => m.firesOn < firesOn);
  const current = merged.filter((m) => m.firesOn >= firesOn);
  const lines = missed.map((m) => `• ${tr.date(m.firesOn)} — ${milestoneLabel(tr, m.milestone)}`);
  const today = current.length ? tr.mrkdwn('catchup.today', { labels: tr.list(current.map((m) => milestoneLabel(tr, m.milestone))) }) : '';
  const blocks: Block[] = [
    header(plain`${ALARM_CLOCK} ${c.project.name}${tr.text('reminder.colon')}${tr.text('catchup.title')}`),
    section(tr.mrkdwn('catchup.lead', { title: projectTitle(tr, c.project), count: missed.length, lines: lines.join('\n'), today }).truncate(2900)),
    ...clockFields(c),
  ];
  if (c.exposureLine) blocks.push(section(tr.mrkdwn('reminder.lapse', { line: c.exposureLine })));
  blocks.push(context(tr.mrkdwn('catchup.note', { deal: c.deal.code, calendar: c.clock.calendarId })), buttons(tr, c.project));
  const named = tr.list(merged.map((m) => milestoneLabel(tr, m.milestone)));
  return reply(tr.mrkdwn('catchup.fallback', { name: c.project.name, slug: c.project.slug, named, clock: clockPhrase(tr, c.clock) }), blocks);
}

export interface DigestContent {
  frequency: 'daily' | 'weekly' | 'now';
  dealCode: string | null;
  running: Project[];
  totalRunning: number;
  closed: ClosedProject[];
  deals: Map<string, Deal>;
  registry: CalendarRegistry;
  today: CivilDate;
  tr: Translator;
}

const DIGEST_LINES = 30;

/** Running clocks, overdue first then soonest due, plus what closed since the last digest. */
export function digestMessage(d: DigestContent): Reply {
  const { tr } = d;
  const title = tr.text('digest.title', { frequency: d.frequency, deal: d.dealCode ?? 'none', today: tr.date(d.today) });
  const none = tr.text('digest.none', { deal: d.dealCode ?? 'none' });
  if (d.totalRunning === 0 && d.closed.length === 0) {
    return reply(mrkdwn`${title}${tr.text('reminder.colon')}${none}`, [section(mrkdwn`*${title}* — ${none}`)]);
  }
  const blocks: Block[] = [header(plain`${title}`)];
  if (d.totalRunning === 0) blocks.push(section(mrkdwn`${none}`));
  else {
    // Running clocks come sorted by due date, so the overdue ones are already first.
    const lines = d.running.slice(0, DIGEST_LINES).map((p) => projectLine(tr, p, d.deals.get(p.dealCode)!, d.registry, d.today));
    pack(blocks, tr.mrkdwn('digest.running', { count: d.totalRunning }), lines);
    if (d.totalRunning > lines.length)
      blocks.push(
        context(tr.mrkdwn('digest.more', { more: String(d.totalRunning - lines.length), status: `status${d.dealCode ? ` deal=${d.dealCode}` : ''}` })),
      );
  }
  if (d.closed.length) {
    const lines = d.closed.map(
      (p) =>
        mrkdwn`${p.stage === 'funded' ? ':white_check_mark:' : ':x:'} *#${p.number} ${truncate(p.name, 80)}* \`${p.slug}\` · ${tr.text('stage.name', { stage: p.stage })}${p.on ? ` ${tr.date(p.on)}` : ''} · ${p.dealCode}`,
    );
    pack(blocks, tr.mrkdwn('digest.closed'), lines);
  }
  const text = tr.mrkdwn('digest.fallback', { title, count: d.totalRunning, closed: d.closed.length });
  return reply(
    text,
    capBlocks(blocks, (n) => tr.mrkdwn('digest.blocks_left_out', { n: String(n) })),
  );
}

export interface FailureReport {
  reminder: Pick<Reminder, 'id' | 'kind' | 'milestone' | 'period' | 'projectId'>;
  /** The project's slug, when it still exists. */
  slug: string | undefined;
  channelId: string | undefined;
  error: string;
}

/** The ops channel's report of a reminder or digest given up on, in that channel's language. */
export function failureReport(tr: Translator, f: FailureReport): Reply {
  const r = f.reminder;
  // A digest's period is `day:<date>` or `week:<monday>` (reminders/reconcile.ts).
  const [unit = '', on = ''] = (r.period ?? '').split(':');
  const what = tr.mrkdwn('ops.what', {
    kind: r.kind,
    unit: (unit === 'day' || unit === 'week') && isCivilDate(on) ? unit : 'other',
    on: isCivilDate(on) ? tr.date(on) : (r.period ?? ''),
    project: f.slug ?? String(r.projectId ?? ''),
    label: r.milestone ? milestoneLabel(tr, r.milestone) : '',
  });
  const to = f.channelId ? tr.mrkdwn('ops.to', { channel: channelMention(f.channelId) }) : '';
  const text = tr.mrkdwn('ops.not_delivered', { id: String(r.id), what, to, error: f.error });
  return reply(text, [section(text.truncate(2900))]);
}

function clockFields(c: ReminderContent): Block[] {
  const { tr } = c;
  const label = (field: string) => tr.text('card.label', { field });
  const pairs: [string, Mrkdwn][] = [
    [label('due'), dueWithCalendar(tr, c.clock)],
    [label('clock'), mrkdwn`${c.clock.reading.state === 'overdue' ? clockPhrase(tr, c.clock) : `${dayOfClock(tr, c.clock)} · ${clockPhrase(tr, c.clock)}`}`],
  ];
  const spread = spreadPhrase(tr, c.clock);
  if (spread) pairs.push([label('spread'), spread]);
  pairs.push([label('deal'), mrkdwn`${c.deal.code} — ${tr.text('deal.partner', { code: c.deal.code, partner: c.deal.partner })}`]);
  return fields(pairs);
}

function buttons(tr: Translator, project: Project): Block {
  const value = JSON.stringify({ id: project.id, stage: project.stage });
  return actions(`reminder:${project.id}`, [
    { text: tr.plain('button.fund'), actionId: ACTION_FUND, value, style: 'primary' },
    { text: tr.plain('button.show'), actionId: ACTION_SHOW, value },
  ]);
}

// Header icons are characters, not `:codes:`: a header that carries a project name is sent
// with emoji off (a name's `:code:` must show as typed), and these still show.
const RED_CIRCLE = '\u{1F534}';
const ALARM_CLOCK = '\u23F0';
const HOURGLASS = '\u23F3';

function icon(milestone: string): string {
  if (milestone.startsWith('overdue')) return RED_CIRCLE;
  return milestone === 'remaining:0' ? ALARM_CLOCK : HOURGLASS;
}

/** Lines packed into sections under Slack's 3000-character limit. */
function pack(blocks: Block[], lead: Mrkdwn, lines: Mrkdwn[]): void {
  let chunk = [lead];
  let size = lead.length;
  for (const line of lines) {
    if (size + line.length + 1 > 2800) {
      blocks.push(section(joinMrkdwn(chunk, '\n')));
      chunk = [];
      size = 0;
    }
    chunk.push(line);
    size += line.length + 1;
  }
  if (chunk.length) blocks.push(section(joinMrkdwn(chunk, '\n')));
}
