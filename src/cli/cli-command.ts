/**
 * One `dealclock` CLI command: what `help` shows, and its implementation, loaded only when
 * the command runs (see commands.ts). Exit codes: 0 success, 1 internal error, 2 user error.
 */
import type { Config } from '../config.ts';
import type { MessageKey, Translator } from '../i18n/translator.ts';
import type { Logger } from '../log.ts';
import type { Runtime } from '../runtime.ts';

export interface CliCommand {
  name: string;
  /** Typed as it is in every language (`import <file.csv>`). */
  usage: string;
  /** Its line in `dealclock help`, from the catalogue (cli.en.ts / cli.ja.ts). */
  summary: Extract<MessageKey, `cli.summary.${string}`>;
  /** Default true: open the database first. Commands that manage the data folder themselves (restore) get no runtime. */
  needsRuntime?: boolean;
  /** Default true: apply pending migrations when opening (`migrate` does it itself). */
  migrates?: boolean;
  /**
   * Wait (bounded, DEALCLOCK_DB_START_WAIT_SECONDS) for a database server that is not up
   * yet, instead of failing at once: the long-running and scheduled commands.
   */
  waitsForDatabase?: boolean;
  /**
   * Run while the database is still opening, with `opening` instead of `runtime` (`start`
   * listens for health checks at once, answering 503 until it is ready).
   */
  runsWhileOpening?: boolean;
  load(): Promise<CliAction>;
}

export interface CliEnv {
  runtime?: Runtime | undefined;
  /** For `runsWhileOpening` commands: the runtime being opened (it rejects if it cannot be). */
  opening?: Promise<Runtime> | undefined;
  logger?: Logger | undefined;
  config: Config;
  /**
   * The language of the command's own lines: DEALCLOCK_LOCALE, which `--lang` sets for the
   * run. Not a local context's `ctx.tr`, which follows the shell user's `lang` setting:
   * what the operator asked for on the command line wins.
   */
  tr: Translator;
  /** Prints the command's usage line; returns the exit code for it. */
  usageError(): number;
}

export interface CliAction {
  run(args: string[], env: CliEnv): Promise<number>;
  /** Loads what `run` will need while the database opens (start-up time). */
  preload?(config: Config): Promise<unknown>;
}
