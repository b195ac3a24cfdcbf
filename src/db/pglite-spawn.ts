/**
 * Starting the embedded database's thread. The thread first loads PGlite and compiles its
 * WebAssembly (a third of a second or so), and only then needs to know which database to
 * open. So it can start before the configuration is even read: main.ts prestarts it for
 * commands that will open the embedded database, and the first PGliteThread takes it.
 */
import { Worker } from 'node:worker_threads';

let prestarted: Worker | undefined;

/** The compiled worker, or, running from TypeScript sources, a bootstrap that loads tsx first. */
function spawnWorker(): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  return new Worker(new URL(fromSources ? './pglite-worker-tsx.mjs' : './pglite-worker.js', import.meta.url));
}

/** Starts a thread ahead of need (idempotent) and returns it; it never keeps the process alive by itself. */
export function prestartEmbeddedDatabase(): Worker {
  if (prestarted) return prestarted;
  const worker = spawnWorker();
  worker.unref();
  // A prestarted thread that fails is only forgotten: whoever needs one starts a fresh one
  // and sees that one's error, if any.
  const forget = () => {
    if (prestarted === worker) prestarted = undefined;
  };
  worker.once('error', forget);
  worker.once('exit', forget);
  prestarted = worker;
  return worker;
}

/** The prestarted thread if there is one, else a new one. */
export function takeWorker(): Worker {
  const worker = prestarted ?? spawnWorker();
  prestarted = undefined;
  worker.ref();
  return worker;
}

/** Stops a prestarted thread nobody took (the configuration chose a Postgres server). */
export async function discardPrestartedWorker(): Promise<void> {
  const worker = prestarted;
  prestarted = undefined;
  await worker?.terminate();
}
