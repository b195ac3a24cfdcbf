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
import { openTestDatabase } from './db.ts';
import { FakeSlack } from './fake-slack.ts';

// biome-ignore-start lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern, and these have none
export const test = base
  .extend('db', { scope: 'file' }, async ({}, { onCleanup }): Promise<Database> => {
    const db = await openTestDatabase();
    onCleanup(() => db.close());
    return db;
  })
  .extend('fake', { scope: 'file' }, async ({}, { onCleanup }): Promise<FakeSlack> => {
    const fake = await new FakeSlack().start();
    onCleanup(() => fake.stop());
    return fake;
  });
// biome-ignore-end lint/correctness/noEmptyPattern: see above

export const it = test;

// A fixture first named by a test is set up inside that test, under its timeout (30 s),
// and a cold embedded Postgres on a loaded machine can take longer. Importing this module
// registers a file-level hook (the 120 s hook timeout) that starts the database first.
test.beforeAll(async ({ db }) => {
  await db.query('SELECT 1');
});
