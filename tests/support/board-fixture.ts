/**
 * The server-and-clients fixture of the board tests: one real server process (restartable on
 * the same data and port, so open clients reconnect by themselves), real y-websocket clients
 * opened through it, and a teardown after each test that closes every client and kills the
 * server. Call `useBoardFixture()` once at the top of a test file.
 */
import { afterEach } from 'vitest';
import { ApiClient } from './api';
import { startServer, type ServerProcess, type StartOptions } from './server-process';
import { connectDoc, type TestDocClient } from './yjs-client';

export interface BoardFixture {
  /** The running server; throws when none was started. */
  readonly server: ServerProcess;
  readonly api: ApiClient;
  /** Starts the server (fresh data unless `dataDir` is given); remembers env for restarts. */
  start(options?: StartOptions): Promise<ServerProcess>;
  /** Stops the server with `signal` and resolves with its exit code (null when killed). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Starts the server again on the same data and port, with the same env unless given. */
  restart(env?: Record<string, string>): Promise<ServerProcess>;
  /** A real y-websocket client of `boardId`, through `wsUrl` (the server's by default). */
  open(boardId: string, token: string, wsUrl?: string): TestDocClient;
  /** Destroys every client opened so far (before a crash with no one left to resend). */
  closeClients(): void;
}

export function useBoardFixture(): BoardFixture {
  let current: ServerProcess | null = null;
  let env: Record<string, string> = {};
  let last: { dataDir: string; port: number } | null = null;
  const clients: TestDocClient[] = [];

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await current?.kill();
    current = null;
    last = null;
    env = {};
  });

  const fixture: BoardFixture = {
    get server() {
      if (!current) throw new Error('no server started');
      return current;
    },
    get api() {
      return new ApiClient(fixture.server.url);
    },
    async start(options = {}) {
      env = options.env ?? {};
      current = await startServer(options);
      last = { dataDir: current.dataDir, port: current.port };
      return current;
    },
    async stop(signal = 'SIGKILL') {
      const code = await fixture.server.kill(signal);
      return code;
    },
    async restart(newEnv) {
      if (!last) throw new Error('no server to restart');
      await current?.kill();
      if (newEnv) env = newEnv;
      current = await startServer({ ...last, env });
      return current;
    },
    open(boardId, token, wsUrl) {
      const c = connectDoc(wsUrl ?? fixture.server.wsUrl, boardId, token);
      clients.push(c);
      return c;
    },
    closeClients() {
      for (const c of clients.splice(0)) c.destroy();
    },
  };
  return fixture;
}
