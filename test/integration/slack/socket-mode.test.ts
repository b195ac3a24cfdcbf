/**
 * Socket Mode against an in-process stand-in for Slack's socket: the app opens its
 * connection with apps.connections.open on the fake Web API (with the app token), gets
 * `hello`, receives a slash command envelope, acks it over the socket, and answers
 * through the response_url. A minimal RFC 6455 server is enough for that.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, describe, expect } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.ts';
import { newWorkspaceId, testContext } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';
import { oauthConfig } from '../../helpers/oauth.ts';
import { responsesTo, slackConfig, slashCommand, testRuntime } from '../../helpers/slack.ts';

const APP_TOKEN = 'xapp-1-A0DEALCLOCK-1-test';

/** One WebSocket peer: send text frames, collect the client's text frames. */
class SocketPeer {
  readonly received: string[] = [];
  /** The client sent a close frame. */
  closeRequested = false;
  private buffer = Buffer.alloc(0);
  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', () => {});
  }
  send(text: string): void {
    const payload = Buffer.from(text);
    const head = payload.length < 126 ? Buffer.from([0x81, payload.length]) : Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff]);
    this.socket.write(Buffer.concat([head, payload]));
  }
  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = this.buffer[0]! & 0x0f;
      let len = this.buffer[1]! & 0x7f;
      let offset = 2;
      if (len === 126) {
        if (this.buffer.length < 4) return;
        len = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (len === 127) {
        if (this.buffer.length < 10) return;
        len = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      // Client frames are always masked.
      if (this.buffer.length < offset + 4 + len) return;
      const mask = this.buffer.subarray(offset, offset + 4);
      const data = Buffer.from(this.buffer.subarray(offset + 4, offset + 4 + len));
      for (let i = 0; i < data.length; i++) data[i]! ^= mask[i % 4]!;
      this.buffer = this.buffer.subarray(offset + 4 + len);
      if (opcode === 0x1) this.received.push(data.toString('utf8'));
      else if (opcode === 0x9) this.socket.write(Buffer.concat([Buffer.from([0x8a, data.length]), data]));
      else if (opcode === 0x8) {
        this.closeRequested = true;
        this.socket.end(Buffer.from([0x88, 0x00]));
        return;
      }
    }
  }
}

let wss: Server;
let wsUrl: string;
const peers: SocketPeer[] = [];
let slack: SlackApp;
let ws: string;
/** PORT in Socket Mode: /healthz and, with DEALCLOCK_METRICS=on, /metrics. */

it.beforeAll(async ({ db, fake }) => {
  wss = createServer((_req, res) => res.writeHead(404).end());
  wss.on('upgrade', (req, socket: Socket) => {
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    const peer = new SocketPeer(socket);
    peers.push(peer);
    peer.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake', approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0DEALCLOCK' },
      }),
    );
  });
  await new Promise<void>((r) => wss.listen(0, '127.0.0.1', r));
  wsUrl = `ws://127.0.0.1:${(wss.address() as { port: number }).port}/link/?ticket=fake`;
  fake.on('apps.connections.open', () => ({ ok: true, url: wsUrl }));
  ws = newWorkspaceId();
  await executeCommand('add "Texas GulfLink" deal=JP cost=2.1B', testContext(db, { workspaceId: ws }));
  slack = createSlackApp(testRuntime(db, slackConfig(fake, { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: '', DEALCLOCK_METRICS: 'on' })), {
    clientOptions: { retryConfig: { retries: 0 } },
  });
});

afterAll(async () => {
  for (const p of peers) p.socket.destroy();
  wss?.closeAllConnections();
  await new Promise<void>((r) => wss?.close(() => r()) ?? r());
});

describe('Socket Mode', () => {
  it('connects through apps.connections.open with the app token (no signing secret needed)', async ({ fake }) => {
    expect(slack.mode).toBe('socket');
    await slack.start();
    const [open] = fake.callsTo('apps.connections.open');
    expect(open?.token).toBe(APP_TOKEN);
    expect(peers).toHaveLength(1);
  });

  it('acks a slash command envelope over the socket and answers via response_url', async ({ fake }) => {
    const { body, responseId } = slashCommand(fake, { teamId: ws }, 'show texas-gulflink');
    peers[0]!.send(JSON.stringify({ envelope_id: 'env-1', type: 'slash_commands', payload: body, accepts_response_payload: true }));
    await expect.poll(() => peers[0]!.received.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(JSON.parse(peers[0]!.received[0]!)).toMatchObject({ envelope_id: 'env-1' });
    await expect.poll(() => responsesTo(fake, responseId).length, { timeout: 5000 }).toBe(1);
    expect(JSON.stringify(responsesTo(fake, responseId)[0]!.args)).toContain('texas-gulflink');
  });

  it('PORT serves /healthz from our server, on the loopback address', async () => {
    const { address, port } = slack.server!.address() as AddressInfo;
    expect(address).toBe('127.0.0.1');
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: 'up' });
  });

  it('serves /metrics on PORT too', async () => {
    await slack.idle();
    const { port } = slack.server!.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('dealclock_commands_total{subcommand="show",outcome="ok"} 1');
  });

  it('stops cleanly: closes the socket and answers nothing after', async () => {
    const closed = new Promise<void>((resolve) => peers[0]!.socket.once('close', () => resolve()));
    await slack.stop();
    await closed;
    expect(peers[0]!.closeRequested).toBe(true);
  });

  it('in OAuth mode the install pages are served by the same server (Bolt’s own never listens)', async ({ db, fake }) => {
    const config = oauthConfig(fake, { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: '' });
    const oauth = createSlackApp(testRuntime(db, config), { clientOptions: { retryConfig: { retries: 0 } } });
    await oauth.start();
    try {
      const { address, port } = oauth.server!.address() as AddressInfo;
      expect(address).toBe('127.0.0.1');
      const res = await fetch(`http://127.0.0.1:${port}/slack/install`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toContain('/oauth/v2/authorize');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      await oauth.stop();
    }
    // Nothing is left listening on the port Bolt would have used (PORT, here 0: none).
  });
});
