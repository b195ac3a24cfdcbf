import { UserError } from '../../core/errors.ts';
import { joinMrkdwn, mrkdwn, plain } from '../../core/mrkdwn.ts';
import { CATALOGS, type MessageKey, type Translator } from '../../i18n/translator.ts';
import { context, header, reply, section } from '../../replies/reply.ts';
import { defineSubcommand, type Subcommand } from '../subcommand.ts';

/** The catalogue key of a subcommand's one-line summary: `help.summary.<name>`. */
export function summaryKey(name: string): MessageKey | undefined {
  const key = `help.summary.${name}`;
  return key in CATALOGS.en ? (key as MessageKey) : undefined;
}

/**
 * A subcommand's summary in the reader's language. A subcommand the catalogue does not
 * know yet reads in its own English words (a test fails on that).
 */
export function summaryOf(sub: Subcommand, tr: Translator): string {
  const key = summaryKey(sub.name);
  return key ? tr.text(key) : sub.summary;
}

/**
 * Built from the subcommands' own usage and examples, so help cannot go stale. Usages and
 * examples are typed commands and stay as they are in every language; the summaries and
 * the words around them come from the catalogue.
 */
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
      const tr = ctx.tr;
      const wanted = args.words[0]?.toLowerCase();
      if (wanted) {
        const sub = all().find((s) => s.name === wanted || s.aliases?.includes(wanted));
        if (!sub) throw new UserError('unknown_subcommand', { word: wanted.slice(0, 40) });
        return reply(mrkdwn`${cmd} ${sub.usage}`, [
          header(plain`${cmd} ${sub.name}`),
          section(mrkdwn`\`${cmd} ${sub.usage}\`\n${summaryOf(sub, tr)}${sub.mutates ? tr.mrkdwn('help.changes_data') : ''}`),
          section(
            mrkdwn`${tr.mrkdwn('help.examples')}\n${joinMrkdwn(
              sub.examples.map((e) => mrkdwn`\`${cmd} ${e}\``),
              '\n',
            )}`,
          ),
        ]);
      }
      const lines = all().map((s) => mrkdwn`\`${cmd} ${s.usage.split(' ')[0]!}\` — ${summaryOf(s, tr)}`);
      return reply(
        tr.mrkdwn('help.fallback', {
          cmd,
          names: all()
            .map((s) => s.name)
            .join(', '),
        }),
        [
          header(tr.plain('help.header', { cmd })),
          section(joinMrkdwn(lines.slice(0, Math.ceil(lines.length / 2)), '\n')),
          section(joinMrkdwn(lines.slice(Math.ceil(lines.length / 2)), '\n')),
          context(tr.mrkdwn('help.footer', { cmd })),
        ],
      );
    },
  });
  return help;
}
