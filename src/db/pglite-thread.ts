/**
 * The main thread's side of the embedded database: PGlite lives in a worker thread
 * (pglite-worker.ts) and `pg` talks to it through a connection object that sends the
 * frontend protocol messages `pg` serialises to the worker and parses the backend bytes
 * that come back — the job a socket and the server do for a real Postgres. This mirrors
 * PGlite's own node-postgres adapter (`@electric-sql/pglite/node-postgres`), which does
 * the same in-thread.
 *
 * Messages written in the same tick (pg writes parse, bind, describe, execute and sync one
 * after another) travel together, so a query costs one round trip to the worker.
 */
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import pg from 'pg';
import pgProtocol from 'pg-protocol';
import { Parser } from 'pg-protocol/dist/parser.js';
import { takeWorker } from './pglite-spawn.ts';

const { serialize } = pgProtocol;

export interface WorkerInit {
  /** A folder on disk, or nothing for an in-memory database. */
  dataDir?: string;
  /** A dump (tarball) to start an in-memory database from. */
  loadDataDir?: ArrayBuffer;
}
export type WorkerRequest =
  | { id: number; op: 'open'; init: WorkerInit }
  | { id: number; op: 'exec'; bytes: Uint8Array }
  | { id: number; op: 'dump' | 'close' | 'memory' };
/** The reply to `open` (id 0) says the database is open, or why it could not be opened. */
export type WorkerReply = { id: number; bytes?: Uint8Array; memory?: WorkerMemory; error?: string };

/** The worker thread's own memory, measured inside it after a full garbage collection. */
export interface WorkerMemory {
  /** Live JavaScript heap (V8's heapUsed): what the thread's heap limit applies to. */
  heapUsed: number;
  /** Memory held outside the heap by ArrayBuffers, PGlite's WebAssembly memory among them. */
  external: number;
}

export class PGliteThread {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();
  private failure: Error | undefined;
  /** Set once the thread is being ended on purpose: its exit is then no death. */
  private ending = false;
  private readonly deathListeners: ((err: Error) => void)[] = [];

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!waiter) return;
      if (reply.error !== undefined) waiter.reject(new Error(`embedded database: ${reply.error}`));
      else waiter.resolve(reply);
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      for (const waiter of this.pending.values()) waiter.reject(this.failure);
      this.pending.clear();
    };
    // An uncaught error in the thread, or its heap running out (ERR_WORKER_OUT_OF_MEMORY);
    // 'exit' follows.
    worker.on('error', (err: NodeJS.ErrnoException) => {
      fail(new Error(`embedded database: the database thread failed${err.code ? ` (${err.code})` : ''}: ${err.message}`, { cause: err }));
    });
    worker.on('exit', (code) => {
      fail(new Error(`embedded database: the database thread exited (code ${code})`));
      if (!this.ending) for (const listener of this.deathListeners) listener(this.failure!);
    });
  }

  /** Opens a database in a worker thread (a prestarted one when there is one) and waits until it is open. */
  static async start(init: WorkerInit): Promise<PGliteThread> {
    const thread = new PGliteThread(takeWorker());
    const ready = new Promise<WorkerReply>((resolve, reject) => thread.pending.set(0, { resolve, reject }));
    const open: WorkerRequest = { id: 0, op: 'open', init };
    thread.worker.postMessage(open, init.loadDataDir ? [init.loadDataDir] : []);
    try {
      await ready;
    } catch (err) {
      thread.ending = true;
      await thread.worker.terminate();
      throw err;
    }
    return thread;
  }

  request(op: 'exec', bytes: Uint8Array): Promise<Uint8Array>;
  request(op: 'dump' | 'close'): Promise<Uint8Array | undefined>;
  request(op: 'exec' | 'dump' | 'close', bytes?: Uint8Array): Promise<Uint8Array | undefined> {
    return this.send(op, bytes).then((reply) => reply.bytes);
  }

  /** The worker thread's memory after a full garbage collection (benchmarks and tests). */
  async memory(): Promise<WorkerMemory> {
    return (await this.send('memory')).memory!;
  }

  private send(op: 'exec' | 'dump' | 'close' | 'memory', bytes?: Uint8Array): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // `bytes` is always a fresh copy made for this request, so it can be moved, not copied.
      if (op === 'exec') this.worker.postMessage({ id, op, bytes }, [bytes!.buffer as ArrayBuffer]);
      else this.worker.postMessage({ id, op });
    });
  }

  /** A gzipped tarball of the data folder. */
  async dump(): Promise<Blob> {
    const bytes = await this.request('dump');
    return new Blob([bytes ?? new Uint8Array()]);
  }

  /**
   * Calls `listener` once should the thread end other than through `close()`: a crash, its
   * heap running out, `process.exit` inside it, a terminate. Every query in flight and every
   * later one has failed with the same error by then.
   */
  onDeath(listener: (err: Error) => void): void {
    this.deathListeners.push(listener);
  }

  /** Closes PGlite (flushing it to disk) and ends the thread. */
  async close(): Promise<void> {
    this.ending = true;
    try {
      if (!this.failure) await this.request('close');
    } finally {
      await this.worker.terminate();
    }
  }

  /**
   * Options for a `pg.Pool` on this database: size 1, since PGlite is a single session, and
   * a client class whose every instance gets its own connection object, so that a client
   * the pool has discarded can never receive the next client's replies.
   */
  poolOptions(): pg.PoolConfig {
    const thread = this;
    class ThreadClient extends pg.Client {
      constructor(config: pg.ClientConfig) {
        super({ ...config, connection: new ThreadConnection(thread) } as pg.ClientConfig);
      }
    }
    // pg types `Client` as taking no arguments; the pool passes it its options.
    return { Client: ThreadClient as unknown as new () => pg.ClientBase, max: 1, user: 'postgres', database: 'postgres', password: 'unused' };
  }
}

