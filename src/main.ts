/**
 * The `dealclock` command line: start, shell, run, migrate, import, export.
 * Exit codes: 0 success, 1 internal or configuration error, 2 user error (bad input).
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { executeCommand } from './commands/router.ts';
import { exportProjects, importProjects } from './csv/projects-csv.ts';
import { MigrationError, migrate } from './db/migrate.ts';
import { isUserError } from './domain/errors.ts';
import { renderText } from './replies/render-text.ts';
import { createRuntime, type Runtime } from './runtime.ts';
import { runShell } from './shell.ts';

const USAGE = `Usage: dealclock <command>
  start                 run the bot (Slack when credentials are set, else the local shell)
  shell                 the local shell: /invest lines from the terminal or a pipe
  run "<text>"          one command, e.g. dealclock run "deadline 2026-02-17 deal=JP"
  migrate               apply database migrations
  import <file.csv>     import projects (all or nothing)
  export [file.csv]     export projects (to stdout without a file)`;

export async function main(argv: string[]): Promise<number> {
  const [command = 'start', ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (!['start', 'shell', 'run', 'migrate', 'import', 'export'].includes(command)) {
    process.stderr.write(`Unknown command \`${command}\`.\n${USAGE}\n`);
    return 2;
  }
  let runtime: Runtime | undefined;
  try {
    const config = loadConfig();
    runtime = await createRuntime(config, { migrate: command !== 'migrate' });
    switch (command) {
      case 'start':
      case 'shell':
        await runShell(runtime);
        return 0;
      case 'run': {
        const text = rest.join(' ');
        if (!text.trim()) {
          process.stderr.write('Usage: dealclock run "<command text>"\n');
          return 2;
        }
        const reply = await executeCommand(text, await runtime.localContext());
        (reply.isError ? process.stderr : process.stdout).write(renderText(reply) + '\n');
        return reply.isError ? 2 : 0;
      }
      case 'migrate': {
        const applied = await migrate(runtime.db);
        process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'The database is up to date.\n');
        return 0;
      }
      case 'import': {
        const { positionals } = parseArgs({ args: rest, allowPositionals: true });
        if (positionals.length !== 1) {
          process.stderr.write('Usage: dealclock import <file.csv>\n');
          return 2;
        }
        const count = await importProjects(await runtime.localContext(), positionals[0]!);
        process.stdout.write(`Imported ${count} project${count === 1 ? '' : 's'} from ${positionals[0]}.\n`);
        return 0;
      }
      case 'export': {
        const { positionals } = parseArgs({ args: rest, allowPositionals: true });
        const count = await exportProjects(await runtime.localContext(), positionals[0]);
        if (positionals[0]) process.stdout.write(`Exported ${count} project${count === 1 ? '' : 's'} to ${positionals[0]}.\n`);
        return 0;
      }
    }
    return 2;
  } catch (err) {
    if (err instanceof ConfigError || err instanceof MigrationError) {
      process.stderr.write(err.message + '\n');
      return 1;
    }
    if (isUserError(err)) {
      process.stderr.write(err.userMessage() + '\n');
      return 2;
    }
    if (runtime) runtime.logger.error('command failed', { command, error: err });
    else process.stderr.write(`dealclock ${command} failed: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await runtime?.close();
  }
}

// `node dist/main.js …` after `npm run build` runs the CLI as bin/dealclock.js does.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
