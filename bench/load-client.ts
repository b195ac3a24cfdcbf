/**
 * The main thread's side of the load generator (load-worker.ts): starts it with the fake
 * Slack and asks it to drive signed slash commands at a bot's port. And the signed slash
 * command itself, which the load generator and the flood (flood.ts) both send.
 */
import { Worker } from 'node:worker_threads';
import type { FakeSlack } from '../test/helpers/fake-slack.ts';
import { signatureHeaders, slashCommand } from '../test/helpers/slack.ts';

/** `/invest <text>` from `userId` as Slack posts it: the form, its signed headers, and the id its reply arrives under. */
export function signedSlashCommand(fake: FakeSlack, teamId: string, userId: string, text: string) {
  const { body: fields, responseId } = slashCommand(fake, { teamId, userId }, text);
  const body = new URLSearchParams(fields).toString();
  const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)), ...signatureHeaders(body) };
  return { responseId, body, headers };
}

export interface Run {
  ack: number[];
  reply: number[];
}

/** The load generator and fake Slack, on their own thread (see load-worker.ts). */
export async function loadWorker() {
  const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), { workerData: { entry: new URL('./load-worker.ts', import.meta.url).href } });
  const pending = new Map<number, { resolve: (r: Run) => void; reject: (e: Error) => void }>();
  let ids = 0;
  const apiUrl = await new Promise<string>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: { type: string; apiUrl?: string; id?: number; result?: Run; error?: string }) => {
      if (m.type === 'ready') resolve(m.apiUrl!);
      else if (m.type === 'result') {
        const p = pending.get(m.id!)!;
        pending.delete(m.id!);
        if (m.error) p.reject(new Error(m.error));
        else p.resolve(m.result!);
      }
    });
  });
  return {
    apiUrl,
    drive(port: number, teamId: string, text: string, total: number, concurrency: number, expectReply: boolean, pauseMs = 0): Promise<Run> {
      const id = ++ids;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'drive', id, request: { port, teamId, text, total, concurrency, expectReply, pauseMs } });
      });
    },
    async stop() {
      worker.postMessage({ type: 'stop' });
      await new Promise((r) => worker.once('exit', r));
    },
  };
}
