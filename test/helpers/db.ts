/**
 * A real database for tests: in-memory PGlite by default, or the Postgres server named by
 * TEST_DATABASE_URL (CI runs the suite both ways). One migrated database per test file;
 * tests isolate themselves by workspace, which every query is scoped to.
 */
import type { Locale } from '../../src/core/locale.ts';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createContext, type CommandContext } from '../../src/usecases/context.ts';
import { openDatabase, openMemoryDatabase, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { AuditSource } from '../../src/db/audit.ts';
import { createLogger, type Logger } from '../../src/log.ts';

export const serverUrl = process.env.TEST_DATABASE_URL || undefined;
export const engineName = serverUrl ? 'postgres' : 'pglite';

export async function openTestDatabase(): Promise<Database> {
  const db = serverUrl ? await openDatabase({ databaseUrl: serverUrl, dataDir: '' }) : await openMemoryDatabase();
  await migrate(db);
  return db;
}

/**
 * A database no other test file sees: in-memory PGlite, or a throwaway database on the
 * TEST_DATABASE_URL server, dropped on close. For a test whose subject is a count over
 * every workspace (a metric of the whole ledger), which other files running at the same
 * time would move on the shared server database. `migrated: false` leaves it empty.
 */
export async function openOwnTestDatabase(options: { migrated?: boolean } = {}): Promise<{ db: Database; url?: string }> {
  let db: Database;
  let url: string | undefined;
  if (!serverUrl) {
    db = await openMemoryDatabase();
  } else {
    const name = `own_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    url = serverDatabaseUrl(name);
    const server = await openDatabase({ databaseUrl: url, dataDir: '' });
    const close = async () => {
      await server.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    };
    db = { ...server, close };
  }
  if (options.migrated !== false) await migrate(db);
  return { db, url };
}

/** The TEST_DATABASE_URL server's URL for another database on it. */
export function serverDatabaseUrl(name: string): string {
  const url = new URL(serverUrl!);
  url.pathname = '/' + name;
  return url.toString();
}

/** One statement on the TEST_DATABASE_URL server, outside any pool (CREATE/DROP DATABASE). */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function newWorkspaceId(): string {
  return 'T' + randomBytes(5).toString('hex').toUpperCase();
}

export interface TestContextOptions {
  workspaceId?: string;
  today?: string;
  userId?: string;
  isAdmin?: boolean;
  source?: AuditSource;
  channelId?: string;
  logger?: Logger;
  locale?: Locale;
}

export function testContext(db: Database, o: TestContextOptions = {}): CommandContext {
  return createContext({
    db,
    workspaceId: o.workspaceId ?? newWorkspaceId(),
    actor: { userId: o.userId ?? 'UTEST', source: o.source ?? 'shell', channelId: o.channelId, isAdmin: o.isAdmin ?? true },
    today: o.today ?? '2026-03-02',
    commandName: '/invest',
    logger: o.logger ?? createLogger({ level: 'silent' }),
    locale: o.locale,
  });
}

/**
 * Every row of a workspace's data, for "nothing changed" assertions. `ignoreRefusals`
 * leaves out `permission.refused` audit events: a permission refusal records the attempt
 * and must change nothing else.
 */
export async function workspaceSnapshot(db: Database, workspaceId: string, options: { ignoreRefusals?: boolean } = {}): Promise<string> {
  const tables = ['project', 'audit_event', 'calendar_override'];
  const parts: unknown[] = [];
  for (const t of tables) {
    const { rows } = await db.query(`SELECT * FROM ${t} WHERE workspace_id = $1 ORDER BY id`, [workspaceId]);
    parts.push(options.ignoreRefusals && t === 'audit_event' ? rows.filter((r) => r.action !== 'permission.refused') : rows);
  }
  const ws = await db.query('SELECT * FROM workspace WHERE id = $1', [workspaceId]);
  parts.push(ws.rows);
  return JSON.stringify(parts);
}
