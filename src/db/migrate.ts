/**
 * Numbered, forward-only SQL migrations (`migrations/NNNN_name.sql`). Applied at start and
 * by `dealclock migrate`, under an advisory lock so that replicas starting together apply
 * each file once, each file in its own transaction, with a checksum so that a migration
 * edited after it was applied is refused instead of silently diverging.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { Database } from './database.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));
const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;
// Any constant works; it only has to be the same in every dealclock process.
const MIGRATION_LOCK_KEY = 4_550_045;
/**
 * The statement timeouts of a server connection (database.ts) are for requests. Waiting
 * for another replica's migration, or building an index on a large table, may take
 * longer; it gets this instead.
 */
const MIGRATION_TIMEOUT_MS = 60 * 60_000;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  // Numbers are handed out to changes in progress, so one may land before a lower one:
  // a gap is allowed, a number used twice is not. Pending files apply in number order.
  let previous = 0;
  const migrations = files.map((file) => {
    const m = FILE_NAME.exec(file);
    if (!m) throw new MigrationError(`migration file ${file} is not named NNNN_name.sql`);
    const version = Number(m[1]);
    if (version === 0) throw new MigrationError(`migration ${file}: numbers start at 0001`);
    if (version === previous) throw new MigrationError(`migration ${file} has the number of the file before it (${String(version).padStart(4, '0')})`);
    previous = version;
    const sql = readFileSync(`${dir}/${file}`, 'utf8');
    return { version, name: file, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
  return migrations;
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(db: Database, migrations: Migration[] = readMigrations()): Promise<string[]> {
  const pooled = await db.pool.connect();
  const client = {
    query: <R extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
      pooled.query<R>({ text, values, query_timeout: MIGRATION_TIMEOUT_MS } as pg.QueryConfig),
  };
  const applied: string[] = [];
  try {
    // Session-wide on this connection until the RESET below (back to the connection's default).
    await client.query(`SET statement_timeout = ${MIGRATION_TIMEOUT_MS}`);
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
        'SELECT version, name, checksum FROM schema_migration ORDER BY version',
      );
      const known = new Map(rows.map((r) => [r.version, r]));
      for (const row of rows) {
        const file = migrations.find((m) => m.version === row.version);
        if (!file) throw new MigrationError(`the database has migration ${row.name}, which this version of dealclock does not know; run a newer dealclock`);
        if (file.checksum !== row.checksum) {
          throw new MigrationError(`migration ${file.name} was changed after it was applied; restore it and add a new migration instead`);
        }
      }
      for (const m of migrations) {
        if (known.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          // The bookkeeping row comes first: a concurrent migrator collides on it.
          await client.query('INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
          await client.query(m.sql);
          await client.query('COMMIT');
          applied.push(m.name);
        } catch (err) {
          await client.query('ROLLBACK');
          throw new MigrationError(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
    await client.query('RESET statement_timeout');
  } catch (err) {
    // The connection keeps the long timeout (or the lock): it must not go back to the pool.
    pooled.release(err instanceof Error ? err : new Error(String(err)));
    throw err;
  }
  pooled.release();
  return applied;
}
