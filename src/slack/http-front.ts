/**
 * dealclock's HTTP server on PORT: /healthz in both Slack modes, /slack/events in HTTP
 * mode, the install pages in OAuth mode. It is ours, not Bolt's, for three reasons:
 *
 * - It listens at once, before the database and Slack are ready, so an orchestrator's
 *   health check gets an answer (503, "starting") instead of a refused connection, and a
 *   request for a known route gets 503 with Retry-After instead of Bolt's 404.
 * - It binds DEALCLOCK_LISTEN_HOST (Bolt binds every interface).
 * - It cuts off a client that trickles its headers or body (DEALCLOCK_HTTP_HEADERS_TIMEOUT_MS,
 *   DEALCLOCK_HTTP_REQUEST_TIMEOUT_MS) instead of holding the connection for minutes.
 *
 * Once the app is ready, `serve()` hands every request but /healthz to Bolt's receiver.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isOAuthMode, type Config } from '../config.ts';
import type { Logger } from '../log.ts';

/** The routes dealclock serves in a configuration; until it is ready they answer 503, never 404. */
export function knownRoutes(config: Pick<Config, 'SLACK_APP_TOKEN' | 'SLACK_CLIENT_ID'>): string[] {
  return [...(config.SLACK_APP_TOKEN ? [] : ['/slack/events']), ...(isOAuthMode(config) ? ['/slack/install', '/slack/oauth_redirect'] : [])];
}
/** Calendar feeds (feed-route.ts): known routes too, so while starting they answer 503, not 404. */
export const FEED_PATH_PREFIX = '/feeds/';
/** What a 503 while starting tells the client (Slack does not retry commands; a browser or a proxy may). */
export const RETRY_AFTER_SECONDS = 5;
/**
 * /healthz answers within this, whatever the database does: orchestrators give a probe
 * one second by default (Kubernetes' timeoutSeconds), and a probe that times out is worse
 * than a 503 that says why.
 */
export const HEALTH_DEADLINE_MS = 500;

export type Readiness = 'waiting' | 'up';

export interface HttpFrontOptions {
  /** Besides /healthz: the paths answered 503 (not 404) until the app is ready. */
  routes: readonly string[];
  host: string;
  port: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  logger: Logger;
}

export interface HttpFront {
  readonly server: Server;
  /** Starts listening; resolves with the bound address. */
  listen(): Promise<AddressInfo>;
  /** Until `serve()`: what /healthz reports as not ready yet. */
  starting(state: { database?: Readiness; slack?: Readiness }): void;
  /**
   * Ready: requests go to `listener` (none: only /healthz is served, as in Socket Mode
   * without install pages), and /healthz runs `check` (rejecting = the database is down).
   */
  serve(listener: RequestListener | undefined, check: () => Promise<unknown>): void;
  /** Stops listening; requests in flight finish. Idempotent. */
  close(): Promise<void>;
}

export function httpFrontOptions(config: Config, logger: Logger): HttpFrontOptions {
  return {
    routes: knownRoutes(config),
    host: config.DEALCLOCK_LISTEN_HOST,
    port: config.PORT,
    headersTimeoutMs: config.DEALCLOCK_HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.DEALCLOCK_HTTP_REQUEST_TIMEOUT_MS,
    logger,
  };
}

export function createHttpFront(o: HttpFrontOptions): HttpFront {
  const state: { database: Readiness; slack: Readiness } = { database: 'waiting', slack: 'waiting' };
  let ready: { listener: RequestListener | undefined; check: () => Promise<unknown> } | undefined;
  // One database check at a time: probes arriving while one is out share its answer, so
  // a hung database does not collect a queue of them.
  let checking: Promise<boolean> | undefined;

  function health(res: ServerResponse): void {
    if (!ready) {
      json(res, 503, { ok: false, starting: true, database: state.database, slack: state.slack });
      return;
    }
    const { check } = ready;
    checking ??= withDeadline(check(), HEALTH_DEADLINE_MS)
      .then(
        () => true,
        (error: unknown) => {
          o.logger.warn('healthz: database unreachable', { error });
          return false;
        },
      )
      .finally(() => {
        checking = undefined;
      });
    void checking.then((up) => json(res, up ? 200 : 503, up ? { ok: true, database: 'up' } : { ok: false, database: 'down' }));
  }

  const server = createServer(
    {
      headersTimeout: o.headersTimeoutMs,
      requestTimeout: o.requestTimeoutMs,
      // Node checks both timeouts only this often (30 s by default), which would stretch them.
      connectionsCheckingInterval: Math.min(1_000, o.headersTimeoutMs),
    },
    (req: IncomingMessage, res: ServerResponse) => {
      const path = pathOf(req);
      if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) return health(res);
      if (!ready) {
        if (o.routes.includes(path) || path.startsWith(FEED_PATH_PREFIX)) {
          // Not Bolt's 404: the route exists, the app is not ready yet.
          res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(RETRY_AFTER_SECONDS), connection: 'close' });
          res.end('dealclock is starting; try again in a few seconds.\n');
        } else notFound(res);
        return;
      }
      if (!ready.listener) return notFound(res);
      try {
        ready.listener(req, res);
      } catch (error) {
        // Bolt's receiver throws for a path it does not serve.
        o.logger.debug('http: unhandled request', { method: req.method, path, error });
        if (!res.headersSent) notFound(res);
      }
    },
  );

  let closing: Promise<void> | undefined;
  return {
    server,
    listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(o.port, o.host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    starting(s) {
      Object.assign(state, s);
    },
    serve(listener, check) {
      ready = { listener, check };
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        // Keep-alive connections with no request in flight would hold close() open.
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end();
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
