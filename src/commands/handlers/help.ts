import { UserError } from '../../core/errors.ts';
import { joinMrkdwn, mrkdwn, plain } from '../../core/mrkdwn.ts';
import { context, header, reply, section } from '../../replies/reply.ts';
import { defineSubcommand, type Subcommand } from '../subcommand.ts';

/** Built from the subcommands' own usage and examples, so help cannot go stale. */
export function makeHelp(all: () => readonly Subcommand[]) {
  const help = defineSubcommand({
    name: 'help',
    usage: 'help [subcommand]',
    summary: 'Usage, with examples',
    examples: ['help', 'help select'],
    mutates: false,
    options: [],
    async run(args, ctx) {
      const cmd = ctx.commandName;
      const wanted = args.words[0]?.toLowerCase();
      if (wanted) {
        const sub = all().find((s) => s.name === wanted || s.aliases?.includes(wanted));
        if (!sub) throw new UserError('unknown_subcommand', { word: wanted.slice(0, 40) });
        return reply(mrkdwn`${cmd} ${sub.usage}`, [
          header(plain`${cmd} ${sub.name}`),
          section(mrkdwn`\`${cmd} ${sub.usage}\`\n${sub.summary}${sub.mutates ? ' _(changes data)_' : ''}`),
          section(
            mrkdwn`*Examples*\n${joinMrkdwn(
              sub.examples.map((e) => mrkdwn`\`${cmd} ${e}\``),
              '\n',
            )}`,
          ),
        ]);
      }
      const lines = all().map((s) => mrkdwn`\`${cmd} ${s.usage.split(' ')[0]!}\` — ${s.summary}`);
      return reply(
        mrkdwn`${cmd} commands: ${all()
          .map((s) => s.name)
          .join(', ')}`,
        [
          header(plain`${cmd} — 45-business-day funding clocks`),
          section(joinMrkdwn(lines.slice(0, Math.ceil(lines.length / 2)), '\n')),
          section(joinMrkdwn(lines.slice(Math.ceil(lines.length / 2)), '\n')),
          context(
            mrkdwn`Replies are private; add \`share\` at the end to post in the channel. \`${cmd} help <subcommand>\` shows examples. Dates: YYYY-MM-DD, today, yesterday. Money: 2.1B, $600M, US$33bn.`,
          ),
        ],
      );
    },
  });
  return help;
}
