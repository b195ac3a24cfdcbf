/**
 * The local shell: `/invest …` lines (or just `list`) get the same answers as in Slack,
 * as Hubot's shell adapter does. Works at a terminal (with a prompt) and with a pipe
 * (no prompt, one reply per line, exit at end of input).
 *
 * SIGTERM and SIGINT end it gracefully: no further line is read, the command in flight
 * finishes and its reply is written, and the caller closes the database as usual.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { executeCommand, replyForError } from './commands/router.ts';
import { translator } from './i18n/translator.ts';
import { renderText } from './replies/render-text.ts';
import { pictureWritten } from './replies/timeline.ts';
import { writePicture } from './timeline/output-file.ts';
import type { Runtime } from './runtime.ts';

export interface ShellOptions {
  input?: Readable;
  output?: Writable;
}

export async function runShell(runtime: Runtime, options: ShellOptions = {}): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  const prompt = `${runtime.config.DEALCLOCK_COMMAND.slice(1)}> `;
  if (interactive) {
    const tr = translator(runtime.config.DEALCLOCK_LOCALE);
    output.write(`${tr.text('shell.welcome', { data: runtime.db.engine === 'pglite' ? runtime.config.DEALCLOCK_DATA_DIR : tr.text('shell.server') })}\n`);
    rl.setPrompt(prompt);
    rl.prompt();
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    runtime.logger.info('shell: stopping', { signal });
    rl.close();
  };
  // A reader that goes away (`dealclock shell < lines | head -1`) ends the shell like a
  // signal would, instead of crashing on the next write; other write errors are logged.
  // It stays attached: the error of a last write can arrive after the shell has ended.
  const outputFailed = (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') runtime.logger.warn('shell: output failed', { error: err });
    if (!stopping) {
      stopping = true;
      rl.close();
    }
  };
  output.on('error', outputFailed);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // At a terminal, readline turns Ctrl+C into its own event instead of a process signal.
  rl.on('SIGINT', () => stop('SIGINT'));
  try {
    for await (const line of rl) {
      // Lines already buffered when the signal came are not started.
      if (stopping) break;
      await runLine(line);
      if (interactive && !stopping) rl.prompt();
    }
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    rl.close();
    // A pipe that stays open would otherwise keep the process alive after the shell ends.
    if (stopping && input === process.stdin) input.destroy();
  }

  async function runLine(line: string): Promise<void> {
    const text = line.trim();
    if (text === 'exit' || text === 'quit') {
      stopping = true;
      rl.close();
      return;
    }
    if (text !== '') {
      // "today" is read per command: a shell left open overnight moves with the date.
      const ctx = await runtime.localContext();
      const { command, out } = outOption(text);
      let reply = await executeCommand(command, ctx);
      if (reply.picture && !reply.isError) {
        // A terminal shows no picture: it goes to a file (`--out` names it), and the reply says where.
        try {
          reply = pictureWritten(writePicture(reply.picture, out), reply.picture);
        } catch (err) {
          reply = replyForError(err, ctx, { text });
        }
      }
      output.write(renderText(reply) + '\n\n');
    }
  }
}

/** `timeline --out t.png`: the operator's file for a picture, taken off the command text. */
function outOption(text: string): { command: string; out: string | undefined } {
  const m = /(?:^|\s)--out\s+("[^"]+"|\S+)\s*$/.exec(text);
  if (!m) return { command: text, out: undefined };
  return { command: text.slice(0, m.index).trim(), out: m[1]!.replace(/^"|"$/g, '') };
}
