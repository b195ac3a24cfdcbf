/**
 * Storage: one code path, two engines. Everything talks to the `pg` API. Without
 * DATABASE_URL the database is PGlite (embedded Postgres) in DEALCLOCK_DATA_DIR, running
 * in a worker thread; with it, a `pg.Pool` on a Postgres server.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { acquireLockFile, type LockFile } from './lock-file.ts';
import { waitUntilReachable, type WaitOptions } from './wait.ts';
import { discardPrestartedWorker } from './pglite-spawn.ts';
import { PGliteThread, type WorkerMemory } from './pglite-thread.ts';

export type Engine = 'pglite' | 'postgres';

/** Anything that runs a query: the pool, or a client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export interface Database extends Queryable {
  readonly engine: Engine;
  readonly pool: pg.Pool;
  /**
   * Set when no other process can have used this database since this moment (the embedded
   * one, under its folder lock): whatever was left half-done before it, a reminder claim
   * say, belongs to a process that is gone.
   */
  readonly exclusiveSince?: Date;
  /** Runs `fn` in a transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** A gzipped tarball of the embedded database's data folder (PGlite only). */
  dumpDataDir?(): Promise<Blob>;
  /** The embedded database thread's memory after a full collection (PGlite only; benchmarks, tests). */
  workerMemory?(): Promise<WorkerMemory>;
  /**
   * PGlite only: calls `listener` once should the database's thread die (a crash, its heap
   * running out). Nothing can be read or written any more; every query fails.
   */
  onLost?(listener: (err: Error) => void): void;
  /** Closes the pool, flushes and closes PGlite, and releases the folder lock. */
  close(): Promise<void>;
}

/**
 * Type parsers shared by both engines: `date` stays a `YYYY-MM-DD` string (pg would turn
 * it into a local-midnight Date, which shifts with TZ), and `bigint` becomes a number
 * (money in whole dollars and row ids stay far below 2^53).
 */
const DATE_OID = 1082;
const INT8_OID = 20;
const typeParsers = {
  getTypeParser(oid: number, format?: string) {
    if (oid === DATE_OID) return (v: string) => v;
    if (oid === INT8_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Pool size for a server. */
  maxConnections?: number;
  /** A server only: see serverPoolConfig. */
  timeouts?: ServerTimeouts | undefined;
  /** A server only: wait for it to become reachable instead of failing at once. */
  wait?: WaitOptions | undefined;
}

export interface ServerTimeouts {
  /** Opening a connection, and waiting for a free one in the pool. */
  connectMs: number;
  /** One statement: the server cancels it, and the client stops waiting for a frozen server. */
  statementMs: number;
}

/** A server that answers within these bounds; a frozen one fails every query fast instead of hanging it. */
export function serverPoolConfig(databaseUrl: string, timeouts: ServerTimeouts, max = 10): pg.PoolConfig {
  return {
    connectionString: databaseUrl,
    max,
    types: typeParsers,
    // Checkout waits this long for a free connection too (pg-pool), so a pool whose
    // connections are all stuck does not queue callers forever.
    connectionTimeoutMillis: timeouts.connectMs,
    // Enforced by the server, which cancels the statement and keeps the connection.
    statement_timeout: timeouts.statementMs,
    // Enforced here, for a server (or network) that has stopped answering at all; a little
    // later than the server's own, which reports the cause better when it can.
    query_timeout: timeouts.statementMs + QUERY_TIMEOUT_MARGIN_MS,
    // A peer that vanished without closing the connection is noticed by the kernel.
    keepAlive: true,
  };
}

const QUERY_TIMEOUT_MARGIN_MS = 2_000;
export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = { connectMs: 5_000, statementMs: 30_000 };

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    void discardPrestartedWorker();
    const pool = new pg.Pool(serverPoolConfig(options.databaseUrl, options.timeouts ?? DEFAULT_SERVER_TIMEOUTS, options.maxConnections));
    // An idle client losing its connection must not crash the process.
    pool.on('error', () => {});
    try {
      if (options.wait) await waitUntilReachable(pool, options.wait);
      else await pool.query('select 1');
    } catch (err) {
      await pool.end().catch(() => {});
      throw err;
    }
    return wrap('postgres', pool, async () => pool.end());
  }
  return openEmbedded(options.dataDir);
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const lock: LockFile = acquireLockFile(dir);
  try {
    return embedded(await PGliteThread.start({ dataDir: join(dir, 'pgdata') }), () => lock.release());
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** In-memory PGlite, for tests and benchmarks. `loadDataDir` restores a dumped template. */
export async function openMemoryDatabase(loadDataDir?: Blob | File): Promise<Database> {
  const init = loadDataDir ? { loadDataDir: await loadDataDir.arrayBuffer() } : {};
  return embedded(await PGliteThread.start(init), () => {});
}

/** PGlite runs in its own thread (see pglite-thread.ts); `pg` reaches it through a pool of one. */
function embedded(thread: PGliteThread, release: () => void): Database {
  const pool = new pg.Pool({ ...thread.poolOptions(), types: typeParsers });
  pool.on('error', () => {});
  // The folder lock (or, in memory, the database's own life) keeps every other process out.
  const exclusiveSince = new Date();
  const db = wrap('pglite', pool, async () => {
    try {
      await pool.end();
      await thread.close();
    } finally {
      release();
    }
  });
  // The dump runs between queries: the worker takes requests one at a time, in order.
  db.dumpDataDir = () => thread.dump();
  db.workerMemory = () => thread.memory();
  // Whatever held the data folder open is gone with the thread: the folder is free for the
  // process that replaces this one, even one that reuses this pid (a restarted container).
  thread.onDeath(release);
  db.onLost = (listener) => thread.onDeath(listener);
  return { ...db, exclusiveSince };
}

/** An error the server reported (it has a SQLSTATE), as opposed to a connection or client-side failure. */
export function hasSqlState(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

function wrap(engine: Engine, pool: pg.Pool, close: () => Promise<void>): Database {
  let closed: Promise<void> | undefined;
  return {
    engine,
    pool,
    query: (text, values) => pool.query(text, values),
    async transaction(fn) {
      const client = await pool.connect();
      // A connection that failed under a statement (a timeout, a dropped link) is not
      // rolled back, which would wait as long again, but discarded from the pool.
      let broken: Error | undefined;
      const tx: Queryable = {
        query: (text, values) =>
          client.query(text, values).catch((err: unknown) => {
            if (!hasSqlState(err)) broken = err instanceof Error ? err : new Error(String(err));
            throw err;
          }),
      };
      try {
        await tx.query('BEGIN');
        const result = await fn(tx);
        await tx.query('COMMIT');
        return result;
      } catch (err) {
        if (!broken) await tx.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close() {
      closed ??= close();
      return closed;
    },
  };
}
