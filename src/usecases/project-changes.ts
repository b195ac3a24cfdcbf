/**
 * Every change to a project: validated in full before anything is written, written in one
 * transaction together with its audit event, so a refused or failed change leaves the
 * database exactly as it was.
 */
import { phrase } from '../i18n/error-message.ts';
import type { CivilDate } from '../core/civil-date.ts';
import type { CommandContext } from './context.ts';
import { parseDateValue } from '../core/values.ts';
import type { ProjectFields } from '../db/projects.ts';
import type { Store } from '../db/store.ts';
import { UserError } from '../core/errors.ts';
import { refuseStageMove, type Project, type Stage } from '../domain/project.ts';
import { effectiveDueOn } from './due-date.ts';
import { findProject } from './find-project.ts';
import { MAX_TEXT_FIELD, parseDescriptiveFields, slugForName, validDeal, validName, validSlug } from './project-fields.ts';
import { validText } from '../core/values.ts';

const UNIQUE_VIOLATION = '23505';

export async function addProject(ctx: CommandContext, rawName: string, options: Record<string, string>): Promise<Project> {
  const name = validName(rawName);
  const slug = slugForName(name, options.slug);
  const deal = validDeal(options.deal ?? 'JP', await ctx.deals());
  const fields = parseDescriptiveFields(options, ctx.today);
  // A project added from a Slack channel belongs to that channel unless channel= names another.
  if (fields.channelId === undefined && ctx.actor.source === 'slack' && ctx.actor.channelId) fields.channelId = ctx.actor.channelId;
  if (fields.calendar) (await ctx.calendars()).get(fields.calendar);
  return ctx.write(async (store) => {
    if (await store.projects.bySlug(slug)) throw new UserError('duplicate_project', { slug });
    const project = await explainSlugConflict(store.projects.insert({ slug, name, dealCode: deal.code, ...fields }), slug);
    await store.audit.record(ctx.actor, { action: 'project.add', projectId: project.id, subject: slug, after: snapshot(project) });
    return project;
  });
}

export async function editProject(ctx: CommandContext, ref: string, options: Record<string, string>): Promise<{ project: Project; changed: string[] }> {
  if (Object.keys(options).length === 0) throw new UserError('nothing_to_change', { slug: ref.slice(0, 60) });
  const deals = await ctx.deals();
  const changes: Partial<ProjectFields> = parseDescriptiveFields(options, ctx.today);
  if (options.name !== undefined) changes.name = validName(options.name);
  if (options.slug !== undefined) changes.slug = validSlug(options.slug);
  if (options.deal !== undefined) changes.dealCode = validDeal(options.deal, deals).code;
  if (options.notice !== undefined) changes.noticeOn = parseDateValue(options.notice, ctx.today);
  if (options.due !== undefined) changes.noticeDueOn = options.due.trim() === '' ? null : parseDateValue(options.due, ctx.today);
  return ctx.write(async (store) => {
    const current = await lockProject(store, ref);
    if ((changes.noticeOn !== undefined || changes.noticeDueOn !== undefined) && !current.noticeOn) {
      throw new UserError('invalid_value', {
        key: options.notice !== undefined ? 'notice' : 'due',
        value: options.notice ?? options.due,
        reason: phrase('reason.no_clock', { slug: current.slug }),
      });
    }
    if (changes.slug && changes.slug !== current.slug && (await store.projects.bySlug(changes.slug))) {
      throw new UserError('duplicate_project', { slug: changes.slug });
    }
    const next = { ...current, ...changes };
    const deal = deals.get(next.dealCode)!;
    const registry = await ctx.calendars(store.query);
    if (next.noticeOn) changes.dueOn = effectiveDueOn(next, deal, registry);
    const changed = (Object.keys(changes) as (keyof ProjectFields)[]).filter((k) => (current as unknown as Record<string, unknown>)[k] !== changes[k]);
    if (changed.length === 0) return { project: current, changed: ['nothing (the values were already set)'] };
    const project = await explainSlugConflict(store.projects.update(current.id, changes), changes.slug ?? current.slug);
    await store.audit.record(ctx.actor, {
      action: 'project.edit',
      projectId: project.id,
      subject: project.slug,
      before: pick(current, changed),
      after: pick(project, changed),
    });
    return { project, changed: changed.filter((k) => k !== 'dueOn' || !changed.includes('noticeOn')).map(label) };
  });
}

export interface StageChange {
  to: Stage;
  noticeOn?: CivilDate;
  noticeDueOn?: CivilDate | null;
  on?: CivilDate;
  amountUsd?: number | null;
  reason?: string | undefined;
  /** The stage the user saw (a button); a mismatch means someone else moved it first. */
  expectedStage?: Stage;
}

export class StaleStageError extends Error {
  constructor(readonly project: Project) {
    super(`project ${project.slug} is ${project.stage} now`);
  }
}

