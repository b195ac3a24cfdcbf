/**
 * A fake Slack Web API on loopback, for tests. Bolt and WebClient talk to it through
 * SLACK_API_URL / clientOptions.slackApiUrl. It records every call with its arguments,
 * keeps posted messages per channel (so conversations.history can find message
 * metadata), serves response_url posts at /respond/<id>, takes file uploads
 * (files.getUploadURLExternal hands out /upload/<id> on the same loopback server, whose
 * bytes are kept in `uploads`; files.completeUploadExternal), and can be told to fail:
 * 429 with Retry-After, 500, or a hang (a timeout on the client side).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  at: number;
  /** The request path, e.g. /respond/42 (tells response_url posts apart). */
  path?: string;
}

export type Failure = { status: 429; retryAfter: number } | { status: 500 } | { hangMs: number } | { error: string };

/** A file uploaded through files.getUploadURLExternal and the URL it returned. */
export interface FakeUpload {
  id: string;
  filename: string;
  /** The request body the client POSTed to the upload URL (the bytes, possibly in a form). */
  body: Buffer;
  completed: boolean;
}

interface StoredMessage {
  ts: string;
  channel: string;
  text?: unknown;
  blocks?: unknown;
  metadata?: unknown;
}

export class FakeSlack {
  readonly calls: FakeSlackCall[] = [];
  readonly messages = new Map<string, StoredMessage[]>();
  /** Milliseconds every answer waits (to model Slack's latency). */
  latencyMs = 0;
  /** The Slack language `users.info` gives each user (`ja-JP`, `en-US`); a user not here has none. */
  readonly userLocales = new Map<string, string>();
  /** The most requests of each method that were being answered at the same time. */
  readonly peakConcurrency = new Map<string, number>();
  private concurrent = new Map<string, number>();
  private server: Server | undefined;
  private failures = new Map<string, Failure[]>();
  private handlers = new Map<string, (args: Record<string, unknown>) => Record<string, unknown>>();
  private tsCounter = 0;
  /** Files by id, in the order their upload URLs were handed out. */
  readonly uploads = new Map<string, FakeUpload>();
  private fileCounter = 0;
  url = '';

  get apiUrl(): string {
    return `${this.url}api/`;
  }

