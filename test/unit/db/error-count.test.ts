/** Which errors count as database errors, and of which kind: only the database's own and its connection's. */
import { expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.ts';
import { dbErrorKind } from '../../../src/db/error-count.ts';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code, severity: 'ERROR' });

it('sorts server errors by SQLSTATE class and counts socket failures as connection errors', () => {
  expect(dbErrorKind(pgError('08006'))).toBe('connection');
  expect(dbErrorKind(pgError('57P01'))).toBe('connection'); // admin shutdown
  expect(dbErrorKind(pgError('53300'))).toBe('connection'); // too many connections
  expect(dbErrorKind(pgError('57014'))).toBe('timeout'); // statement timeout
  expect(dbErrorKind(pgError('40P01'))).toBe('timeout'); // deadlock
  expect(dbErrorKind(pgError('23505'))).toBe('constraint');
  expect(dbErrorKind(pgError('42P01'))).toBe('query');
  expect(dbErrorKind(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe('connection');
  expect(dbErrorKind(new Error('Connection terminated unexpectedly'))).toBe('connection');
  expect(dbErrorKind(new Error('embedded database: worker thread exited (code 1)'))).toBe('connection');
});

it('does not count what is not the database', () => {
  expect(dbErrorKind(new UserError('project_not_found', { ref: 'x', suggestions: [] }))).toBeUndefined();
  expect(dbErrorKind(new Error('malformed button value'))).toBeUndefined();
  expect(dbErrorKind(undefined)).toBeUndefined();
  expect(dbErrorKind('text')).toBeUndefined();
});
