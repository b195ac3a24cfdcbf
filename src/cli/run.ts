import { executeCommand } from '../commands/router.ts';
import { renderText } from '../replies/render-text.ts';
import { usageError, type CliCommand } from './cli-command.ts';

export const run: CliCommand = {
  name: 'run',
  usage: 'run "<command text>"',
  summary: 'one command, e.g. dealclock run "deadline 2026-02-17 deal=JP"',
  async run(args, { runtime }) {
    const text = args.join(' ');
    if (!text.trim()) return usageError(run);
    const reply = await executeCommand(text, await runtime!.localContext());
    (reply.isError ? process.stderr : process.stdout).write(renderText(reply) + '\n');
    return reply.isError ? 2 : 0;
  },
};
