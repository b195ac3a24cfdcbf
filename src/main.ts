/**
 * The `dealclock` command line. One file per command in src/cli/.
 * Exit codes: 0 success, 1 internal or configuration error, 2 user error (bad input),
 * 3 `start` stopped with acked Slack work it did not run (its users were told; see
 * docs/operations.md).
 */
import { pathToFileURL } from 'node:url';
import type { CliAction } from './cli/cli-command.ts';
import { COMMANDS } from './cli/commands.ts';
import { MigrationError } from './db/migrate.ts';
import { prestartEmbeddedDatabase } from './db/pglite-spawn.ts';
import { isUserError } from './core/errors.ts';
import { DatabaseWaitAborted } from './db/wait.ts';
import type { Translator } from './i18n/translator.ts';
import type { Logger } from './log.ts';
import type { Runtime } from './runtime.ts';

export async function main(argv: string[]): Promise<number> {
  const [name = 'start', ...args] = withoutLangFlag(argv);
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    // Before the configuration, and without it: in DEALCLOCK_LOCALE (or --lang) if it is one we speak.
    const [{ localeBeforeConfig, usageText }, { translator }] = await Promise.all([import('./cli/usage.ts'), import('./i18n/translator.ts')]);
    const tr = translator(localeBeforeConfig());
    if (name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(usageText(tr) + '\n');
      return 0;
    }
    process.stderr.write(`${tr.text('cli.unknown_command', { name })}\n${usageText(tr)}\n`);
    return 2;
  }
  // The embedded database's thread takes longest to get ready, so it starts before
  // anything else loads, the configuration's parser included. DATABASE_URL is only a hint
  // here; the parsed configuration decides, and an unused thread is stopped.
  const needsRuntime = command.needsRuntime !== false;
  if (needsRuntime && !process.env.DATABASE_URL) prestartEmbeddedDatabase();
  const configModule = import('./config.ts');
  const i18n = import('./i18n/translator.ts');
  let runtime: Runtime | undefined;
  // The language of the lines printed here and by the command (DEALCLOCK_LOCALE, or --lang),
  // once the configuration is read; English before that.
  let tr: Translator | undefined;
  let opening: Promise<Runtime> | undefined;
  // A command that waits for the database stops waiting on SIGINT/SIGTERM (and exits 0,
  // as a stop does); once it is open, the command handles signals itself.
  const stopWaiting = needsRuntime && command.waitsForDatabase ? new AbortController() : undefined;
  const onSignal = () => stopWaiting?.abort();
  try {
    const config = (await configModule).loadConfig();
    const cliTr = (await i18n).translator(config.DEALCLOCK_LOCALE);
    tr = cliTr;
    // The database opens (the embedded one in its own thread) while this thread loads the
    // command's code and whatever it preloads; neither waits for the other.
    let logger: Logger | undefined;
    if (needsRuntime) {
      const { createRuntime, runtimeLogger } = await import('./runtime.ts');
      logger = runtimeLogger(config);
      if (stopWaiting) {
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
      }
      opening = createRuntime(config, {
        logger,
        migrate: command.migrates !== false,
        waitForDatabase: command.waitsForDatabase === true,
        ...(stopWaiting ? { signal: stopWaiting.signal } : {}),
      });
      void opening.then(stopListening, stopListening); // and awaited below; never an unhandled rejection
      void opening.then(exitWhenDatabaseLost, () => {});
    }
    const action: CliAction = await command.load();
    const preloading = action.preload?.(config);
    preloading?.catch(() => {}); // awaited below, after the runtime
    const usageError = () => {
      process.stderr.write(cliTr.text('cli.usage', { usage: `dealclock ${command.usage}` }) + '\n');
      return 2;
    };
    if (command.runsWhileOpening) return await action.run(args, { opening, logger, config, tr: cliTr, usageError });
    runtime = await opening;
    await preloading;
    return await action.run(args, { runtime, logger, config, tr: cliTr, usageError });
  } catch (err) {
    if (err instanceof DatabaseWaitAborted) {
      process.stderr.write((tr ?? (await i18n).translator()).text('cli.wait_aborted', { command: name, when: err.when }) + '\n');
      return 0;
    }
    const { ConfigError } = await configModule;
    if (err instanceof ConfigError || err instanceof MigrationError) {
      process.stderr.write(err.message + '\n');
      return 1;
    }
    tr ??= (await i18n).translator();
    if (isUserError(err)) {
      const { errorText } = await import('./i18n/error-message.ts');
      process.stderr.write(errorText(tr, err) + '\n');
      return 2;
    }
    // A command that ran while opening got its runtime itself; its failures are logged too.
    runtime ??= await opening?.catch(() => undefined);
    if (runtime) runtime.logger.error('command failed', { command: name, error: err });
    else process.stderr.write(tr.text('cli.failed', { command: name, message: (err as Error).message }) + '\n');
    return 1;
  } finally {
    stopListening();
    runtime ??= await opening?.catch(() => undefined);
    await runtime?.close();
  }

  function stopListening() {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * Should the embedded database's thread die (its heap running out, a crash), every command
 * from then on would fail while Slack's requests were still acked. Said once, and the
 * process exits non-zero at once, before anything else is answered, so that a service
 * manager starts a fresh one. The thread is not restarted in place: an in-memory database
 * would come back empty, a transaction in flight would carry on in a new session with its
 * first statements gone, and whatever made the thread die would likely do so again in a
 * process that already looks healthy.
 */
function exitWhenDatabaseLost(runtime: Runtime): void {
  runtime.db.onLost?.((err) => {
    runtime.logger.error('embedded database thread died; exiting so that a service manager can restart dealclock', { error: err.message });
    process.exit(1);
  });
}

// `node dist/main.js …` after `npm run build` runs the CLI as bin/dealclock.js does.
/**
 * `--lang ja` (or `--lang=ja`) anywhere on the command line is DEALCLOCK_LOCALE for this
 * run: the shell's and the CLI's language. The configuration checks the value.
 */
function withoutLangFlag(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--lang' && i + 1 < argv.length) {
      process.env.DEALCLOCK_LOCALE = argv[++i];
    } else if (arg.startsWith('--lang=')) {
      process.env.DEALCLOCK_LOCALE = arg.slice('--lang='.length);
    } else out.push(arg);
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Everything is closed by now (database, lock, servers). Exit explicitly: a Slack call still
  // retrying in the background (e.g. auth.test with Slack unreachable) would otherwise keep
  // the process alive for its whole retry schedule after a SIGTERM.
  process.exit(await main(process.argv.slice(2)));
}
