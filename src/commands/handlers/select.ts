import { phrase } from '../../i18n/error-message.ts';
import { UserError } from '../../core/errors.ts';
import { changeStage } from '../../usecases/project-changes.ts';
import { parseDateValue } from '../../core/values.ts';
import { defineSubcommand, refuseExtraWords, requireWord } from '../subcommand.ts';
import { renderProject } from '../../replies/project-card.ts';

export const select = defineSubcommand({
  name: 'select',
  usage: 'select <project> notice=<date> [due=<date>]',
  summary: 'Stage selected: starts the clock on the date the selection notice was received',
  examples: ['select texas-gulflink notice=2026-02-17', 'select texas notice=today due=2026-05-01'],
  mutates: true,
  options: ['notice', 'due'],
  async run(args, ctx) {
    const ref = requireWord(select, args, 0, phrase('what.project'));
    refuseExtraWords(select, args, 1);
    if (args.options.notice === undefined) {
      throw new UserError('missing_argument', { subcommand: 'select', what: phrase('what.notice'), usage: select.usage });
    }
    const noticeOn = parseDateValue(args.options.notice, ctx.today);
    const noticeDueOn = args.options.due === undefined ? null : parseDateValue(args.options.due, ctx.today);
    const { project, warnings } = await changeStage(ctx, ref, { to: 'selected', noticeOn, noticeDueOn });
    return renderProject(project, ctx, { lead: ctx.tr.mrkdwn('lead.selected', { slug: project.slug }), warnings });
  },
});
