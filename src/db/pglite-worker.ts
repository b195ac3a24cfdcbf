/**
 * The worker thread that owns the embedded database. PGlite runs Postgres as WebAssembly,
 * synchronously: on the main thread every query would stall Slack's HTTP server and the
 * acks it must send within 3 s. Here it runs beside the event loop instead. The main
 * thread speaks the Postgres wire protocol to it (see pglite-thread.ts); this side only
 * feeds bytes to PGlite and returns PGlite's bytes, one request at a time, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerInit, WorkerReply, WorkerRequest } from './pglite-thread.ts';

const port = parentPort!;
const init = workerData as WorkerInit;

async function open() {
  const { PGlite } = await import('@electric-sql/pglite');
  if (init.dataDir) return PGlite.create(init.dataDir);
  return PGlite.create(init.loadDataDir ? { loadDataDir: new Blob([init.loadDataDir]) } : {});
}

function reply(message: WorkerReply, transfer: ArrayBuffer[] = []) {
  port.postMessage(message, transfer);
}

/** A view that owns its whole buffer can be handed over without a copy. */
function transferable(bytes: Uint8Array): ArrayBuffer[] {
  const buffer = bytes.buffer;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength ? [buffer] : [];
}

try {
  const pglite = await open();
  // Requests run strictly one after another, as on a socket.
  let queue: Promise<unknown> = Promise.resolve();
  port.on('message', (request: WorkerRequest) => {
    queue = queue.then(async () => {
      try {
        if (request.op === 'exec') {
          const bytes = await pglite.execProtocolRaw(request.bytes);
          reply({ id: request.id, bytes }, transferable(bytes));
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
  reply({ id: 0 });
} catch (err) {
  reply({ id: 0, error: (err as Error).message ?? String(err) });
}
