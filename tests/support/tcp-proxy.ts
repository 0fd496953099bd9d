/**
 * A TCP proxy between some clients and the server whose link can be cut and restored, so a
 * partition test cuts the real network path instead of asking clients to disconnect. A cut
 * resets every open connection (RST, as when a Wi-Fi access point drops a station) and keeps
 * resetting new ones until `restore()`; clients notice on their own and retry.
 */
import net from 'node:net';

export interface TcpProxy {
  readonly port: number;
  readonly url: string;
  readonly wsUrl: string;
  /** True while the link is cut. */
  readonly isCut: boolean;
  /** Connections accepted and forwarded so far (not counting refused ones). */
  readonly forwarded: number;
  /** Connections reset because the link was cut. */
  readonly refused: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(
  targetPort: number,
  targetHost = '127.0.0.1',
): Promise<TcpProxy> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let cut = false;
  let forwarded = 0;
  let refused = 0;

  const server = net.createServer((client) => {
    client.on('error', () => {});
    if (cut) {
      refused++;
      client.resetAndDestroy();
      return;
    }
    forwarded++;
    const upstream = net.connect(targetPort, targetHost);
    upstream.on('error', () => {});
    const pair = { client, upstream };
    pairs.add(pair);
    const drop = (): void => {
      pairs.delete(pair);
      if (!client.destroyed) client.destroy();
      if (!upstream.destroyed) upstream.destroy();
    };
    client.once('close', drop);
    upstream.once('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('proxy has no address');
  const port = address.port;

  const resetAll = (): void => {
    for (const { client, upstream } of [...pairs]) {
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    }
    pairs.clear();
  };

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    get isCut() {
      return cut;
    },
    get forwarded() {
      return forwarded;
    },
    get refused() {
      return refused;
    },
    cut: () => {
      cut = true;
      resetAll();
    },
    restore: () => {
      cut = false;
    },
    close: async () => {
      resetAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
