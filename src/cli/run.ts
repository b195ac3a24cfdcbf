import { executeCommand } from '../commands/router.ts';
import { renderText } from '../replies/render-text.ts';
import type { CliAction } from './cli-command.ts';

export const run: CliAction = {
  async run(args, { runtime, usageError }) {
    const text = args.join(' ');
    if (!text.trim()) return usageError();
    const reply = await executeCommand(text, await runtime!.localContext());
    (reply.isError ? process.stderr : process.stdout).write(renderText(reply) + '\n');
    return reply.isError ? 2 : 0;
  },
};
