/**
 * Glossary
 * - deal: an investment framework (`JP`, `KR`) with a clock length, a clock calendar and
 *   comparison calendars.
 * - project: a candidate investment under one deal.
 * - stage: candidate → shortlisted → selected → funded | declined; candidate, shortlisted
 *   and selected may also become withdrawn. `overdue` is derived, never stored.
 * - notice date: the day the partner government received the US selection notice; the
 *   clock starts here (not the press announcement date, which is kept separately).
 * - clock: N business days (45) on the clock calendar, counted from the notice date.
 */
import type { Phrase } from '../core/errors.ts';
import { phrase } from '../i18n/error-message.ts';
import type { CivilDate } from '../core/civil-date.ts';

/** "about US$0.6bn", "up to US$40bn", "more than US$10bn". */
export type CostQualifier = 'about' | 'up_to' | 'more_than';

export const STAGES = ['candidate', 'shortlisted', 'selected', 'funded', 'declined', 'withdrawn'] as const;
export type Stage = (typeof STAGES)[number];

export interface Deal {
  code: string;
  name: string;
  partner: string;
  signedOn: CivilDate;
  commitmentUsd: number;
  selectionEndsOn: CivilDate | null;
  clockDays: number;
  clockCalendar: string;
  compareCalendars: string[];
  sourceUrl: string;
  note: string | null;
}

export interface Project {
  id: number;
  workspaceId: string;
  number: number;
  slug: string;
  name: string;
  dealCode: string;
  sector: string | null;
  sponsor: string | null;
  location: string | null;
  costUsd: number | null;
  /** How the cost is meant: about, up to, more than; null for the amount as it is. */
  costQualifier: CostQualifier | null;
  stage: Stage;
  announcedOn: CivilDate | null;
  noticeOn: CivilDate | null;
  noticeDueOn: CivilDate | null;
  dueOn: CivilDate | null;
  calendar: string | null;
  fundedOn: CivilDate | null;
  fundedUsd: number | null;
  declinedOn: CivilDate | null;
  withdrawnOn: CivilDate | null;
  closedReason: string | null;
  channelId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Fields a user may set with `add` and `edit`. */
export const EDITABLE_FIELDS = ['name', 'slug', 'deal', 'cost', 'sector', 'sponsor', 'location', 'announced', 'channel', 'calendar'] as const;

const MOVES: Record<Stage, readonly Stage[]> = {
  candidate: ['shortlisted', 'selected', 'withdrawn'],
  shortlisted: ['selected', 'withdrawn'],
  selected: ['funded', 'declined', 'withdrawn'],
  funded: [],
  declined: [],
  withdrawn: [],
};

/** Why a stage move is refused, or null when it is allowed. */
export function refuseStageMove(from: Stage, to: Stage): Phrase | null {
  if (MOVES[from].includes(to)) return null;
  if (from === to) return phrase('stage_move.same', { to });
  if (MOVES[from].length === 0) return phrase('stage_move.closed', { from });
  if (to === 'funded' || to === 'declined') return phrase('stage_move.needs_clock', { to });
  // `allowedKey` lets a catalogue name the stages in its own words (a select on it).
  return phrase('stage_move.allowed', { from, allowed: MOVES[from].join(', '), allowedKey: MOVES[from].join('_') });
}

export function isClockRunning(project: Pick<Project, 'stage'>): boolean {
  return project.stage === 'selected';
}
