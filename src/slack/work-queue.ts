/**
 * The work after an ack (queries, rendering, the reply), bounded.
 *
 * Slack wants an ack within 3 seconds and takes as many requests as a client sends, so
 * acking can never be what slows down; the work behind the acks can. Unbounded, a flood
 * of commands acked 170,000 of them, answered 22,000 and grew to 5 GB. Here:
 *
 * - A few items run at once (`concurrency`): every request's signature check and ack
 *   share this thread with them.
 * - At most `maxQueued` items wait, and at most `maxQueuedPerKey` of one user's. A
 *   request is admitted before its ack (`reserve`), so one beyond the bound is answered
 *   "busy" in the ack itself: nothing is acked and then silently dropped.
 * - Users take turns: the next item is the oldest of the user whose turn it is, so one
 *   user's burst delays another's single command by one item per slot, not by the burst.
 * - An item that waited longer than `maxWaitMs` is told it was not run instead of being
 *   run late (a response_url lasts 30 minutes; an answer minutes late is a surprise).
 * - On shutdown, what did not get to run within the drain time is told so.
 *
 * Items being told they were not run still count against `maxQueued` until the telling
 * is done, so memory stays bounded even when Slack is slow to take the answers.
 */
import pLimit from 'p-limit';
import type { ShedReason } from '../metrics.ts';

export interface WorkQueueOptions {
  /** Items running at once. */
  concurrency: number;
  /** Items waiting (admitted, not yet running) at most. */
  maxQueued: number;
  /** Items of one key (one user) waiting at most. */
  maxQueuedPerKey: number;
  /** An item that waited longer than this is refused, not run. */
  maxWaitMs: number;
  /** Called once for each item that is not run, with why. */
  onShed?: (reason: ShedReason) => void;
  /** Refusals (one response_url post each) sent at once. */
  refusalConcurrency?: number;
  now?: () => number;
}

/** What an admitted request does once its turn comes, or is told when it never will. */
export interface Work {
  run(waitedMs: number): Promise<void>;
  /** Must not throw (a failure to tell is the teller's to log). */
  refuse(reason: Extract<ShedReason, 'expired' | 'shutdown'>, waitedMs: number): Promise<void>;
}

export interface Ticket {
  /** Queues the work; resolves once it has run (rejects if it threw) or been refused. */
  start(work: Work): Promise<void>;
  /** Gives the place back without using it (e.g. the ack failed). */
  cancel(): void;
}

export type Admission = { ok: true; ticket: Ticket } | { ok: false; reason: Extract<ShedReason, 'full' | 'user_full' | 'shutdown'> };

export interface ShutdownReport {
  /** Waiting items told they were not run. */
  notRun: number;
  /** Items still running when the drain time ran out. */
  unfinished: number;
}

export interface WorkQueueStats {
  /** Admitted and not yet running, or being told they were not run. */
  queued: number;
  peakQueued: number;
  running: number;
  ran: number;
  shed: Record<ShedReason, number>;
}

interface Item {
  key: string;
  at: number;
  work: Work;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** How long shutdown waits for the "not run" answers to be delivered. */
const REFUSAL_GRACE_MS = 5_000;

export class WorkQueue {
  private readonly o: Required<Omit<WorkQueueOptions, 'onShed'>> & Pick<WorkQueueOptions, 'onShed'>;
  /** Waiting items per key; the Map's order is the order of turns. */
  private readonly lanes = new Map<string, Item[]>();
  /** Reserved or waiting items per key (the per-user bound). */
  private readonly held = new Map<string, number>();
  private queued = 0;
  private waiting = 0;
  private running = 0;
  private peakQueued = 0;
  private ran = 0;
  private readonly shed: Record<ShedReason, number> = { full: 0, user_full: 0, expired: 0, shutdown: 0 };
  private phase: 'open' | 'draining' | 'stopped' = 'open';
  private readonly refusals = new Set<Promise<void>>();
  private readonly refusalLimit: ReturnType<typeof pLimit>;
  private sweeper: NodeJS.Timeout | undefined;
  private changed: (() => void)[] = [];

  constructor(options: WorkQueueOptions) {
    this.o = { refusalConcurrency: 4, now: Date.now, ...options };
    this.refusalLimit = pLimit(this.o.refusalConcurrency);
  }

  get limit(): number {
    return this.o.maxQueued;
  }

  stats(): WorkQueueStats {
    return { queued: this.queued, peakQueued: this.peakQueued, running: this.running, ran: this.ran, shed: { ...this.shed } };
  }

  /** A place in the queue for `key`'s next item, or why there is none. Synchronous. */
  reserve(key: string): Admission {
    if (this.phase !== 'open') return this.refuseAdmission('shutdown');
    if (this.queued >= this.o.maxQueued) return this.refuseAdmission('full');
    const mine = this.held.get(key) ?? 0;
    if (mine >= this.o.maxQueuedPerKey) return this.refuseAdmission('user_full');
    this.held.set(key, mine + 1);
    this.queued++;
    if (this.queued > this.peakQueued) this.peakQueued = this.queued;
    let used = false;
    return {
      ok: true,
      ticket: {
        start: (work) => {
          if (used) throw new Error('ticket used twice');
          used = true;
          return this.enqueue(key, work);
        },
        cancel: () => {
          if (used) return;
          used = true;
          this.release(key);
          this.queued--;
          this.notify();
        },
      },
    };
  }

