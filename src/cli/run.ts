import { executeCommand, replyForError } from '../commands/router.ts';
import { pictureWritten } from '../replies/timeline.ts';
import { renderText } from '../replies/render-text.ts';
import { writePicture } from '../timeline/output-file.ts';
import type { CliAction } from './cli-command.ts';

/** `--out <file>` anywhere among the arguments: where a reply's picture is written. */
export function takeOutOption(args: string[]): { rest: string[]; out: string | undefined } | undefined {
  const i = args.indexOf('--out');
  if (i < 0) return { rest: args, out: undefined };
  const out = args[i + 1];
  if (out === undefined || out === '') return undefined;
  return { rest: [...args.slice(0, i), ...args.slice(i + 2)], out };
}

export const run: CliAction = {
  async run(args, { runtime, usageError }) {
    const taken = takeOutOption(args);
    if (!taken) return usageError();
    const text = taken.rest.join(' ');
    if (!text.trim()) return usageError();
    const ctx = await runtime!.localContext();
    let reply = await executeCommand(text, ctx);
    if (reply.picture && !reply.isError) {
      // The terminal cannot show the picture: it goes to a file, and the reply says where.
      try {
        reply = pictureWritten(writePicture(reply.picture, taken.out), reply.picture);
      } catch (err) {
        reply = replyForError(err, ctx, { text });
      }
    }
    (reply.isError ? process.stderr : process.stdout).write(renderText(reply) + '\n');
    return reply.isError ? 2 : 0;
  },
};

/** `dealclock timeline [deal] [--out file.png]`: the same as `run "timeline [deal]"`. */
export const timelineCmd: CliAction = {
  async run(args, env) {
    return run.run(['timeline', ...args], env);
  },
};
