/** One `dealclock` CLI command. Exit codes: 0 success, 1 internal error, 2 user error. */
import type { Config } from '../config.ts';
import type { Runtime } from '../runtime.ts';

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  /** Commands that manage the data folder themselves (restore) get no runtime. */
  run(args: string[], env: { runtime?: Runtime; config: Config }): Promise<number>;
  /** Default true: open the database (and migrate, unless this is `migrate`). */
  needsRuntime?: boolean;
  /** Loads what `run` will need while the database opens (start-up time). */
  preload?(config: Config): Promise<unknown>;
}

export function usageError(command: CliCommand): number {
  process.stderr.write(`Usage: dealclock ${command.usage}\n`);
  return 2;
}

// One wording of counts for the CLI and the replies.
export { plural } from '../replies/format.ts';
