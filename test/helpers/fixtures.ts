/**
 * The integration tests' shared set-up: one migrated database (`db`) and one fake Slack
 * (`fake`) per test file, stopped after the file's last `afterAll`. File-scoped, not
 * per-test: an embedded Postgres takes seconds to start, and tests isolate themselves by
 * workspace instead.
 *
 *   import { test } from '../../helpers/fixtures.ts';
 *   test('…', async ({ db, fake }) => { … });
 *   test.beforeAll(async ({ db, fake }) => { … }); // `test.`: a bare beforeAll sees no fixtures
 *
 * The database starts before the file's first test (see the hook at the end); the fake
 * Slack when a callback first names it in its first parameter (destructured).
 */
import { test as base } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { openOwnTestDatabase, openTestDatabase, serverUrl } from './db.ts';
import { FakeSlack } from './fake-slack.ts';

// biome-ignore-start lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern, and these have none
function withFixtures(openDatabase: () => Promise<Database>) {
  return base
    .extend('db', { scope: 'file' }, async ({}, { onCleanup }): Promise<Database> => {
      const db = await openDatabase();
      onCleanup(() => db.close());
      return db;
    })
    .extend('fake', { scope: 'file' }, async ({}, { onCleanup }): Promise<FakeSlack> => {
      const fake = await new FakeSlack().start();
      onCleanup(() => fake.stop());
      return fake;
    });
}
// biome-ignore-end lint/correctness/noEmptyPattern: see above

export const test = withFixtures(openTestDatabase);
export const it = test;

/**
 * The same fixtures, with a database no other test file sees (`openOwnTestDatabase`), for
 * tests whose subject spans every workspace: a pass over all of them, a gauge of the
 * whole ledger. PGlite's database is the file's own anyway.
 */
export const itOnOwnDatabase = serverUrl ? withFixtures(async () => (await openOwnTestDatabase()).db) : test;

// A fixture first named by a test is set up inside that test, under its timeout (30 s),
// and a cold embedded Postgres on a loaded machine can take longer. Importing this module
// registers a file-level hook (the 120 s hook timeout) that starts the database first.
test.beforeAll(async ({ db }) => {
  await db.query('SELECT 1');
});
