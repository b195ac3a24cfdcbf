import type { Translator } from '../../i18n/translator.ts';
import { phrase } from '../../i18n/error-message.ts';
import type { AuditEvent } from '../../db/audit.ts';
import type { Reminder } from '../../db/reminders.ts';
import { milestoneLabel } from '../../reminders/milestones.ts';
import { actorName, recordedName } from '../../replies/format.ts';
import { parseOverrideCause, PUBLIC_CLOSURE_CAUSE } from '../../usecases/calendar-overrides.ts';
import { AS_STORED, dataTexts, type DataText } from '../../usecases/public-data/data-text.ts';
import { findProject } from '../../usecases/find-project.ts';
import { channelMention, joinMrkdwn, mrkdwn, userMention, type Mrkdwn } from '../../core/mrkdwn.ts';
import { context, header, reply, section, truncate, type Block } from '../../replies/reply.ts';
import type { CommandContext } from '../../usecases/context.ts';
import { defineSubcommand, refuseExtraWords, requireWord } from '../subcommand.ts';

const LIMIT = 40;
const REMINDER_LIMIT = 20;

export const history = defineSubcommand({
  name: 'history',
  usage: 'history [project]',
  summary: 'Audit trail: who changed what, when (newest first); without a project, the whole workspace',
  examples: ['history texas-gulflink', 'history'],
  mutates: false,
  options: [],
  async run(args, ctx) {
    refuseExtraWords(history, args, 1);
    // Calendar overrides, tariff data, subscriptions and refused attempts belong to no
    // project: the workspace view is where they can be seen.
    if (args.words.length === 0) return workspaceHistory(ctx);
    const ref = requireWord(history, args, 0, phrase('history.what_project'));
    const project = await findProject(ctx.store, ref);
    const { tr } = ctx;
    const events = await ctx.store.audit.forProject(project.id, LIMIT);
    // The public data's translations of texts the events recorded (a closure's reason, a tariff's basis).
    const text = await dataTexts(ctx.store, tr.locale);
    const lines = events.map((e) => describe(tr, e, text));
    const blocks: Block[] = [header(tr.plain('history.title', { name: project.name }))];
    for (let i = 0; i < lines.length; i += 10) blocks.push(section(joinMrkdwn(lines.slice(i, i + 10), '\n')));
    if (lines.length === 0) blocks.push(section(tr.mrkdwn('history.none')));
    const reminders = await ctx.store.reminders.forProject(project.id, REMINDER_LIMIT);
    if (reminders.length) blocks.push(section(joinMrkdwn([tr.mrkdwn('history.reminders'), ...reminders.map((r) => describeReminder(tr, r))], '\n')));
    blocks.push(context(tr.mrkdwn('history.note', { slug: project.slug, latest: latest(tr, events.length) })));
    return reply(tr.mrkdwn('history.fallback', { slug: project.slug, count: String(events.length) }), blocks);
  },
});

async function workspaceHistory(ctx: CommandContext) {
  const { tr } = ctx;
  const events = await ctx.store.audit.recent(LIMIT);
  const text = await dataTexts(ctx.store, tr.locale);
  const lines = events.map((e) => describe(tr, e, text, true));
  const blocks: Block[] = [header(tr.plain('history.title_workspace'))];
  for (let i = 0; i < lines.length; i += 10) blocks.push(section(joinMrkdwn(lines.slice(i, i + 10), '\n')));
  if (lines.length === 0) blocks.push(section(tr.mrkdwn('history.none')));
  blocks.push(context(tr.mrkdwn('history.note_workspace', { latest: latest(tr, events.length) })));
  return reply(tr.mrkdwn('history.fallback_workspace', { count: String(events.length) }), blocks);
}

/** ` · the latest 40` when the answer stops at the limit. */
function latest(tr: Translator, count: number): string {
  return count === LIMIT ? tr.text('history.latest', { n: String(LIMIT) }) : '';
}

function describe(tr: Translator, e: AuditEvent, text: DataText, withSubject = false): Mrkdwn {
  const when = e.at.toISOString().slice(0, 16).replace('T', ' ');
  // Ids come from Slack payloads; the mentions check their shape, so a stored value cannot become markup.
  const who =
    e.source === 'slack'
      ? userMention(e.actor)
      : tr.mrkdwn('history.actor', { actor: truncate(actorName(tr, e.actor), 60), source: tr.text('history.source', { source: e.source }) });
  const where = e.channelId && /^[CGD][A-Z0-9]+$/.test(e.channelId) ? tr.mrkdwn('history.in', { where: channelMention(e.channelId) }) : '';
  const subject = withSubject && e.subject && e.action.startsWith('project.') ? mrkdwn` \`${truncate(e.subject, 60)}\`` : '';
  return tr.mrkdwn('history.line', { when, who, where, subject, verb: verb(tr, e, text), changes: changes(tr, e, text) }).truncate(290);
}

