/**
 * The command core, independent of Slack: text in, reply out. Every surface (the shell,
 * `dealclock run`, Slack) calls `executeCommand`, so they answer identically. User errors
 * become replies that say how to write it right; anything else is logged with an error
 * id and the user gets a short apology carrying that id — never a stack trace.
 *
 * Permissions are decided here too: a subcommand that changes data is refused to a
 * non-admin before its handler runs, and the refused attempt is put on record.
 */
import type { Phrase } from '../core/errors.ts';
import { errorText, phrase } from '../i18n/error-message.ts';
import type { Translator } from '../i18n/translator.ts';
import { BandedDistance } from '../core/edit-distance.ts';
import { randomBytes } from 'node:crypto';
import { isUserError, UserError } from '../core/errors.ts';
import { mrkdwn, mrkdwnNamingUsers } from '../core/mrkdwn.ts';
import { capBlocks, errorReply, reply, section, type Reply } from '../replies/reply.ts';
import type { CommandContext } from '../usecases/context.ts';
import { subcommands } from './handlers/index.ts';
import { parseCommandText, type ParsedCommand } from './parse.ts';
import { checkOptions, type Subcommand } from './subcommand.ts';

export interface PreparedCommand {
  sub: Subcommand;
  args: ParsedCommand;
  share: boolean;
  /** The text as typed, for the record of a refused attempt. */
  text?: string;
}

/** How much of a refused command the audit trail keeps: enough to see intent, no more. */
export const REFUSED_TEXT_MAX = 200;

const byName = new Map<string, Subcommand>();
for (const sub of subcommands) for (const name of [sub.name, ...(sub.aliases ?? [])]) byName.set(name, sub);

export function findSubcommand(name: string): Subcommand | undefined {
  return byName.get(name.toLowerCase());
}

/** Parses the text and picks the subcommand; throws UserError on bad input. */
export function prepareCommand(text: string): PreparedCommand {
  const parsed = parseCommandText(text);
  // "/invest list" typed in the shell, or a stray leading slash command.
  if (parsed.words[0]?.startsWith('/')) parsed.words.shift();
  let share = false;
  if (parsed.words.length > 1 && parsed.words[parsed.words.length - 1]!.normalize('NFKC').toLowerCase() === 'share') {
    parsed.words.pop();
    share = true;
  }
  const first = parsed.words.shift();
  if (first === undefined) return { sub: byName.get('help')!, args: parsed, share };
  // `ｓｈｏｗ` from a keyboard left in full-width mode is `show`.
  const word = first.normalize('NFKC').toLowerCase();
  const sub = byName.get(word);
  if (!sub) throw new UserError('unknown_subcommand', { word: first.slice(0, 40), suggestion: suggest(word) });
  checkOptions(sub, parsed);
  return { sub, args: parsed, share, text };
}

export async function executeCommand(text: string, ctx: CommandContext): Promise<Reply> {
  try {
    const prepared = prepareCommand(text);
    return await runPrepared(prepared, ctx);
  } catch (err) {
    return replyForError(err, ctx, { text });
  }
}

export async function runPrepared({ sub, args, share, text }: PreparedCommand, ctx: CommandContext): Promise<Reply> {
  // A workspace's first command loads its public data (once; see usecases/public-data).
  await ctx.ready();
  if (mutates(sub, args) && !ctx.actor.isAdmin) {
    const name = sub.mutatesWhen && args.words[0] ? `${sub.name} ${args.words[0].toLowerCase()}` : sub.name;
    throw await refusePermission(ctx, phrase('permission.use', { name }), { subcommand: name, text: text ?? name });
  }
  const answer = await sub.run(args, ctx);
  // Builders keep within Slack's 50 blocks; should one slip, the cut is said in the reader's language here (slack/blocks-to-slack.ts only has English).
  const blocks = capBlocks(answer.blocks, (n) => ctx.tr.mrkdwn('reply.blocks_left_out', { n: String(n) }));
  const reply = blocks === answer.blocks ? answer : { ...answer, blocks };
  return share && !reply.isError && !reply.secret ? { ...reply, share: true } : reply;
}

/** Whether running `sub` with these arguments changes data. */
export function mutates(sub: Subcommand, args: ParsedCommand): boolean {
  return sub.mutates || Boolean(sub.mutatesWhen?.(args));
}

export interface RefusedAttempt {
  /** What was tried: a subcommand, or a button or form (`button fund`, `modal add`). */
  subcommand: string;
  /** The command text or the submitted value; cut to REFUSED_TEXT_MAX characters. */
  text: string;
}

/**
 * Refuses a change to a non-admin: writes a `permission.refused` audit event in its own
 * small transaction (nothing else is touched) and returns the error to answer with. A
 * failure to record is logged, never turned into a different answer: the refusal stands.
 */
export async function refusePermission(ctx: CommandContext, action: Phrase, attempt: RefusedAttempt): Promise<UserError> {
  const refusal = new UserError('permission_denied', { who: ctx.actor.adminsDescription ?? phrase('admins.workspace'), action });
  try {
    await ctx.write((store) =>
      store.audit.record(ctx.actor, {
        action: 'permission.refused',
        subject: attempt.subcommand.slice(0, 60),
        after: { subcommand: attempt.subcommand.slice(0, 60), text: attempt.text.slice(0, REFUSED_TEXT_MAX) },
      }),
    );
  } catch (error) {
    ctx.logger.error('refused attempt not recorded', { error, workspace: ctx.workspaceId, user: ctx.actor.userId, subcommand: attempt.subcommand });
  }
  return refusal;
}

/**
 * The refusal as a reply. Unlike other errors its user and group mentions stay live, so
 * Slack shows the admins by name: the message is built only from configured IDs and our
 * own words (the action), never from what the user typed — and anything else in it that
 * looks like markup (`<!channel>`, a link) is escaped all the same.
 */
export function permissionReply(refusal: UserError, tr: Translator): Reply {
  const message = mrkdwnNamingUsers(errorText(tr, refusal));
  return reply(message, [section(mrkdwn`:warning: ${message}`)], { isError: true });
}

export function replyForError(err: unknown, ctx: Pick<CommandContext, 'logger' | 'actor' | 'workspaceId' | 'tr'>, context: Record<string, unknown>): Reply {
  if (isUserError(err)) return err.code === 'permission_denied' ? permissionReply(err, ctx.tr) : errorReply(errorText(ctx.tr, err));
  const errorId = randomBytes(4).toString('hex');
  ctx.logger.error('command failed', { errorId, workspace: ctx.workspaceId, user: ctx.actor.userId, ...context, error: err });
  return errorReply(ctx.tr.text('error.internal', { errorId }));
}

function suggest(word: string): string | undefined {
  // Within two edits (a transposition is one), the closest name; none if nothing is that close.
  const distance = new BandedDistance(word, 2);
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of byName.keys()) {
    const d = distance.measure(name).full;
    if (d < bestDistance) {
      bestDistance = d;
      best = name;
    }
  }
  return best;
}
