/**
 * A TCP proxy between the workstations and the inbox server that misbehaves on purpose: it cuts
 * connections after a chosen number of bytes, lets a test watch the traffic (to kill the server
 * mid-upload or mid-pull), and forwards to whichever port the server came back on.
 */
import net from 'node:net';

export interface Connection {
  id: number;
  /** Bytes so far, client to server and back. */
  up: number;
  down: number;
}

export interface CutProxyOptions {
  /** Bytes (both ways) after which a new connection is cut; null leaves it alone. */
  cutAfter?: (connection: Connection) => number | null;
  /**
   * Sees every chunk before it is forwarded: 'cut' drops the connection instead, 'hold' drops
   * the chunk and keeps the connection open (a line that stalled).
   */
  watch?: (direction: 'up' | 'down', chunk: Buffer, connection: Connection) => 'cut' | 'hold' | void;
}

export interface CutProxy {
  url: string;
  /** The request lines and headers that went through, in order (to see a Range asked for). */
  requests: string[];
  cuts: number;
  retarget(port: number): void;
  set(options: CutProxyOptions): void;
  close(): Promise<void>;
}

export async function startCutProxy(targetPort: number, initial: CutProxyOptions = {}): Promise<CutProxy> {
  let target = targetPort;
  let options = initial;
  let connections = 0;
  const open = new Set<net.Socket>();
  const proxy: CutProxy = {
    url: '',
    requests: [],
    cuts: 0,
    retarget: (port) => (target = port),
    set: (next) => (options = next),
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };

  const server = net.createServer((client) => {
    const connection: Connection = { id: ++connections, up: 0, down: 0 };
    const limit = options.cutAfter?.(connection) ?? null;
    const upstream = net.connect(target, '127.0.0.1');
    open.add(client);
    open.add(upstream);
    let closed = false;
    const close = (cut: boolean) => {
      if (closed) return;
      closed = true;
      if (cut) proxy.cuts++;
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    const forward = (direction: 'up' | 'down', to: net.Socket) => (chunk: Buffer) => {
      if (closed) return;
      if (direction === 'up') {
        for (const head of chunk.toString('latin1').match(/^(GET|HEAD|PUT|POST) \S+ HTTP\/1\.1\r\n[^]*?\r\n\r\n/gm) ??
          [])
          proxy.requests.push(head);
      }
      const verdict = options.watch?.(direction, chunk, connection);
      if (verdict === 'cut') return close(true);
      if (verdict === 'hold') return;
      const sent = connection.up + connection.down;
      const room = limit === null ? Infinity : limit - sent;
      const part = chunk.length > room ? chunk.subarray(0, Math.max(0, room)) : chunk;
      if (direction === 'up') connection.up += part.length;
      else connection.down += part.length;
      if (part.length > 0) to.write(part);
      if (part !== chunk) close(true);
    };
    client.on('data', forward('up', upstream));
    upstream.on('data', forward('down', client));
    for (const socket of [client, upstream]) {
      socket.on('error', () => close(false));
      socket.on('close', () => close(false));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  proxy.url = `http://127.0.0.1:${port}`;
  return proxy;
}
