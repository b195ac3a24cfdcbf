/**
 * Backups of the embedded database: a gzipped tarball of PGlite's data folder. Restore
 * refuses to replace a database that holds data unless forced, checks the backup opens
 * before touching the current folder, and keeps the replaced folder beside the new one.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../core/errors.ts';
import type { Database } from './database.ts';
import { acquireLockFile } from './lock-file.ts';

export async function backupEmbedded(db: Database, file: string): Promise<number> {
  if (!db.dumpDataDir) throw new UserError('embedded_only', { command: 'backup' });
  const blob = await db.dumpDataDir();
  const bytes = Buffer.from(await blob.arrayBuffer());
  try {
    writeFileSync(file, bytes, { flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError('file_error', { action: 'write', file, reason: code === 'EEXIST' ? 'it already exists; choose a new name' : (err as Error).message });
  }
  return bytes.length;
}

export interface RestoreOptions {
  dataDir: string;
  file: string;
  force: boolean;
}

/** Restores a backup into DEALCLOCK_DATA_DIR. Holds the folder lock throughout. */
export async function restoreEmbedded({ dataDir, file, force }: RestoreOptions): Promise<void> {
  let backup: Buffer;
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    backup = readFileSync(file);
  } catch (err) {
    throw new UserError('file_error', {
      action: 'read',
      file,
      reason: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message,
    });
  }
  if (backup.length < 2 || backup[0] !== 0x1f || backup[1] !== 0x8b) throw new UserError('backup_invalid', { file, reason: 'it is not gzip data' });
  const dir = resolve(dataDir);
  // Restoring onto a new machine: the folder may not exist yet, and the lock lives in it.
  mkdirSync(dir, { recursive: true });
  const lock = acquireLockFile(dir);
  const { PGlite } = await import('@electric-sql/pglite');
  const current = join(dir, 'pgdata');
  const staging = join(dir, `pgdata.restore-${Date.now()}`);
  try {
    if (existsSync(current) && !force) {
      const what = await describeData(PGlite, current);
      if (what) throw new UserError('restore_refused', { dir, what, file });
    }
    try {
      const restored = await PGlite.create(staging, { loadDataDir: new Blob([backup]) });
      try {
        await restored.query('SELECT count(*) FROM schema_migration');
      } finally {
        await restored.close();
      }
    } catch (err) {
      rmSync(staging, { recursive: true, force: true });
      if (err instanceof UserError) throw err;
      throw new UserError('backup_invalid', { file, reason: 'it does not open as a dealclock database' });
    }
    if (existsSync(current)) renameSync(current, join(dir, `pgdata.before-restore-${Date.now()}`));
    renameSync(staging, current);
  } finally {
    lock.release();
  }
}

async function describeData(PGlite: typeof import('@electric-sql/pglite').PGlite, dir: string): Promise<string | undefined> {
  const db = await PGlite.create(dir);
  try {
    const tables = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'project'");
    if (!tables.rows[0]?.n) return undefined;
    const { rows } = await db.query<{ projects: number; events: number }>(
      'SELECT (SELECT count(*)::int FROM project) AS projects, (SELECT count(*)::int FROM audit_event) AS events',
    );
    const r = rows[0]!;
    return r.projects || r.events ? `${r.projects} projects, ${r.events} audit events` : undefined;
  } finally {
    await db.close();
  }
}