/** "• 2026-03-11 00:00 — 30 business days left in <#C…> (Slack ts 1700000000.000001)" */
function describeReminder(tr: Translator, r: Reminder): Mrkdwn {
  const when = (r.sentAt ?? r.createdAt).toISOString().slice(0, 16).replace('T', ' ');
  const what = r.kind === 'catchup' ? tr.text('history.catchup') : milestoneLabel(tr, r.milestone ?? '');
  const where = r.channelId ? tr.mrkdwn('history.in', { where: r.channelId === 'shell' ? tr.text('history.shell') : channelMention(r.channelId) }) : '';
  if (r.status === 'failed') {
    return tr.mrkdwn('history.reminder_failed', { when, what, where, error: truncate(r.lastError ?? tr.text('history.unknown_error'), 200) }).truncate(290);
  }
  return tr.mrkdwn('history.reminder_sent', { when, what, where, ts: r.slackTs ?? '—' });
}

function verb(tr: Translator, e: AuditEvent, text: DataText): Mrkdwn {
  const pack = () => truncate(String(e.after?.pack ?? ''), 40);
  if (e.action === 'project.add') return tr.mrkdwn('history.added');
  if (e.action === 'project.stage') return tr.mrkdwn('history.stage', { stage: tr.text('stage.name', { stage: truncate(String(e.after?.stage ?? '?'), 40) }) });
  if (e.action === 'project.edit') return tr.mrkdwn('history.edited');
  if (e.action === 'project.import') return tr.mrkdwn('history.imported');
  if (e.action === 'project.public-add') return tr.mrkdwn('history.public_add', { pack: pack() });
  if (e.action === 'project.public-update') return tr.mrkdwn('history.public_update', { pack: pack() });
  if (e.action === 'project.public-event') {
    return tr.mrkdwn('history.public_event', {
      pack: pack(),
      date: show(tr, e.after?.date),
      kind: tr.text('history.event_kind', { kind: truncate(String(e.after?.kind ?? ''), 40) }),
    });
  }
  if (e.action === 'data.apply') {
    return tr.mrkdwn('history.data_apply', { version: truncate(String(e.after?.version ?? e.subject ?? ''), 40), summary: summary(tr, e.after, text) });
  }
  if (e.action === 'permission.refused') return tr.mrkdwn('history.refused', { text: truncate(String(e.after?.text ?? e.subject ?? '?'), 120) });
  return mrkdwn`${recordedName(tr, 'history.action', e.action)}${e.subject ? mrkdwn` \`${truncate(e.subject, 80)}\`` : ''}${summary(tr, e.after, text)}`;
}

/** A short "key value" summary of a non-project event's new state. */
function summary(tr: Translator, after: Record<string, unknown> | null, text: DataText): Mrkdwn | '' {
  if (!after) return '';
  const parts = Object.entries(after)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .slice(0, 4)
    .map(([k, v]) => mrkdwn`${recordedName(tr, 'record.field', k)} ${show(tr, v, k, text)}`);
  return parts.length ? tr.mrkdwn('history.summary', { parts: joinMrkdwn(parts, tr.text('history.part_separator')) }) : '';
}

function changes(tr: Translator, e: AuditEvent, text: DataText): Mrkdwn | '' {
  if (e.action !== 'project.edit' && e.action !== 'project.stage' && e.action !== 'project.public-update') return '';
  const keys = Object.keys(e.after ?? {}).filter(
    (k) =>
      k !== 'pack' && (k !== 'stage' || e.action === 'project.public-update') && JSON.stringify(e.before?.[k] ?? null) !== JSON.stringify(e.after?.[k] ?? null),
  );
  if (keys.length === 0) return '';
  return mrkdwn` ${joinMrkdwn(
    keys.map((k) => mrkdwn`${recordedName(tr, 'record.field', k)} ${show(tr, e.before?.[k], k, text)} → ${show(tr, e.after?.[k], k, text)}`),
    tr.text('history.part_separator'),
  )}`;
}

function show(tr: Translator, v: unknown, key?: string, text: DataText = AS_STORED): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return tr.text('history.yes_no', { value: String(v) });
  if (typeof v !== 'string') return truncate(String(v), 60);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return tr.date(v);
  if (key === 'stage') return tr.text('stage.name', { stage: truncate(v, 40) });
  if (key === 'locale') return tr.text('history.locale', { locale: truncate(v, 10) });
  if (key === 'action' && (v === 'close' || v === 'open')) return tr.text('history.override_action', { action: v });
  if (key === 'label') return tr.text('fact.label', { label: truncate(v, 20) });
  if (key === 'because') {
    if (v === PUBLIC_CLOSURE_CAUSE) return tr.text('history.because_public_closure');
    const cause = parseOverrideCause(v);
    if (cause) return tr.text('history.because_override', { calendar: cause.calendar, date: tr.day(cause.date) });
  }
  return truncate(text(v), 60);
}
