/** Words for stages and clocks, shared by every reply. */
import { formatDate } from '../core/civil-date.ts';
import { channelMention as mention, joinMrkdwn, mrkdwn, type Mrkdwn } from '../core/mrkdwn.ts';
import type { ClockView } from '../usecases/clock-view.ts';
import type { Project, Stage } from '../domain/project.ts';

export const STAGE_ICON: Record<Stage | 'overdue', string> = {
  candidate: ':white_circle:',
  shortlisted: ':large_blue_circle:',
  selected: ':hourglass_flowing_sand:',
  funded: ':white_check_mark:',
  declined: ':x:',
  withdrawn: ':heavy_minus_sign:',
  overdue: ':red_circle:',
};

export function stageLabel(project: Project, clock?: ClockView): string {
  if (project.stage === 'selected' && clock?.reading.state === 'overdue') return 'selected · overdue';
  return project.stage;
}

export function stageIcon(project: Project, clock?: ClockView): string {
  if (project.stage === 'selected' && clock?.reading.state === 'overdue') return STAGE_ICON.overdue;
  return STAGE_ICON[project.stage];
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "33 business days left", "due today", "overdue by 2 business days", "starts …". */
export function clockPhrase(clock: ClockView): string {
  const r = clock.reading;
  switch (r.state) {
    case 'not_started':
      return `notice on ${formatDate(clock.noticeOn)}; ${plural(r.remaining, 'business day')} from then`;
    case 'due_today':
      return 'due today';
    case 'overdue':
      return r.overdueBy > 0 ? `overdue by ${plural(r.overdueBy, 'business day')}` : 'past due';
    default:
      return `${plural(r.remaining, 'business day')} left`;
  }
}

/** "day 12 of 45" */
export function dayOfClock(clock: ClockView): string {
  return `day ${Math.min(clock.reading.elapsed, 9999)} of ${clock.clockDays}`;
}

export function dueWithCalendar(clock: ClockView): Mrkdwn {
  return mrkdwn`${formatDate(clock.due)} on \`${clock.calendarId}\``;
}

/** "`US-FRB` Tue 2026-04-21" for each comparison calendar that gives another date. */
export function spreadPhrase(clock: ClockView): Mrkdwn | undefined {
  const differing = clock.spread.filter((s) => s.differs);
  if (differing.length === 0) {
    return clock.spread.length
      ? mrkdwn`same date on ${joinMrkdwn(
          clock.spread.map((s) => mrkdwn`\`${s.calendarId}\``),
          ', ',
        )}`
      : undefined;
  }
  return joinMrkdwn(
    differing.map((s) => mrkdwn`\`${s.calendarId}\` ${formatDate(s.due)}`),
    ', ',
  );
}

export function projectTitle(project: Project): Mrkdwn {
  return mrkdwn`${project.name} (\`${project.slug}\`, #${project.number})`;
}

export function channelMention(channelId: string | null): Mrkdwn {
  return channelId ? mention(channelId) : mrkdwn`—`;
}
