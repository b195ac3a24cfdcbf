import { statusReply } from '../../replies/public-data.ts';
import { publicDataStatus } from '../../usecases/public-data/status.ts';
import { defineSubcommand, refuseExtraWords } from '../subcommand.ts';

export const data = defineSubcommand({
  name: 'data',
  usage: 'data',
  summary: 'Public data: which pack this workspace has, how old it is, and what the pack shipped with this release would change',
  examples: ['data'],
  mutates: false,
  options: [],
  async run(args, ctx) {
    refuseExtraWords(data, args, 0);
    return statusReply(ctx.tr, await publicDataStatus(ctx), ctx.today, ctx.tr.text('data.shipped'));
  },
});