type Message = { name: string };

/** What `pg.Client` expects of its connection, backed by the worker instead of a socket. */
class ThreadConnection extends EventEmitter {
  private readonly parser = new Parser();
  private outgoing: Uint8Array[] = [];
  /** Replies are handled in the order the requests were sent. */
  private replies: Promise<void> = Promise.resolve();
  // Read by pg's Client.end(), which skips connection.end() without it.
  _connecting = false;
  // pg's Client.end() destroys the stream when a query is still active.
  readonly stream = { destroy: () => this.end() };
  parsedStatements = {};
  submittedNamedStatements = {};

  constructor(private readonly thread: PGliteThread) {
    super();
  }

  private send(bytes: Uint8Array) {
    if (this.outgoing.length === 0) queueMicrotask(() => this.flushOutgoing());
    this.outgoing.push(bytes);
  }

  private flushOutgoing() {
    // A fresh buffer of exactly these bytes (pg's may be slices of a shared pool).
    const bytes = new Uint8Array(Buffer.concat(this.outgoing));
    this.outgoing = [];
    const reply = this.thread.request('exec', bytes);
    this.replies = this.replies
      .then(() => reply)
      .then((data) => {
        this.parser.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength), (message: Message) => {
          // pg's own socket connection names an ErrorResponse 'errorMessage'.
          this.emit(message.name === 'error' ? 'errorMessage' : message.name, message);
        });
      })
      .catch((err: Error) => {
        this.emit('error', err);
      });
  }

  async connect() {
    this._connecting = true;
    process.nextTick(() => this.emit('readyForQuery'));
  }

  // Startup, TLS, authentication and cancellation do not apply to an in-process database.
  requestSsl() {}
  startup() {}
  password() {}
  cancel() {}
  ref() {}
  unref() {}

  query(text: string) {
    this.send(serialize.query(text));
  }
  parse(query: Parameters<typeof serialize.parse>[0]) {
    this.send(serialize.parse(query));
  }
  bind(config: Parameters<typeof serialize.bind>[0]) {
    this.send(serialize.bind(config));
  }
  execute(config: Parameters<typeof serialize.execute>[0]) {
    this.send(serialize.execute(config));
  }
  describe(message: Parameters<typeof serialize.describe>[0]) {
    this.send(serialize.describe(message));
  }
  close(message: Parameters<typeof serialize.close>[0]) {
    this.send(serialize.close(message));
  }
  flush() {
    this.send(serialize.flush());
  }
  sync() {
    this.send(serialize.sync());
  }
  sendCopyFromChunk(chunk: Buffer) {
    this.send(serialize.copyData(chunk));
  }
  endCopyFrom() {
    this.send(serialize.copyDone());
  }
  sendCopyFail(message: string) {
    this.send(serialize.copyFail(message));
  }

  end() {
    // Like a socket closing, once the replies in flight have been read: pg waits for
    // 'end'. The database itself stays open for the pool's next client.
    this.replies = this.replies.then(() => {
      this.emit('end');
    });
  }
}
