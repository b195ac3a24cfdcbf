import { phrase } from '../../i18n/error-message.ts';
import { findProject } from '../../usecases/find-project.ts';
import { projectPublicRecord } from '../../usecases/public-data/project-record.ts';
import { AS_STORED } from '../../usecases/public-data/data-text.ts';
import { exposureLine } from '../../usecases/stake.ts';
import { renderProject } from '../../replies/project-card.ts';
import { defineSubcommand, refuseExtraWords, requireWord } from '../subcommand.ts';

export const show = defineSubcommand({
  name: 'show',
  usage: 'show <project>',
  summary: 'One project: stage, clock (day N of 45, due date, remaining, spread), owner channel; dated events and sources for a public project',
  examples: ['show texas-gulflink', 'show #3', 'show texas'],
  mutates: false,
  options: [],
  async run(args, ctx) {
    const ref = requireWord(show, args, 0, phrase('what.project_ref'));
    refuseExtraWords(show, args, 1);
    const project = await findProject(ctx.store, ref);
    // A selected project is the one a decline could still hit: show what that would cost.
    const stake = project.stage === 'selected' ? await exposureLine(ctx, project, ctx.today) : undefined;
    const publicRecord = await projectPublicRecord(ctx.store, project.id, ctx.tr.locale);
    // A project with no public record has no pack texts: nothing to translate, no query for it.
    return renderProject(project, ctx, { ...(stake ? { exposureLine: stake } : {}), publicRecord, dataText: publicRecord?.text ?? AS_STORED });
  },
});
