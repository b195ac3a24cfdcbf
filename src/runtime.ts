/**
 * The composition root: configuration → logger → database (migrated) → surfaces. Every
 * entry point (shell, CLI, Slack, the daily check) is built from here, and nothing below
 * reads the environment or opens a database of its own.
 */
import { localeFrom } from './core/locale.ts';
import { createStore } from './db/store.ts';
import { civilDateIn } from './core/civil-date.ts';
import { createContext, type CommandActor, type CommandContext } from './usecases/context.ts';
import { publicBaseUrl, type Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { countDatabaseErrors } from './db/error-count.ts';
import { migrate } from './db/migrate.ts';
import { DatabaseWaitAborted } from './db/wait.ts';
import { listWorkspaceIds } from './db/workspaces.ts';
import { loadPublicDataOnce } from './usecases/public-data/first-load.ts';
import { createLogger, type Logger } from './log.ts';

export interface Runtime {
  config: Config;
  logger: Logger;
  db: Database;
  /** Today's civil date in the workspace time zone. */
  today(): string;
  /**
   * Gets a workspace ready for its first command: a new one gets the public data
   * (DEALCLOCK_PUBLIC_DATA). Once per workspace and process; a failure is logged and
   * tried again on the next command, never turned into a failed command.
   */
  prepareWorkspace(workspaceId: string): Promise<void>;
  /** A command context for a local user (the shell and CLI act as a local admin). */
  localContext(today?: string): Promise<CommandContext>;
  close(): Promise<void>;
}

/** Values that must never appear in a log line. */
export function secretsOf(config: Config): string[] {
  const env = config as Record<string, unknown>;
  const names = [
    'SLACK_BOT_TOKEN',
    'SLACK_APP_TOKEN',
    'SLACK_SIGNING_SECRET',
    'SLACK_CLIENT_SECRET',
    'SLACK_STATE_SECRET',
    'DEALCLOCK_ENCRYPTION_KEY',
    'DEALCLOCK_ENCRYPTION_KEY_PREVIOUS',
  ];
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

export interface RuntimeOptions {
  logger?: Logger;
  migrate?: boolean;
  /**
   * Wait up to DEALCLOCK_DB_START_WAIT_SECONDS for a database server that is not reachable
   * yet (`start`, `check`), logging each attempt; other commands fail at once.
   */
  waitForDatabase?: boolean;
  /** Aborted (SIGTERM while starting): stop waiting, close what was opened. */
  signal?: AbortSignal;
}

/** The logger every entry point uses: the configured level, every secret redacted. */
export function runtimeLogger(config: Config): Logger {
  return createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
}

export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? runtimeLogger(config);
  const server = config.DATABASE_URL ? describeServer(config.DATABASE_URL) : undefined;
  const db = countDatabaseErrors(
    await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DEALCLOCK_DATA_DIR,
      timeouts: { connectMs: config.DEALCLOCK_DB_CONNECT_TIMEOUT_MS, statementMs: config.DEALCLOCK_DB_STATEMENT_TIMEOUT_MS },
      wait: options.waitForDatabase
        ? {
            totalMs: config.DEALCLOCK_DB_START_WAIT_SECONDS * 1000,
            signal: options.signal,
            onRetry: ({ attempt, retryInMs, waitedMs, error }) =>
              logger.warn('database: not reachable yet; retrying', {
                server,
                attempt,
                retryInMs,
                waitedMs,
                maxWaitMs: config.DEALCLOCK_DB_START_WAIT_SECONDS * 1000,
                error: error.message,
              }),
          }
        : undefined,
    }),
  );
  try {
    if (options.signal?.aborted) throw new DatabaseWaitAborted('opening');
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
  const prepared = new Map<string, Promise<void>>();
  const prepareWorkspace = (id: string): Promise<void> => {
    let done = prepared.get(id);
    if (!done) {
      const system = createContext({
        db,
        workspaceId: id,
        actor: { userId: 'system', source: 'system', isAdmin: true },
        today: today(),
        commandName: config.DEALCLOCK_COMMAND,
        logger,
      });
      done = loadPublicDataOnce(system, { enabled: config.DEALCLOCK_PUBLIC_DATA === 'on' }).then(
        (result) => {
          if (result === 'loaded') logger.info('public data loaded', { workspace: id });
        },
        (error: unknown) => {
          prepared.delete(id);
          logger.error('public data not loaded', { workspace: id, error });
        },
      );
      prepared.set(id, done);
    }
    return done;
  };
  return {
    config,
    logger,
    db,
    today,
    prepareWorkspace,
    async localContext(day?: string) {
      workspaceId ??= await localWorkspace(db, config);
      const id = workspaceId;
      // `lang ja` in the shell is the shell user's own setting; without one, DEALCLOCK_LOCALE.
      const locale = localeFrom(await createStore(db, id).language.get('user', actor.userId)) ?? config.DEALCLOCK_LOCALE;
      return createContext({
        locale,
        db,
        workspaceId: id,
        actor,
        today: day ?? today(),
        commandName: config.DEALCLOCK_COMMAND,
        logger,
        feedBase: publicBaseUrl(config),
        prepare: () => prepareWorkspace(id),
      });
    },
    close: () => db.close(),
  };
}

/** `host:port/database` of a connection URL: enough to tell which server, never its user or password. */
export function describeServer(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'the DATABASE_URL server';
  }
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
