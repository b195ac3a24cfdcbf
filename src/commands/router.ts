/**
 * The command core, independent of Slack: text in, reply out. Every surface (the shell,
 * `dealclock run`, Slack) calls `executeCommand`, so they answer identically. User errors
 * become replies that say how to write it right; anything else is logged with an error
 * id and the user gets a short apology carrying that id — never a stack trace.
 */
import { randomBytes } from 'node:crypto';
import { isUserError, UserError } from '../domain/errors.ts';
import { errorReply, type Reply } from '../replies/reply.ts';
import type { CommandContext } from './context.ts';
import { subcommands } from './handlers/index.ts';
import { parseCommandText, type ParsedCommand } from './parse.ts';
import { checkOptions, type Subcommand } from './subcommand.ts';

export interface PreparedCommand {
  sub: Subcommand;
  args: ParsedCommand;
  share: boolean;
}

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
  if (parsed.words.length > 1 && parsed.words[parsed.words.length - 1]!.toLowerCase() === 'share') {
    parsed.words.pop();
    share = true;
  }
  const first = parsed.words.shift();
  if (first === undefined) return { sub: byName.get('help')!, args: parsed, share };
  const sub = byName.get(first.toLowerCase());
  if (!sub) throw new UserError('unknown_subcommand', { word: first.slice(0, 40), suggestion: suggest(first.toLowerCase()) });
  checkOptions(sub, parsed);
  return { sub, args: parsed, share };
}

export async function executeCommand(text: string, ctx: CommandContext): Promise<Reply> {
  try {
    const prepared = prepareCommand(text);
    return await runPrepared(prepared, ctx);
  } catch (err) {
    return replyForError(err, ctx, { text });
  }
}

export async function runPrepared({ sub, args, share }: PreparedCommand, ctx: CommandContext): Promise<Reply> {
  if (sub.mutates && !ctx.actor.isAdmin) {
    throw new UserError('permission_denied', { who: ctx.actor.adminsDescription ?? 'the workspace admins', action: `use \`${sub.name}\`` });
  }
  const reply = await sub.run(args, ctx);
  return share && !reply.isError ? { ...reply, share: true } : reply;
}

export function replyForError(err: unknown, ctx: Pick<CommandContext, 'logger' | 'actor' | 'workspaceId'>, context: Record<string, unknown>): Reply {
  if (isUserError(err)) return errorReply(err.userMessage());
  const errorId = randomBytes(4).toString('hex');
  ctx.logger.error('command failed', { errorId, workspace: ctx.workspaceId, user: ctx.actor.userId, ...context, error: err });
  return errorReply(`Sorry, something went wrong on our side (error id ${errorId}). Nothing was changed; please try again, and quote the id if it keeps happening.`);
}

function suggest(word: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of byName.keys()) {
    const d = distance(word, name);
    if (d < bestDistance) {
      bestDistance = d;
      best = name;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
