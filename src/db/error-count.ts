/**
 * Counts database errors for the metrics, by kind, without changing what callers see:
 * every query and transaction behaves as before, and an error is rethrown as it came.
 * Only errors from the database or the connection to it count (a UserError thrown inside
 * a transaction does not), and each error once, however many layers it passes through.
 */
import { metrics, type DbErrorKind } from '../metrics.ts';
import type { QueryResultRow } from 'pg';
import type { Database, Queryable } from './database.ts';

const counted = new WeakSet<object>();

/** The kind of a database error, or undefined when `err` is not one. */
export function dbErrorKind(err: unknown): DbErrorKind | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { code?: unknown; severity?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  // A SQLSTATE from the server (pg sets `severity` on those).
  if (code && /^[0-9A-Z]{5}$/.test(code) && typeof e.severity === 'string') {
    const cls = code.slice(0, 2);
    if (cls === '08' || code === '57P01' || code === '57P02' || code === '57P03' || cls === '53') return 'connection';
    if (code === '57014' || code === '55P03' || code === '40P01') return 'timeout';
    if (cls === '23') return 'constraint';
    return 'query';
  }
  // Socket errors (ECONNREFUSED, ECONNRESET, ETIMEDOUT…) and pg's own connection messages.
  if (code && /^E[A-Z]+$/.test(code)) return 'connection';
  const message = typeof e.message === 'string' ? e.message : '';
  if (
    /Connection terminated|connection timeout|Client has encountered a connection error|Cannot use a pool after calling end|^embedded database:/i.test(message)
  )
    return 'connection';
  return undefined;
}

function count(err: unknown): never {
  const kind = dbErrorKind(err);
  if (kind && !counted.has(err as object)) {
    counted.add(err as object);
    metrics.dbError(kind);
  }
  throw err;
}

function countingQueryable(q: Queryable): Queryable {
  return { query: <R extends QueryResultRow>(text: string, values?: unknown[]) => q.query<R>(text, values).catch(count) };
}

/** `db` with its errors counted; everything else passes through untouched. */
export function countDatabaseErrors(db: Database): Database {
  const query = <R extends QueryResultRow>(text: string, values?: unknown[]) => db.query<R>(text, values).catch(count);
  const transaction: Database['transaction'] = (fn) => db.transaction((tx) => fn(countingQueryable(tx))).catch(count);
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'query') return query;
      if (prop === 'transaction') return transaction;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
