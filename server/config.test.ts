import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('configuration of scale-out', () => {
  it('runs alone on SQLite unless told otherwise', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeUndefined();
    expect(c.redisUrl).toBeUndefined();
    expect(c.redisPrefix).toBe('bantron:');
    expect(c.instanceId).toMatch(/-\d+$/);
  });

  it('takes PostgreSQL and Redis URLs, and refuses Redis without a shared token secret', () => {
    const secret = 'x'.repeat(40);
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/bantron',
      REDIS_URL: 'redis://cache:6379',
      TOKEN_SECRET: secret,
      INSTANCE_ID: 'app-1',
    });
    expect(c).toMatchObject({
      databaseUrl: 'postgres://u@db:5432/bantron',
      redisUrl: 'redis://cache:6379',
      instanceId: 'app-1',
    });
    expect(() => loadConfig({ REDIS_URL: 'redis://cache:6379' })).toThrow(/TOKEN_SECRET/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });
});
