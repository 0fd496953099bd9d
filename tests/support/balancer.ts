/**
 * A round-robin TCP load balancer in front of several server instances, as nginx would be:
 * no sticky sessions, each new connection goes to the next instance that accepts it. When an
 * instance dies, its clients' reconnects land on the others.
 */
import net from 'node:net';

export interface Balancer {
  readonly port: number;
  readonly url: string;
  readonly wsUrl: string;
  /** Connections forwarded to each backend port so far. */
  readonly forwarded: Map<number, number>;
  close(): Promise<void>;
}

export async function startBalancer(backends: readonly number[]): Promise<Balancer> {
  let next = 0;
  const forwarded = new Map<number, number>();
  const sockets = new Set<net.Socket>();

  /** Tries each backend once, starting with the next in turn; null when none accepts. */
  const connect = (tried = 0): Promise<{ upstream: net.Socket; port: number } | null> => {
    if (tried >= backends.length) return Promise.resolve(null);
    const port = backends[next++ % backends.length]!;
    return new Promise((resolve) => {
      const upstream = net.connect(port, '127.0.0.1');
      upstream.once('connect', () => resolve({ upstream, port }));
      upstream.once('error', () => {
        upstream.destroy();
        resolve(connect(tried + 1));
      });
    });
  };

  const server = net.createServer((client) => {
    client.on('error', () => {});
    client.pause();
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    void connect().then((picked) => {
      if (!picked || client.destroyed) {
        picked?.upstream.destroy();
        client.destroy();
        return;
      }
      const { upstream, port } = picked;
      forwarded.set(port, (forwarded.get(port) ?? 0) + 1);
      sockets.add(upstream);
      upstream.on('error', () => {});
      const drop = (): void => {
        sockets.delete(upstream);
        client.destroy();
        upstream.destroy();
      };
      client.once('close', drop);
      upstream.once('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    wsUrl: `ws://127.0.0.1:${address.port}`,
    forwarded,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
