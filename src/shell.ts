/**
 * The local shell: `/invest …` lines (or just `list`) get the same answers as in Slack,
 * as Hubot's shell adapter does. Works at a terminal (with a prompt) and with a pipe
 * (no prompt, one reply per line, exit at end of input).
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { executeCommand } from './commands/router.ts';
import { renderText } from './replies/render-text.ts';
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
    output.write(`dealclock shell — type \`help\`, or \`exit\` to leave. Data: ${runtime.db.engine === 'pglite' ? runtime.config.DEALCLOCK_DATA_DIR : 'Postgres server'}\n`);
    rl.setPrompt(prompt);
    rl.prompt();
  }
  for await (const line of rl) {
    const text = line.trim();
    if (text === 'exit' || text === 'quit') break;
    if (text !== '') {
      // "today" is read per command: a shell left open overnight moves with the date.
      const ctx = await runtime.localContext();
      const reply = await executeCommand(text, ctx);
      output.write(renderText(reply) + '\n\n');
    }
    if (interactive) rl.prompt();
  }
  rl.close();
}
