/**
 * The composition root: configuration → logger → database (migrated) → surfaces. Every
 * entry point (shell, CLI, Slack, the daily check) is built from here, and nothing below
 * reads the environment or opens a database of its own.
 */
import { civilDateIn } from './core/civil-date.ts';
import { createContext, type CommandActor, type CommandContext } from './usecases/context.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { countDatabaseErrors } from './db/error-count.ts';
import { migrate } from './db/migrate.ts';
import { listWorkspaceIds } from './db/workspaces.ts';
import { createLogger, type Logger } from './log.ts';

export interface Runtime {
  config: Config;
  logger: Logger;
  db: Database;
  /** Today's civil date in the workspace time zone. */
  today(): string;
  /** A command context for a local user (the shell and CLI act as a local admin). */
  localContext(today?: string): Promise<CommandContext>;
  close(): Promise<void>;
}

/** Values that must never appear in a log line. */
export function secretsOf(config: Config): string[] {
  const env = config as Record<string, unknown>;
  const names = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'DEALCLOCK_ENCRYPTION_KEY', 'DEALCLOCK_ENCRYPTION_KEY_PREVIOUS'];
  const out = names.map((n) => env[n]).filter((v): v is string => typeof v === 'string' && v.length > 0);
  if (config.DATABASE_URL) {
    try {
      const password = decodeURIComponent(new URL(config.DATABASE_URL).password);
      if (password) out.push(password);
    } catch {
      // Not a URL we can take apart; the logger's connection-string pattern still applies.
    }
  }
  return out;
}

export async function createRuntime(config: Config, options: { logger?: Logger; migrate?: boolean } = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
  const db = countDatabaseErrors(await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DEALCLOCK_DATA_DIR }));
  try {
    if (options.migrate !== false) {
      const applied = await migrate(db);
      if (applied.length) logger.info('migrations applied', { applied });
    }
  } catch (err) {
    await db.close();
    throw err;
  }
  const today = () => civilDateIn(config.DEALCLOCK_TIMEZONE);
  const actor: CommandActor = { userId: config.DEALCLOCK_SHELL_USER, source: 'shell', isAdmin: true };
  let workspaceId: string | undefined;
  return {
    config,
    logger,
    db,
    today,
    async localContext(day?: string) {
      workspaceId ??= await localWorkspace(db, config);
      return createContext({ db, workspaceId, actor, today: day ?? today(), commandName: config.DEALCLOCK_COMMAND, logger });
    },
    close: () => db.close(),
  };
}

/**
 * The workspace the shell and CLI work on: DEALCLOCK_WORKSPACE when set, else the only
 * workspace in the database (a single-workspace install), else `local`.
 */
async function localWorkspace(db: Database, config: Config): Promise<string> {
  if (config.DEALCLOCK_WORKSPACE) return config.DEALCLOCK_WORKSPACE;
  const ids = await listWorkspaceIds(db);
  return ids.length === 1 ? ids[0]! : 'local';
}
