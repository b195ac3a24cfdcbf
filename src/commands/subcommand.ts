/** The shape of one `/invest` subcommand, and the argument checks they share. */
import { type Phrase, UserError } from '../core/errors.ts';
import type { Reply } from '../replies/reply.ts';
import type { CommandContext } from '../usecases/context.ts';
import type { ParsedCommand } from './parse.ts';

export interface Subcommand {
  name: string;
  aliases?: readonly string[];
  /** e.g. `show <project>` */
  usage: string;
  summary: string;
  examples: readonly string[];
  /** Changes data: refused for non-admins when admins are configured. */
  mutates: boolean;
  /** For a subcommand that both reads and writes (`calendar close`): whether these arguments write. */
  mutatesWhen?: (args: ParsedCommand) => boolean;
  /** Its reply is always posted in the channel (`digest`): it is in the channel's language. */
  postsInChannel?: boolean;
  /** The `key=` options it accepts. */
  options: readonly string[];
  run(args: ParsedCommand, ctx: CommandContext): Promise<Reply>;
}

export function defineSubcommand(sub: Subcommand): Subcommand {
  return sub;
}

/** Refuses options the subcommand does not know (a typo must not be silently ignored). */
export function checkOptions(sub: Subcommand, args: ParsedCommand): void {
  for (const key of Object.keys(args.options)) {
    if (!sub.options.includes(key)) {
      throw new UserError('unknown_option', {
        subcommand: sub.name,
        key,
        allowed: sub.options.length ? sub.options.map((o) => `\`${o}=\``).join(', ') : 'no options',
      });
    }
  }
}

export function requireWord(sub: Subcommand, args: ParsedCommand, index: number, what: string | Phrase): string {
  const word = args.words[index];
  if (word === undefined || word === '') throw new UserError('missing_argument', { subcommand: sub.name, what, usage: sub.usage });
  return word;
}

export function refuseExtraWords(sub: Subcommand, args: ParsedCommand, allowed: number): void {
  const extra = args.words[allowed];
  if (extra !== undefined) throw new UserError('unexpected_argument', { subcommand: sub.name, word: extra, usage: sub.usage });
}
