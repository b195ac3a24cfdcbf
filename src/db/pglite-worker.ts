/**
 * The worker thread that owns the embedded database. PGlite runs Postgres as WebAssembly,
 * synchronously: on the main thread every query would stall Slack's HTTP server and the
 * acks it must send within 3 s. Here it runs beside the event loop instead. The main
 * thread speaks the Postgres wire protocol to it (see pglite-thread.ts); this side only
 * feeds bytes to PGlite and returns PGlite's bytes, one request at a time, in order.
 *
 * The thread may start before anyone knows which database it will open (pglite-spawn.ts):
 * it loads PGlite and compiles its WebAssembly straight away, then waits for `open`.
 */
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import type { PGlite, PGliteOptions } from '@electric-sql/pglite';
import type { WorkerInit, WorkerMemory, WorkerReply, WorkerRequest } from './pglite-thread.ts';

const port = parentPort!;

/**
 * Postgres's default 128 MB of shared buffers costs about half a second at every open:
 * the WebAssembly build clears them all before the first query (16 MB: about 0.1 s).
 * 16 MB holds a deployment's whole database many times over (a thousand projects with
 * their reminders take a few MB); at the 100,000-project benchmark size the daily check's
 * reads run some 10-30 % slower than with 128 MB (BENCHMARKS.md).
 */
const SHARED_BUFFERS = '16MB';

// Node has the WebAssembly global; @types/node 20 does not declare it.
const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<PGliteOptions['pgliteWasmModule']> } };

/**
 * PGlite and its compiled WebAssembly and file-system bundle: the part of opening that
 * does not depend on the database. The artefacts are passed to PGlite through its own
 * options (`pgliteWasmModule`, `fsBundle`); should they not be where this version of
 * PGlite keeps them, PGlite loads them itself.
 */
async function prepare() {
  const [{ PGlite }, artefacts] = await Promise.all([import('@electric-sql/pglite'), readArtefacts()]);
  return { PGlite, artefacts };
}

async function readArtefacts(): Promise<Pick<PGliteOptions, 'pgliteWasmModule' | 'fsBundle'>> {
  try {
    const dist = new URL('.', import.meta.resolve('@electric-sql/pglite'));
    const [pgliteWasmModule, fsBundle] = await Promise.all([
      readFile(new URL('pglite.wasm', dist)).then((bytes) => wasm.compile(bytes)),
      readFile(new URL('pglite.data', dist)).then((bytes) => new Blob([bytes])),
    ]);
    return { pgliteWasmModule, fsBundle };
  } catch {
    return {};
  }
}

async function open(init: WorkerInit): Promise<PGlite> {
  const { PGlite, artefacts } = await prepared;
  const options = { ...artefacts, startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`] };
  if (init.dataDir) return PGlite.create(init.dataDir, options);
  return PGlite.create({ ...options, ...(init.loadDataDir ? { loadDataDir: new Blob([init.loadDataDir]) } : {}) });
}

function reply(message: WorkerReply, transfer: ArrayBuffer[] = []) {
  port.postMessage(message, transfer);
}

/**
 * Runs wire-protocol bytes and returns Postgres's reply bytes, one buffer of exactly them.
 *
 * Not `execProtocolRaw`: besides the raw bytes, that one parses every reply message into
 * objects and appends them to a result list that only `execProtocol` ever clears
 * (PGlite 0.5.16, `#defaultOnData` → `#currentQuery.results`). Through the raw call every
 * row ever returned stayed alive in this thread's heap (a heap snapshot after 500 queries
 * of 100 rows held 50,000 parsed DataRow messages, all retained by PGlite's CurrentQuery):
 * some 75 KB per `status` at 10,000 projects, until the thread ran out of heap. The
 * streaming call hands the bytes over as Postgres writes them and keeps nothing.
 */
async function execute(pglite: PGlite, message: Uint8Array): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  await pglite.execProtocolRawStream(message, {
    onRawData: (bytes) => {
      // A view into the WebAssembly memory, reused for the next write: copy it.
      chunks.push(bytes.slice());
      length += bytes.length;
    },
  });
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** A view that owns its whole buffer can be handed over without a copy. */
function transferable(bytes: Uint8Array): ArrayBuffer[] {
  const buffer = bytes.buffer;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength ? [buffer] : [];
}

/**
 * The thread's memory after a full collection, so that what is measured is what is kept
 * alive, not garbage not yet collected. `gc` is exposed on first use only (and what
 * exposes it loaded only then): the flag is process-wide, and nothing but a measurement
 * asks for it.
 */
async function measureMemory(): Promise<WorkerMemory> {
  let gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    const [{ setFlagsFromString }, { runInNewContext }] = await Promise.all([import('node:v8'), import('node:vm')]);
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  const { heapUsed, external } = process.memoryUsage();
  return { heapUsed, external };
}

const prepared = prepare();
prepared.catch(() => {}); // reported through `open`

let opened: Promise<PGlite> | undefined;
// Requests run strictly one after another, as on a socket. Listening from the start also
// keeps this thread's event loop alive: with nothing left to wait for while PGlite opens,
// Node would wait for every background task, including the optimising compiles of
// PGlite's WebAssembly that opening starts (about 0.25 s on every warm start).
let queue: Promise<unknown> = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  if (request.op === 'open') {
    opened = open(request.init);
    opened.then(
      () => reply({ id: request.id }),
      (err: Error) => reply({ id: request.id, error: err.message ?? String(err) }),
    );
    queue = opened.catch(() => {});
    return;
  }
  queue = queue.then(async () => {
    try {
      if (!opened) throw new Error('no database has been opened');
      const pglite = await opened;
      if (request.op === 'exec') {
        const bytes = await execute(pglite, request.bytes);
        reply({ id: request.id, bytes }, [bytes.buffer as ArrayBuffer]);
      } else if (request.op === 'memory') {
        reply({ id: request.id, memory: await measureMemory() });
      } else if (request.op === 'dump') {
        const blob = await pglite.dumpDataDir('gzip');
        const bytes = new Uint8Array(await blob.arrayBuffer());
        reply({ id: request.id, bytes }, transferable(bytes));
      } else {
        await pglite.close();
        reply({ id: request.id });
        port.close();
      }
    } catch (err) {
      reply({ id: request.id, error: (err as Error).message ?? String(err) });
    }
  });
});
