import { formatDate } from '../../calendar/civil-date.ts';
import type { AuditEvent } from '../../db/audit.ts';
import type { ReminderRow } from '../../db/reminders.ts';
import { milestoneLabel } from '../../reminders/milestones.ts';
import { findProject } from '../../usecases/find-project.ts';
import { context, escapeMrkdwn, header, section, truncate } from '../../replies/reply.ts';
import { defineSubcommand, refuseExtraWords, requireWord } from '../subcommand.ts';

const LIMIT = 40;
const REMINDER_LIMIT = 20;

export const history = defineSubcommand({
  name: 'history',
  usage: 'history <project>',
  summary: 'Audit trail: who changed what, when (newest first)',
  examples: ['history texas-gulflink'],
  mutates: false,
  options: [],
  async run(args, ctx) {
    const ref = requireWord(history, args, 0, 'a project');
    refuseExtraWords(history, args, 1);
    const project = await findProject(ctx.store, ref);
    const events = await ctx.store.audit.forProject(project.id, LIMIT);
    const lines = events.map(describe);
    const blocks = [header(`History — ${project.name}`)];
    for (let i = 0; i < lines.length; i += 10) blocks.push(section(lines.slice(i, i + 10).join('\n')));
    if (lines.length === 0) blocks.push(section('No changes recorded.'));
    const reminders = await ctx.store.reminders.forProject(project.id, REMINDER_LIMIT);
    if (reminders.length) blocks.push(section(['*Reminders*', ...reminders.map(describeReminder)].join('\n')));
    blocks.push(context(`\`${project.slug}\` · newest first${events.length === LIMIT ? ` · the latest ${LIMIT}` : ''} · times in UTC`));
    return { text: `History of ${project.slug}: ${events.length} change(s)`, blocks };
  },
});

function describe(e: AuditEvent): string {
  const when = e.at.toISOString().slice(0, 16).replace('T', ' ');
  const who = e.source === 'slack' ? `<@${e.actor}>` : `${escapeMrkdwn(e.actor)} (${e.source})`;
  const where = e.channelId ? ` in <#${e.channelId}>` : '';
  return truncate(`• ${when} — ${who}${where}: ${verb(e)}${changes(e)}`, 290);
}

/** "• 2026-03-11 00:00 — 30 business days left in <#C…> (Slack ts 1700000000.000001)" */
function describeReminder(r: ReminderRow): string {
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
  return e.action;
}

function changes(e: AuditEvent): string {
  if (e.action !== 'project.edit' && e.action !== 'project.stage') return '';
  const keys = Object.keys(e.after ?? {}).filter((k) => k !== 'stage' && JSON.stringify(e.before?.[k] ?? null) !== JSON.stringify(e.after?.[k] ?? null));
  if (keys.length === 0) return '';
  return ' ' + keys.map((k) => `${k} ${show(e.before?.[k])} → ${show(e.after?.[k])}`).join('; ');
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  const s = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : String(v);
  return escapeMrkdwn(truncate(s, 60));
}
