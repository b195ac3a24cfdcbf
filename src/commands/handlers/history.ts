import { formatDate } from '../../core/civil-date.ts';
import type { AuditEvent } from '../../db/audit.ts';
import type { Reminder } from '../../db/reminders.ts';
import { milestoneLabel } from '../../reminders/milestones.ts';
import { findProject } from '../../usecases/find-project.ts';
import { context, escapeMrkdwn, header, section, truncate } from '../../replies/reply.ts';
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
    const blocks = [header(`History — ${project.name}`)];
    for (let i = 0; i < lines.length; i += 10) blocks.push(section(lines.slice(i, i + 10).join('\n')));
    if (lines.length === 0) blocks.push(section('No changes recorded.'));
    const reminders = await ctx.store.reminders.forProject(project.id, REMINDER_LIMIT);
    if (reminders.length) blocks.push(section(['*Reminders*', ...reminders.map(describeReminder)].join('\n')));
    blocks.push(context(`\`${project.slug}\` · newest first${events.length === LIMIT ? ` · the latest ${LIMIT}` : ''} · times in UTC`));
    return { text: `History of ${project.slug}: ${events.length} change(s)`, blocks };
  },
});

async function workspaceHistory(ctx: CommandContext) {
  const events = await ctx.store.audit.recent(LIMIT);
  const lines = events.map((e) => describe(e, true));
  const blocks = [header('History — this workspace')];
  for (let i = 0; i < lines.length; i += 10) blocks.push(section(lines.slice(i, i + 10).join('\n')));
  if (lines.length === 0) blocks.push(section('No changes recorded.'));
  blocks.push(context(`newest first${events.length === LIMIT ? ` · the latest ${LIMIT}` : ''} · times in UTC · \`history <project>\` for one project`));
  return { text: `History of this workspace: ${events.length} event(s)`, blocks };
}

function describe(e: AuditEvent, withSubject = false): string {
  const when = e.at.toISOString().slice(0, 16).replace('T', ' ');
  // Ids come from Slack payloads; the shapes are checked so a stored value cannot become markup.
  const who = e.source === 'slack' && /^[UW][A-Z0-9]+$/.test(e.actor) ? `<@${e.actor}>` : `${escapeMrkdwn(e.actor)} (${e.source})`;
  const where = e.channelId && /^[CGD][A-Z0-9]+$/.test(e.channelId) ? ` in <#${e.channelId}>` : '';
  const subject = withSubject && e.subject && e.action.startsWith('project.') ? ` \`${escapeMrkdwn(truncate(e.subject, 60))}\`` : '';
  return truncate(`• ${when} — ${who}${where}:${subject} ${verb(e)}${changes(e)}`, 290);
}

/** "• 2026-03-11 00:00 — 30 business days left in <#C…> (Slack ts 1700000000.000001)" */
function describeReminder(r: Reminder): string {
  const when = (r.sentAt ?? r.createdAt).toISOString().slice(0, 16).replace('T', ' ');
  const what = r.kind === 'catchup' ? 'catch-up of missed milestones' : milestoneLabel(r.milestone ?? '');
  const where = r.channelId ? ` in ${r.channelId === 'shell' ? 'the shell' : `<#${r.channelId}>`}` : '';
  if (r.status === 'failed') return truncate(`• ${when} — ${what}: *not delivered*${where} (${escapeMrkdwn(r.lastError ?? 'unknown error')})`, 290);
  return `• ${when} — ${what}${where} (Slack ts ${r.slackTs ?? '—'})`;
}

function verb(e: AuditEvent): string {
  if (e.action === 'project.add') return 'added the project';
  if (e.action === 'project.stage') return `moved it to *${String(e.after?.stage ?? '?')}*`;
  if (e.action === 'project.edit') return 'edited';
  if (e.action === 'project.import') return 'imported';
  if (e.action === 'project.public-add') return `added it from public data ${escapeMrkdwn(String(e.after?.pack ?? ''))}`;
  if (e.action === 'project.public-update') return `updated it from public data ${escapeMrkdwn(String(e.after?.pack ?? ''))}:`;
  if (e.action === 'project.public-event') {
    return `recorded a dated event from public data ${escapeMrkdwn(String(e.after?.pack ?? ''))}: ${show(e.after?.date)} ${escapeMrkdwn(String(e.after?.kind ?? ''))}`;
  }
  if (e.action === 'data.apply') return `applied public data ${escapeMrkdwn(String(e.after?.version ?? e.subject ?? ''))}${summary(e.after)}`;
  if (e.action === 'permission.refused') return `*refused*: tried \`${escapeMrkdwn(truncate(String(e.after?.text ?? e.subject ?? '?'), 120))}\``;
  return `${escapeMrkdwn(e.action)}${e.subject ? ` \`${escapeMrkdwn(truncate(e.subject, 80))}\`` : ''}${summary(e.after)}`;
}

/** A short "key value" summary of a non-project event's new state. */
function summary(after: Record<string, unknown> | null): string {
  if (!after) return '';
  const parts = Object.entries(after)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .slice(0, 4)
    .map(([k, v]) => `${escapeMrkdwn(k)} ${show(v)}`);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

function changes(e: AuditEvent): string {
  if (e.action !== 'project.edit' && e.action !== 'project.stage' && e.action !== 'project.public-update') return '';
  const keys = Object.keys(e.after ?? {}).filter(
    (k) =>
      k !== 'pack' && (k !== 'stage' || e.action === 'project.public-update') && JSON.stringify(e.before?.[k] ?? null) !== JSON.stringify(e.after?.[k] ?? null),
  );
  if (keys.length === 0) return '';
  return ' ' + keys.map((k) => `${k} ${show(e.before?.[k])} → ${show(e.after?.[k])}`).join('; ');
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  const s = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : String(v);
  return escapeMrkdwn(truncate(s, 60));
}