  responseUrl(id: string | number): string {
    return `${this.url}respond/${id}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next calls to `method` fail, in order. */
  failNext(method: string, ...failures: Failure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  /** Replaces the default answer of a method. */
  on(method: string, handler: (args: Record<string, unknown>) => Record<string, unknown>): void {
    this.handlers.set(method, handler);
  }

  /** Gives a method its default answer back. */
  off(method: string): void {
    this.handlers.delete(method);
  }

  callsTo(method: string): FakeSlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  reset(): void {
    this.calls.length = 0;
    this.peakConcurrency.clear();
    this.messages.clear();
    this.failures.clear();
    this.uploads.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The upload URL gets raw bytes, which the text parsing below would mangle.
    if ((req.url ?? '').startsWith('/upload/')) return this.receiveUpload(req, res);
    const body = await readBody(req);
    const path = (req.url ?? '').split('?')[0]!;
    const method = path.startsWith('/api/') ? path.slice(5) : path.startsWith('/respond/') ? 'response_url' : path.slice(1);
    const args = parseArgs(body, String(req.headers['content-type'] ?? ''), req.url ?? '');
    const auth = String(req.headers.authorization ?? '');
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : typeof args.token === 'string' ? args.token : undefined;
    this.calls.push({ method, args, token, at: Date.now(), path });
    const now = (this.concurrent.get(method) ?? 0) + 1;
    this.concurrent.set(method, now);
    this.peakConcurrency.set(method, Math.max(now, this.peakConcurrency.get(method) ?? 0));
    res.on('close', () => this.concurrent.set(method, (this.concurrent.get(method) ?? 1) - 1));
    if (this.latencyMs) await sleep(this.latencyMs);
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      if ('hangMs' in failure) {
        await sleep(failure.hangMs);
        // The client has given up by now; the call still "happened" on Slack's side.
        this.answer(method, args);
        res.destroy();
        return;
      }
      if ('error' in failure) return send(res, 200, { ok: false, error: failure.error });
      if (failure.status === 429) {
        res.setHeader('Retry-After', String(failure.retryAfter));
        return send(res, 429, { ok: false, error: 'ratelimited' });
      }
      return send(res, 500, { ok: false, error: 'internal_error' });
    }
    send(res, 200, this.answer(method, args));
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const custom = this.handlers.get(method);
    if (custom) return custom(args);
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'dealclock', team_id: 'T0FAKE', user_id: 'U0BOT', bot_id: 'B0BOT' };
      case 'chat.postMessage': {
        const channel = String(args.channel);
        const ts = this.nextTs();
        const list = this.messages.get(channel) ?? [];
        list.push({ ts, channel, text: args.text, blocks: args.blocks, metadata: args.metadata });
        this.messages.set(channel, list);
        return { ok: true, channel, ts, message: { text: args.text, ts } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'conversations.history': {
        const list = [...(this.messages.get(String(args.channel)) ?? [])].reverse();
        return {
          ok: true,
          has_more: false,
          messages: list.map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(args.include_all_metadata ? { metadata: m.metadata } : {}) })),
        };
      }
      case 'views.open':
      case 'views.update':
      case 'views.push':
        return { ok: true, view: { id: `V${this.nextTs().replace('.', '')}`, hash: 'h1' } };
      case 'views.publish':
        return { ok: true, view: { id: 'VHOME' } };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:1/link` };
      case 'usergroups.users.list':
        return { ok: true, users: [] };
      case 'users.info': {
        const id = String(args.user);
        const locale = this.userLocales.get(id);
        return { ok: true, user: { id, ...(locale ? { locale } : {}) } };
      }
      case 'response_url':
        return { ok: true };
      case 'files.getUploadURLExternal': {
        this.fileCounter += 1;
        const id = `F0FAKE${String(this.fileCounter).padStart(4, '0')}`;
        this.uploads.set(id, { id, filename: String(args.filename ?? ''), body: Buffer.alloc(0), completed: false });
        // On loopback like the rest of the fake: the client POSTs the bytes here.
        return { ok: true, upload_url: `${this.url}upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = (Array.isArray(args.files) ? args.files : []) as { id?: string; title?: string }[];
        for (const f of files) {
          const upload = f.id ? this.uploads.get(f.id) : undefined;
          if (upload) upload.completed = true;
        }
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title, name: f.id ? this.uploads.get(f.id)?.filename : undefined })) };
      }
      default:
        return { ok: true };
    }
  }

  private async receiveUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = (req.url ?? '').split('?')[0]!.slice('/upload/'.length);
    const body = await readRawBody(req);
    this.calls.push({ method: 'upload', args: { file_id: id, bytes: body.length }, token: undefined, at: Date.now(), path: req.url ?? '' });
    const failure = this.failures.get('upload')?.shift();
    if (failure && 'status' in failure) {
      res.statusCode = failure.status;
      res.end('failed');
      return;
    }
    const upload = this.uploads.get(id);
    if (!upload) {
      res.statusCode = 404;
      res.end('no such upload');
      return;
    }
    upload.body = body;
    res.statusCode = 200;
    res.end(`OK - ${body.length}`);
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `1700000000.${String(this.tsCounter).padStart(6, '0')}`;
  }
}

function parseArgs(body: string, contentType: string, url: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const query = url.includes('?') ? new URLSearchParams(url.split('?')[1]) : undefined;
  for (const [k, v] of query ?? []) out[k] = v;
  if (!body) return out;
  if (contentType.includes('application/json')) return { ...out, ...(JSON.parse(body) as Record<string, unknown>) };
  for (const [k, v] of new URLSearchParams(body)) {
    // WebClient form-encodes nested values (blocks, metadata) as JSON strings.
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v === 'true' ? true : v === 'false' ? false : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function readRawBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