  /**
   * Stops admitting, lets waiting and running items go on until `deadline` (ms since the
   * epoch, on this queue's clock), then tells every item still waiting that it was not run.
   */
  async shutdown(deadline: number): Promise<ShutdownReport> {
    if (this.phase === 'open') this.phase = 'draining';
    while (this.queued > this.refusals.size || this.running > 0) {
      const left = deadline - this.o.now();
      if (left <= 0) break;
      await raceTimeout(new Promise<void>((resolve) => this.changed.push(resolve)), left);
    }
    this.phase = 'stopped';
    const before = this.shed.shutdown;
    for (const [key, lane] of this.lanes) {
      for (const item of lane.splice(0)) this.takeOut(key, item, 'shutdown');
    }
    this.lanes.clear();
    this.stopSweeper();
    await raceTimeout(Promise.allSettled([...this.refusals]), REFUSAL_GRACE_MS);
    return { notRun: this.shed.shutdown - before, unfinished: this.running };
  }

  private refuseAdmission(reason: 'full' | 'user_full' | 'shutdown'): Admission {
    this.count(reason);
    return { ok: false, reason };
  }

  private enqueue(key: string, work: Work): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const item: Item = { key, at: this.o.now(), work, resolve, reject };
      if (this.phase === 'stopped') {
        // Admitted just before shutdown began, acked after it ended.
        this.release(key);
        this.refuse(item, 'shutdown');
        return;
      }
      const lane = this.lanes.get(key);
      if (lane) lane.push(item);
      else this.lanes.set(key, [item]);
      this.waiting++;
      this.pump();
      if (this.waiting > 0) this.startSweeper();
    });
  }

  /** Starts items while there are free slots: each key's oldest, keys in turn. */
  private pump(): void {
    while (this.phase !== 'stopped' && this.running < this.o.concurrency) {
      const next = this.lanes.entries().next();
      if (next.done) return;
      const [key, lane] = next.value;
      const item = lane.shift()!;
      // To the back of the line: every other waiting user goes before this one again.
      this.lanes.delete(key);
      if (lane.length) this.lanes.set(key, lane);
      const waited = this.o.now() - item.at;
      if (waited > this.o.maxWaitMs) {
        this.takeOut(key, item, 'expired');
        continue;
      }
      this.waiting--;
      this.release(key);
      this.queued--;
      this.running++;
      this.ran++;
      // The work starts on this tick: the caller has acked already.
      Promise.resolve()
        .then(() => item.work.run(waited))
        .then(item.resolve, item.reject)
        .finally(() => {
          this.running--;
          this.pump();
          this.notify();
        });
    }
  }

  /** A waiting item leaves the line without running. */
  private takeOut(key: string, item: Item, reason: 'expired' | 'shutdown'): void {
    this.waiting--;
    this.release(key);
    this.refuse(item, reason);
  }

  /** Tells the item it was not run; it stays counted in `queued` until that is done. */
  private refuse(item: Item, reason: 'expired' | 'shutdown'): void {
    this.count(reason);
    const waited = this.o.now() - item.at;
    const telling: Promise<void> = this.refusalLimit(() => item.work.refuse(reason, waited))
      .catch(() => {})
      .finally(() => {
        this.refusals.delete(telling);
        this.queued--;
        item.resolve();
        this.notify();
      });
    this.refusals.add(telling);
  }

  private release(key: string): void {
    const n = (this.held.get(key) ?? 1) - 1;
    if (n > 0) this.held.set(key, n);
    else this.held.delete(key);
  }

  private count(reason: ShedReason): void {
    this.shed[reason]++;
    this.o.onShed?.(reason);
  }

  private notify(): void {
    const waiters = this.changed;
    this.changed = [];
    for (const w of waiters) w();
  }

  /**
   * Refuses expired items even while every slot is taken (a hung database, a slow
   * Slack): their users hear within about the age bound, not whenever a slot frees.
   */
  private startSweeper(): void {
    if (this.sweeper) return;
    const every = Math.min(1_000, Math.max(5, this.o.maxWaitMs / 4));
    this.sweeper = setInterval(() => this.sweep(), every);
    this.sweeper.unref();
  }

  private stopSweeper(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  private sweep(): void {
    const now = this.o.now();
    for (const [key, lane] of this.lanes) {
      // Each lane is oldest first: the expired ones are at its head.
      while (lane.length && now - lane[0]!.at > this.o.maxWaitMs) this.takeOut(key, lane.shift()!, 'expired');
      if (!lane.length) this.lanes.delete(key);
    }
    if (this.waiting === 0) this.stopSweeper();
  }
}

/** Waits for `promise` or `ms`, whichever comes first, leaving no timer behind. */
async function raceTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