export async function changeStage(ctx: CommandContext, refOrId: string | number, change: StageChange): Promise<{ project: Project; warnings: string[] }> {
  const reason = change.reason === undefined ? undefined : validText('reason', change.reason, MAX_TEXT_FIELD);
  return ctx.write(async (store) => {
    const current = await lockProject(store, refOrId);
    if (change.expectedStage && current.stage !== change.expectedStage) throw new StaleStageError(current);
    const refusal = refuseStageMove(current.stage, change.to);
    if (refusal)
      throw new UserError('invalid_stage_move', {
        slug: current.slug,
        from: phrase('stage.name', { stage: current.stage }),
        to: phrase('stage.name', { stage: change.to }),
        reason: refusal,
      });
    const deal = (await ctx.deals()).get(current.dealCode)!;
    const warnings: string[] = [];
    const changes: Partial<ProjectFields> = { stage: change.to };
    if (change.to === 'selected') {
      const registry = await ctx.calendars(store.query);
      const calendar = registry.get(current.calendar ?? deal.clockCalendar);
      const noticeOn = change.noticeOn!;
      const floor = calendar.advance(noticeOn, deal.clockDays);
      changes.noticeOn = noticeOn;
      changes.noticeDueOn = change.noticeDueOn ?? null;
      changes.dueOn = change.noticeDueOn ?? floor;
      if (change.noticeDueOn && change.noticeDueOn < floor) {
        warnings.push(ctx.tr.text('warning.before_floor', { due: ctx.tr.date(change.noticeDueOn), days: String(deal.clockDays), floor: ctx.tr.date(floor) }));
      }
      if (noticeOn < deal.signedOn) warnings.push(ctx.tr.text('warning.before_signing', { deal: deal.code, signed: ctx.tr.date(deal.signedOn) }));
      if (noticeOn > ctx.today) warnings.push(ctx.tr.text('warning.future_notice', { notice: ctx.tr.date(noticeOn) }));
    } else if (change.to === 'funded') {
      changes.fundedOn = change.on ?? ctx.today;
      changes.fundedUsd = change.amountUsd ?? null;
      if (current.noticeOn && changes.fundedOn < current.noticeOn) {
        throw new UserError('invalid_value', { key: 'on', value: changes.fundedOn, reason: phrase('reason.before_notice', { notice: current.noticeOn }) });
      }
      if (current.dueOn && changes.fundedOn > current.dueOn) warnings.push(ctx.tr.text('warning.funded_late', { due: ctx.tr.date(current.dueOn) }));
    } else if (change.to === 'declined') {
      changes.declinedOn = change.on ?? ctx.today;
      changes.closedReason = reason ?? null;
      if (current.noticeOn && changes.declinedOn < current.noticeOn) {
        throw new UserError('invalid_value', { key: 'on', value: changes.declinedOn, reason: phrase('reason.before_notice', { notice: current.noticeOn }) });
      }
    } else if (change.to === 'withdrawn') {
      changes.withdrawnOn = change.on ?? ctx.today;
      changes.closedReason = reason ?? null;
    }
    const project = await store.projects.update(current.id, changes);
    const keys = Object.keys(changes) as (keyof ProjectFields)[];
    await store.audit.record(ctx.actor, {
      action: 'project.stage',
      projectId: project.id,
      subject: project.slug,
      before: pick(current, keys),
      after: pick(project, keys),
    });
    return { project, warnings };
  });
}

async function lockProject(store: Store, refOrId: string | number): Promise<Project> {
  const found = typeof refOrId === 'number' ? await store.projects.byId(refOrId) : await findProject(store, refOrId);
  if (!found) throw new UserError('project_not_found', { ref: String(refOrId), suggestions: [] });
  // Re-read under a row lock so two concurrent changes serialise instead of overwriting.
  return (await store.projects.byId(found.id, true))!;
}

/**
 * The slug check before a write cannot see a concurrent transaction's uncommitted project:
 * two adds (or renames) to one slug at once both pass it, and the unique index stops the
 * second. That is the same user error, never an internal one.
 */
async function explainSlugConflict(write: Promise<Project>, slug: string): Promise<Project> {
  try {
    return await write;
  } catch (err) {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION && (err as { constraint?: string }).constraint?.includes('slug')) {
      throw new UserError('duplicate_project', { slug });
    }
    throw err;
  }
}

export function snapshot(p: Project): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, workspaceId: _w, ...rest } = p;
  return rest;
}

function pick(p: Project, keys: readonly (keyof ProjectFields)[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, (p as unknown as Record<string, unknown>)[k] ?? null]));
}

const LABELS: Partial<Record<keyof ProjectFields, string>> = {
  costUsd: 'cost',
  dealCode: 'deal',
  announcedOn: 'announced',
  channelId: 'channel',
  noticeOn: 'notice',
  noticeDueOn: 'due',
  dueOn: 'due date',
};
function label(key: keyof ProjectFields): string {
  return LABELS[key] ?? key;
}
