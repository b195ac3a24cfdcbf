#!/usr/bin/env node
// Runs the compiled build (dist/, made by `npm install` through the `prepare` script and
// by `npm run build`) when it is at least as new as every source file; otherwise runs the
// TypeScript sources through tsx, so an edited checkout never runs stale code. Either
// way `npm start` and `npx dealclock` work straight after `npm install`.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIsFresh() {
  try {
    return statSync(`${root}dist/main.js`).mtimeMs >= newestMtime(`${root}src`);
  } catch {
    return false;
  }
}

let main;
if (buildIsFresh()) {
  ({ main } = await import('../dist/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/main.ts'));
}
// Everything is closed by now (database, lock, servers). Exit explicitly: a Slack call still
// retrying in the background (e.g. auth.test with Slack unreachable) would otherwise keep
// the process alive for its whole retry schedule after a SIGTERM.
process.exit(await main(process.argv.slice(2)));
