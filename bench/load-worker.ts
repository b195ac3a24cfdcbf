/**
 * The load generator and the fake Slack, in a worker thread of their own: were they on
 * the bot's event loop, every ack would be read only once the bot's work after the ack
 * had yielded, and the client would measure the server's CPU time instead of the ack.
 */
import { Agent, request } from 'node:http';
import { parentPort } from 'node:worker_threads';
import { FakeSlack } from '../test/helpers/fake-slack.ts';
import { signedSlashCommand } from './load-client.ts';

export interface DriveRequest {
  port: number;
  teamId: string;
  text: string;
  total: number;
  concurrency: number;
  expectReply: boolean;
  /** A user's pause between one command's reply (or ack) and their next command. */
  pauseMs?: number;
}

const now = () => performance.now();
const fake = await new FakeSlack().start();
// Node closes idle keep-alive sockets after 5 s; a client reusing one at that moment
// sees "other side closed". Slack keeps them longer; so does the fake here.
const server = (fake as unknown as { server: import('node:http').Server }).server;
server.keepAliveTimeout = 120_000;
const waiters = new Map<string, (at: number) => void>();
const push = fake.calls.push.bind(fake.calls);
fake.calls.push = (...calls) => {
  for (const c of calls) {
    const w = c.path ? waiters.get(c.path) : undefined;
    if (w) {
      waiters.delete(c.path!);
      w(now());
    }
  }
  if (fake.calls.length > 1000) fake.calls.length = 0;
  return push(...calls);
};

/** One signed POST: ms from the first byte written to the response fully read. */
function post(agent: Agent, port: number, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', agent, headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => (res.statusCode === 200 ? resolve(now() - t0) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    const t0 = now();
    req.end(body);
  });
}

/**
 * `concurrency` users, each sending a command, reading the ack, waiting for the reply on
 * the response_url, then sending the next: `concurrency` commands are in progress.
 */
async function drive(r: DriveRequest): Promise<{ ack: number[]; reply: number[] }> {
  // A new connection per request, as for the anchor: an idle keep-alive socket would be
  // closed by the server after 5 s while a slow reply is awaited (ECONNRESET on reuse).
  const agent = new Agent({ keepAlive: false, maxSockets: r.concurrency });
  const ack: number[] = [];
  const reply: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < r.total) {
      next++;
      const { responseId: id, body, headers } = signedSlashCommand(fake, r.teamId, 'U0ADMIN', r.text);
      const replied = r.expectReply
        ? new Promise<number>((resolve, reject) => {
            waiters.set(`/respond/${id}`, resolve);
            setTimeout(() => reject(new Error(`no reply to ${r.text} within 60 s`)), 60_000).unref();
          })
        : undefined;
      const t0 = now();
      ack.push(await post(agent, r.port, body, headers));
      if (replied) reply.push((await replied) - t0);
      if (r.pauseMs) await new Promise((resolve) => setTimeout(resolve, r.pauseMs));
    }
  };
  await Promise.all(Array.from({ length: r.concurrency }, worker));
  agent.destroy();
  return { ack, reply };
}

parentPort!.postMessage({ type: 'ready', apiUrl: fake.apiUrl });
parentPort!.on('message', (m: { type: 'drive'; id: number; request: DriveRequest } | { type: 'stop' }) => {
  if (m.type === 'stop') {
    void fake.stop().then(() => process.exit(0));
    return;
  }
  drive(m.request).then(
    (result) => parentPort!.postMessage({ type: 'result', id: m.id, result }),
    (err: Error) => parentPort!.postMessage({ type: 'result', id: m.id, error: err.message }),
  );
});
