/**
 * This instance's connections to Redis: one for commands and publishing, one for pub/sub.
 * Channels and keys are prefixed (REDIS_PREFIX) so deployments can share a Redis. Pub/sub
 * delivers at most once: when the subscriber connection comes back after a drop, everything
 * published meanwhile is lost, so `onResync` listeners (the rooms' catch-up from storage)
 * run after every reconnect.
 */
import { Redis } from 'ioredis';
import { errorFields, type Logger } from '../logger';

export interface RedisHubOptions {
  url: string;
  prefix: string;
  instanceId: string;
  log: Logger;
}

export class RedisHub {
  /** Commands and PUBLISH. */
  readonly commands: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, Set<(message: Buffer) => void>>();
  private readonly resyncListeners: (() => void)[] = [];
  private lostSubscriber = false;

  constructor(private readonly options: RedisHubOptions) {
    const name = (role: string): string =>
      `${options.prefix}${options.instanceId}:${role}`.replace(/\s/g, '_');
    // Commands wait while Redis is away (a restart, a failover) instead of failing at once.
    this.commands = new Redis(options.url, { connectionName: name('cmd') });
    this.subscriber = new Redis(options.url, { connectionName: name('sub') });
    for (const [role, client] of [
      ['cmd', this.commands],
      ['sub', this.subscriber],
    ] as const) {
      client.on('error', (err) =>
        options.log.warn('redis connection error', { role, ...errorFields(err) }),
      );
    }
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      for (const handler of this.handlers.get(channel.toString()) ?? []) {
        try {
          handler(message);
        } catch (err) {
          options.log.error('redis message handler failed', errorFields(err));
        }
      }
    });
    this.subscriber.on('close', () => {
      this.lostSubscriber = true;
    });
    this.subscriber.on('ready', () => {
      if (!this.lostSubscriber) return;
      this.lostSubscriber = false;
      options.log.warn('redis subscriber reconnected; catching up from storage');
      for (const listener of this.resyncListeners) listener();
    });
  }

  /** The full name of a channel or key. */
  key(name: string): string {
    return `${this.options.prefix}${name}`;
  }

  get instanceId(): string {
    return this.options.instanceId;
  }

  /** Receives every message on `name`; returns the unsubscribe. */
  subscribe(name: string, handler: (message: Buffer) => void): () => void {
    const channel = this.key(name);
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      this.subscriber.subscribe(channel).catch((err: unknown) => {
        this.options.log.warn('redis subscribe failed', { channel, ...errorFields(err) });
      });
    }
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size > 0 || this.handlers.get(channel) !== set) return;
      this.handlers.delete(channel);
      this.subscriber.unsubscribe(channel).catch(() => {});
    };
  }

  publish(name: string, message: Buffer | string): void {
    this.commands.publish(this.key(name), message).catch((err: unknown) => {
      // Lost like any pub/sub message: the receivers' catch-up from storage repairs it.
      this.options.log.warn('redis publish failed', { channel: name, ...errorFields(err) });
    });
  }

  onResync(listener: () => void): void {
    this.resyncListeners.push(listener);
  }

  /** Rejects when Redis does not answer (for /healthz). */
  async ping(): Promise<void> {
    if (this.commands.status !== 'ready' || this.subscriber.status !== 'ready')
      throw new Error(`redis ${this.commands.status}/${this.subscriber.status}`);
    await this.commands.ping();
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
    await this.commands.quit().catch(() => this.commands.disconnect());
  }
}
