/** Words for stages and clocks, shared by every reply. */
import { packVersionOfActor } from '../usecases/public-data/pack-actor.ts';
import { channelMention as mention, joinMrkdwn, mrkdwn, type Mrkdwn } from '../core/mrkdwn.ts';
import type { Project, Stage } from '../domain/project.ts';
import type { Translator } from '../i18n/translator.ts';
import type { ClockView } from '../usecases/clock-view.ts';
import { truncate } from './reply.ts';

export const STAGE_ICON: Record<Stage | 'overdue', string> = {
  candidate: ':white_circle:',
  shortlisted: ':large_blue_circle:',
  selected: ':hourglass_flowing_sand:',
  funded: ':white_check_mark:',
  declined: ':x:',
  withdrawn: ':heavy_minus_sign:',
  overdue: ':red_circle:',
};

export function stageLabel(tr: Translator, project: Project, clock?: ClockView): string {
  if (project.stage === 'selected' && clock?.reading.state === 'overdue') return tr.text('stage.selected_overdue');
  return tr.text('stage.name', { stage: project.stage });
}

export function stageIcon(project: Project, clock?: ClockView): string {
  if (project.stage === 'selected' && clock?.reading.state === 'overdue') return STAGE_ICON.overdue;
  return STAGE_ICON[project.stage];
}

/**
 * A recorded name in the reader's words: an audit action (`tariff.set`), a field as stored
 * (`dueOn`). ICU select keywords cannot hold `.` or `-`, so the name is the selector with
 * those as `_`; English and anything unknown show `word`, the name as recorded.
 */
export function recordedName(tr: Translator, key: 'history.action' | 'record.field', name: string, word = name): string {
  return tr.text(key, { selector: name.replace(/\W/g, '_'), word: truncate(word, 60) });
}

/** Who did something: a pack's actor (`public data 2026.11.09`) in the reader's language, anyone else as recorded. */
export function actorName(tr: Translator, actor: string): string {
  const version = packVersionOfActor(actor);
  return version === undefined ? actor : tr.text('public.actor', { version });
}

/** "33 business days left", "due today", "overdue by 2 business days", "starts …". */
export function clockPhrase(tr: Translator, clock: ClockView): string {
  const r = clock.reading;
  switch (r.state) {
    case 'not_started':
      return tr.text('clock.not_started', { notice: tr.date(clock.noticeOn), days: r.remaining });
    case 'due_today':
      return tr.text('clock.due_today');
    case 'overdue':
      return r.overdueBy > 0 ? tr.text('clock.overdue', { days: r.overdueBy }) : tr.text('clock.past_due');
    default:
      return tr.text('clock.left', { days: r.remaining });
  }
}

/** "day 12 of 45" */
export function dayOfClock(tr: Translator, clock: ClockView): string {
  return tr.text('clock.day_of', { day: String(Math.min(clock.reading.elapsed, 9999)), total: String(clock.clockDays) });
}

export function dueWithCalendar(tr: Translator, clock: ClockView): Mrkdwn {
  return tr.mrkdwn('clock.due_on', { date: tr.date(clock.due), calendar: clock.calendarId });
}

/** "`US-FRB` Tue 2026-04-21" for each comparison calendar that gives another date. */
export function spreadPhrase(tr: Translator, clock: ClockView): Mrkdwn | undefined {
  const differing = clock.spread.filter((s) => s.differs);
  if (differing.length === 0) {
    return clock.spread.length
      ? tr.mrkdwn('spread.same', {
          calendars: joinMrkdwn(
            clock.spread.map((s) => mrkdwn`\`${s.calendarId}\``),
            tr.separator,
          ),
        })
      : undefined;
  }
  return joinMrkdwn(
    differing.map((s) => mrkdwn`\`${s.calendarId}\` ${tr.date(s.due)}`),
    tr.separator,
  );
}

export function projectTitle(tr: Translator, project: Project): Mrkdwn {
  return tr.mrkdwn('project.title', { name: project.name, slug: project.slug, number: String(project.number) });
}

export function channelMention(channelId: string | null): Mrkdwn {
  return channelId ? mention(channelId) : mrkdwn`—`;
}
