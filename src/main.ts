/**
 * The `dealclock` command line. One file per command in src/cli/.
 * Exit codes: 0 success, 1 internal or configuration error, 2 user error (bad input).
 */
import { pathToFileURL } from 'node:url';
import { check } from './cli/check.ts';
import type { CliCommand } from './cli/cli-command.ts';
import { backup, exportAuditCmd, exportCmd, importBaselinesCmd, importCmd, migrate, restore } from './cli/data.ts';
import { run } from './cli/run.ts';
import { rotateKey } from './cli/rotate-key.ts';
import { shell, start } from './cli/start.ts';
import { ConfigError, loadConfig } from './config.ts';
import { MigrationError } from './db/migrate.ts';
import { isUserError } from './domain/errors.ts';
import { createRuntime, type Runtime } from './runtime.ts';

const COMMANDS: CliCommand[] = [start, shell, run, check, migrate, importCmd, exportCmd, importBaselinesCmd, exportAuditCmd, backup, restore, rotateKey];

const USAGE = ['Usage: dealclock <command>', ...COMMANDS.map((c) => `  ${c.usage.padEnd(44)} ${c.summary}`)].join('\n');

export async function main(argv: string[]): Promise<number> {
  const [name = 'start', ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`Unknown command \`${name}\`.\n${USAGE}\n`);
    return 2;
  }
  let runtime: Runtime | undefined;
  try {
    const config = loadConfig();
    // The embedded database opens in its own thread; meanwhile this one loads the command's code.
    const preloading = command.preload?.(config);
    preloading?.catch(() => {}); // awaited below, after the runtime; never an unhandled rejection
    if (command.needsRuntime !== false) runtime = await createRuntime(config, { migrate: command !== migrate });
    await preloading;
    return await command.run(args, { runtime, config });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof MigrationError) {
      process.stderr.write(err.message + '\n');
      return 1;
    }
    if (isUserError(err)) {
      process.stderr.write(err.userMessage() + '\n');
      return 2;
    }
    if (runtime) runtime.logger.error('command failed', { command: name, error: err });
    else process.stderr.write(`dealclock ${name} failed: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await runtime?.close();
  }
}

// `node dist/main.js …` after `npm run build` runs the CLI as bin/dealclock.js does.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Everything is closed by now (database, lock, servers). Exit explicitly: a Slack call still
  // retrying in the background (e.g. auth.test with Slack unreachable) would otherwise keep
  // the process alive for its whole retry schedule after a SIGTERM.
  process.exit(await main(process.argv.slice(2)));
}
