/**
 * The post-ack queue on its own: the count bounds refuse admission (so the ack can say
 * "busy"), users take turns, work older than the age bound is refused instead of run
 * (also while every slot is stuck), and shutdown drains for a bounded time, then refuses
 * what is left. Work is controlled by hand (deferred promises), the clock is injected.
 */
import { describe, expect, it } from 'vitest';
import { WorkQueue, type Work } from '../../../src/slack/work-queue.ts';

interface Probe {
  work: Work;
  ran: boolean;
  refused: string | undefined;
  finish: () => void;
}

function probe(log: string[], name: string): Probe {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const p: Probe = {
    ran: false,
    refused: undefined,
    finish: () => finish(),
    work: {
      run: async () => {
        p.ran = true;
        log.push(name);
        await done;
      },
      refuse: async (reason) => {
        p.refused = reason;
      },
    },
  };
  return p;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function queue(o: Partial<ConstructorParameters<typeof WorkQueue>[0]> = {}) {
  const shed: string[] = [];
  const q = new WorkQueue({ concurrency: 2, maxQueued: 4, maxQueuedPerKey: 3, maxWaitMs: 60_000, onShed: (r) => shed.push(r), ...o });
  return { q, shed };
}

function admit(q: WorkQueue, key: string, p: Probe): Promise<void> {
  const a = q.reserve(key);
  if (!a.ok) throw new Error(`not admitted: ${a.reason}`);
  return a.ticket.start(p.work);
}

describe('WorkQueue', () => {
  it('admits up to the count bound (running items do not count) and refuses beyond it', async () => {
    const { q, shed } = queue({ maxQueuedPerKey: 100 });
    const log: string[] = [];
    const probes = Array.from({ length: 6 }, (_, i) => probe(log, `a${i}`));
    const done = probes.map((p, i) => admit(q, `u${i}`, p));
    // Two run, four wait: the bound.
    expect(q.stats()).toMatchObject({ running: 2, queued: 4 });
    const refused = q.reserve('late');
    expect(refused).toEqual({ ok: false, reason: 'full' });
    expect(shed).toEqual(['full']);
    for (const p of probes) p.finish();
    await Promise.all(done);
    expect(log).toHaveLength(6);
    expect(q.stats()).toMatchObject({ running: 0, queued: 0, peakQueued: 4, ran: 6 });
    // Room again.
    expect(q.reserve('late').ok).toBe(true);
  });

  it('refuses one user beyond their share while others still get in', () => {
    const { q } = queue({ maxQueued: 100, concurrency: 1 });
    const log: string[] = [];
    admit(q, 'busy', probe(log, 'running'));
    for (let i = 0; i < 3; i++) admit(q, 'busy', probe(log, `w${i}`));
    expect(q.reserve('busy')).toEqual({ ok: false, reason: 'user_full' });
    expect(q.reserve('other').ok).toBe(true);
  });

  it('gives users turns: a second user waits for one item per slot, not for the whole burst', async () => {
    const { q } = queue({ concurrency: 1, maxQueued: 100, maxQueuedPerKey: 100 });
    const log: string[] = [];
    const quick = (name: string): Work => ({
      run: async () => {
        log.push(name);
        await tick();
      },
      refuse: async () => {},
    });
    const start = (key: string, name: string) => {
      const a = q.reserve(key);
      if (!a.ok) throw new Error(a.reason);
      return a.ticket.start(quick(name));
    };
    const done = Array.from({ length: 10 }, (_, i) => start('A', `A${i}`));
    done.push(start('B', 'B'));
    await Promise.all(done);
    // A0 was running when B came; A1 had the turn before B; then B, not A2…A9 first.
    expect(log.slice(0, 4)).toEqual(['A0', 'A1', 'B', 'A2']);
  });

  it('refuses work that waited past the age bound instead of running it', async () => {
    let now = 0;
    const { q, shed } = queue({ concurrency: 1, maxWaitMs: 1_000, now: () => now });
    const log: string[] = [];
    const first = probe(log, 'first');
    const stale = probe(log, 'stale');
    const d1 = admit(q, 'u1', first);
    const d2 = admit(q, 'u2', stale);
    now = 1_001;
    first.finish();
    await d1;
    await d2;
    expect(stale.ran).toBe(false);
    expect(stale.refused).toBe('expired');
    expect(shed).toEqual(['expired']);
    expect(q.stats()).toMatchObject({ queued: 0, running: 0 });
  });

  it('refuses expired work while every slot is stuck (a hung database)', async () => {
    const { q, shed } = queue({ concurrency: 1, maxWaitMs: 40 });
    const log: string[] = [];
    const stuck = probe(log, 'stuck');
    admit(q, 'u1', stuck);
    const waiting = probe(log, 'waiting');
    const told = admit(q, 'u2', waiting);
    await told; // resolves once refused, with the slot still taken
    expect(waiting.refused).toBe('expired');
    expect(waiting.ran).toBe(false);
    expect(shed).toEqual(['expired']);
    stuck.finish();
  });

  it('shutdown lets work finish within the drain time, then refuses the rest', async () => {
    const { q, shed } = queue({ concurrency: 1, maxQueuedPerKey: 10 });
    const log: string[] = [];
    const probes = Array.from({ length: 4 }, (_, i) => probe(log, `c${i}`));
    const done = probes.map((p) => admit(q, 'u', p));
    // The first finishes during the drain; the second is still running at the deadline.
    setTimeout(() => probes[0]!.finish(), 20);
    const report = await q.shutdown(Date.now() + 150);
    expect(report).toEqual({ notRun: 2, unfinished: 1 });
    expect(probes.map((p) => [p.ran, p.refused])).toEqual([
      [true, undefined],
      [true, undefined],
      [false, 'shutdown'],
      [false, 'shutdown'],
    ]);
    expect(shed).toEqual(['shutdown', 'shutdown']);
    // Nothing is admitted any more, and a place reserved before the stop is refused on start.
    expect(q.reserve('new')).toEqual({ ok: false, reason: 'shutdown' });
    probes[1]!.finish();
    await Promise.all(done);
  });

  it('shutdown with nothing queued returns at once', async () => {
    const { q } = queue();
    const started = Date.now();
    expect(await q.shutdown(Date.now() + 10_000)).toEqual({ notRun: 0, unfinished: 0 });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('a cancelled reservation gives its place back', () => {
    const { q } = queue({ maxQueued: 1 });
    const a = q.reserve('u');
    expect(q.reserve('v')).toEqual({ ok: false, reason: 'full' });
    if (a.ok) a.ticket.cancel();
    expect(q.reserve('v').ok).toBe(true);
  });
});
