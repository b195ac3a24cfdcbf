/**
 * A loopback TCP proxy in front of the test database server, to play a server that is
 * late (nothing listens on the proxy's port until `open()`), or frozen (`freeze()`: the
 * connections stay open and nothing more goes through either way, as with a stopped
 * process or a dead network path). And a port that accepts and never answers.
 */
import { createServer, connect, type Server, type Socket, type AddressInfo } from 'node:net';

/** A free loopback port: bound, read and released (nothing listens on it afterwards). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private frozen = false;
  private readonly held: [Socket, Buffer][] = [];

  /** `port`: where the proxy will listen (reserve it with freePort, then open() later). */
  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  /** Starts accepting and forwarding. */
  open(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  /** Nothing more goes through, on open connections and new ones alike; the sockets stay open. */
  freeze(): void {
    this.frozen = true;
  }

  /** Lets through what was held back, and everything after it. */
  thaw(): void {
    this.frozen = false;
    for (const [to, chunk] of this.held.splice(0)) if (!to.destroyed) to.write(chunk);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.track(client);
    const upstream = connect(this.target.port, this.target.host);
    this.track(upstream);
    const forward = (to: Socket) => (chunk: Buffer) => {
      if (this.frozen) this.held.push([to, chunk]);
      else to.write(chunk);
    };
    client.on('data', forward(upstream));
    upstream.on('data', forward(client));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
  }

  private track(s: Socket): void {
    this.sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => this.sockets.delete(s));
  }
}

/** A port that accepts connections and never says a word (a server stopped mid-start). */
export async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The test server's URL with its host and port replaced by the proxy's. */
export function viaProxy(serverUrl: string, port: number): string {
  const url = new URL(serverUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return url.toString();
}

/** Host and port of a connection URL. */
export function targetOf(serverUrl: string): { host: string; port: number } {
  const url = new URL(serverUrl);
  return { host: url.hostname || '127.0.0.1', port: Number(url.port || 5432) };
}
