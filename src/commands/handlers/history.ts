import { translator } from '../../i18n/translator.ts';
import { formatDate } from '../../core/civil-date.ts';
import type { AuditEvent } from '../../db/audit.ts';
import type { Reminder } from '../../db/reminders.ts';
import { milestoneLabel } from '../../reminders/milestones.ts';
import { findProject } from '../../usecases/find-project.ts';
import { channelMention, joinMrkdwn, mrkdwn, plain, userMention, type Mrkdwn } from '../../core/mrkdwn.ts';
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
    const ref = requireWord(history, args, 0, 'a project');
    const project = await findProject(ctx.store, ref);
    const events = await ctx.store.audit.forProject(project.id, LIMIT);
    const lines = events.map((e) => describe(e));
    const blocks: Block[] = [header(plain`History — ${project.name}`)];
    for (let i = 0; i < lines.length; i += 10) blocks.push(section(joinMrkdwn(lines.slice(i, i + 10), '\n')));
    if (lines.length === 0) blocks.push(section(mrkdwn`No changes recorded.`));
    const reminders = await ctx.store.reminders.forProject(project.id, REMINDER_LIMIT);
    if (reminders.length) blocks.push(section(joinMrkdwn([mrkdwn`*Reminders*`, ...reminders.map(describeReminder)], '\n')));
    blocks.push(context(mrkdwn`\`${project.slug}\` · newest first${events.length === LIMIT ? ` · the latest ${LIMIT}` : ''} · times in UTC`));
    return reply(mrkdwn`History of ${project.slug}: ${events.length} change(s)`, blocks);
  },
});

async function workspaceHistory(ctx: CommandContext) {
  const events = await ctx.store.audit.recent(LIMIT);
  const lines = events.map((e) => describe(e, true));
  const blocks: Block[] = [header(plain`History — this workspace`)];
  for (let i = 0; i < lines.length; i += 10) blocks.push(section(joinMrkdwn(lines.slice(i, i + 10), '\n')));
  if (lines.length === 0) blocks.push(section(mrkdwn`No changes recorded.`));
  blocks.push(context(mrkdwn`newest first${events.length === LIMIT ? ` · the latest ${LIMIT}` : ''} · times in UTC · \`history <project>\` for one project`));
  return reply(mrkdwn`History of this workspace: ${events.length} event(s)`, blocks);
}

function describe(e: AuditEvent, withSubject = false): Mrkdwn {
  const when = e.at.toISOString().slice(0, 16).replace('T', ' ');
  // Ids come from Slack payloads; the mentions check their shape, so a stored value cannot become markup.
  const who = e.source === 'slack' ? userMention(e.actor) : mrkdwn`${truncate(e.actor, 60)} (${e.source})`;
  const where = e.channelId && /^[CGD][A-Z0-9]+$/.test(e.channelId) ? mrkdwn` in ${channelMention(e.channelId)}` : '';
  const subject = withSubject && e.subject && e.action.startsWith('project.') ? mrkdwn` \`${truncate(e.subject, 60)}\`` : '';
  return mrkdwn`• ${when} — ${who}${where}:${subject} ${verb(e)}${changes(e)}`.truncate(290);
}

/** "• 2026-03-11 00:00 — 30 business days left in <#C…> (Slack ts 1700000000.000001)" */
function describeReminder(r: Reminder): Mrkdwn {
  const when = (r.sentAt ?? r.createdAt).toISOString().slice(0, 16).replace('T', ' ');
  const what = r.kind === 'catchup' ? 'catch-up of missed milestones' : milestoneLabel(translator('en'), r.milestone ?? '');
  const where = r.channelId ? mrkdwn` in ${r.channelId === 'shell' ? 'the shell' : channelMention(r.channelId)}` : '';
  if (r.status === 'failed') return mrkdwn`• ${when} — ${what}: *not delivered*${where} (${truncate(r.lastError ?? 'unknown error', 200)})`.truncate(290);
  return mrkdwn`• ${when} — ${what}${where} (Slack ts ${r.slackTs ?? '—'})`;
}

function verb(e: AuditEvent): Mrkdwn {
  if (e.action === 'project.add') return mrkdwn`added the project`;
  if (e.action === 'project.stage') return mrkdwn`moved it to *${truncate(String(e.after?.stage ?? '?'), 40)}*`;
  if (e.action === 'project.edit') return mrkdwn`edited`;
  if (e.action === 'project.import') return mrkdwn`imported`;
  if (e.action === 'project.public-add') return mrkdwn`added it from public data ${truncate(String(e.after?.pack ?? ''), 40)}`;
  if (e.action === 'project.public-update') return mrkdwn`updated it from public data ${truncate(String(e.after?.pack ?? ''), 40)}:`;
  if (e.action === 'project.public-event') {
    return mrkdwn`recorded a dated event from public data ${truncate(String(e.after?.pack ?? ''), 40)}: ${show(e.after?.date)} ${truncate(String(e.after?.kind ?? ''), 40)}`;
  }
  if (e.action === 'data.apply') return mrkdwn`applied public data ${truncate(String(e.after?.version ?? e.subject ?? ''), 40)}${summary(e.after)}`;
  if (e.action === 'permission.refused') return mrkdwn`*refused*: tried \`${truncate(String(e.after?.text ?? e.subject ?? '?'), 120)}\``;
  return mrkdwn`${truncate(e.action, 60)}${e.subject ? mrkdwn` \`${truncate(e.subject, 80)}\`` : ''}${summary(e.after)}`;
}

/** A short "key value" summary of a non-project event's new state. */
function summary(after: Record<string, unknown> | null): Mrkdwn | '' {
  if (!after) return '';
  const parts = Object.entries(after)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .slice(0, 4)
    .map(([k, v]) => mrkdwn`${truncate(k, 40)} ${show(v)}`);
  return parts.length ? mrkdwn` (${joinMrkdwn(parts, '; ')})` : '';
}

function changes(e: AuditEvent): Mrkdwn | '' {
  if (e.action !== 'project.edit' && e.action !== 'project.stage' && e.action !== 'project.public-update') return '';
  const keys = Object.keys(e.after ?? {}).filter(
    (k) =>
      k !== 'pack' && (k !== 'stage' || e.action === 'project.public-update') && JSON.stringify(e.before?.[k] ?? null) !== JSON.stringify(e.after?.[k] ?? null),
  );
  if (keys.length === 0) return '';
  return mrkdwn` ${joinMrkdwn(
    keys.map((k) => mrkdwn`${k} ${show(e.before?.[k])} → ${show(e.after?.[k])}`),
    '; ',
  )}`;
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  const s = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : String(v);
  return truncate(s, 60);
}
