/**
 * The load generator and the fake Slack, in a worker thread of their own: were they on
 * the bot's event loop, every ack would be read only once the bot's work after the ack
 * had yielded, and the client would measure the server's CPU time instead of the ack.
 */
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { parentPort } from 'node:worker_threads';
import { FakeSlack } from '../test/helpers/fake-slack.ts';
import { SIGNING_SECRET } from '../test/helpers/slack.ts';

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

function sign(body: string): Record<string, string> {
  const ts = String(Math.floor(Date.now() / 1000));
  const sig = 'v0=' + createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex');
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': ts,
    'x-slack-signature': sig,
    'content-length': String(Buffer.byteLength(body)),
  };
}

let seq = 0;
function commandBody(teamId: string, text: string): { id: string; body: string } {
  const id = `b${++seq}`;
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: teamId,
    team_domain: 'acme',
    channel_id: 'C0DEALS',
    channel_name: 'deals',
    user_id: 'U0ADMIN',
    user_name: 'aiko',
    command: '/invest',
    text,
    api_app_id: 'A0DEALCLOCK',
    is_enterprise_install: 'false',
    response_url: fake.responseUrl(id),
    trigger_id: `${id}.trigger`,
  }).toString();
  return { id, body };
}

/** One signed POST: ms from the first byte written to the response fully read. */
function post(agent: Agent, port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', agent, headers: sign(body) }, (res) => {
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
      const { id, body } = commandBody(r.teamId, r.text);
      const replied = r.expectReply
        ? new Promise<number>((resolve, reject) => {
            waiters.set(`/respond/${id}`, resolve);
            setTimeout(() => reject(new Error(`no reply to ${r.text} within 60 s`)), 60_000).unref();
          })
        : undefined;
      const t0 = now();
      ack.push(await post(agent, r.port, body));
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
