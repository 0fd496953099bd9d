import { describe, expect, it } from 'vitest';
import { CACHE_PREFIX, SHELL_URL, precacheUrls, staleCaches, strategyFor } from './routes';

const origin = 'http://hall.local:3000';
const get = (path: string, mode = 'cors') => ({ method: 'GET', url: origin + path, mode });

describe('strategyFor', () => {
  it.each([
    ['/api/meetings/abc', 'bypass'],
    ['/api/join/ACD479/qr.svg', 'bypass'],
    ['/yjs/board1?token=x', 'bypass'],
    ['/socket.io/?EIO=4&transport=polling', 'bypass'],
    ['/healthz', 'bypass'],
    ['/sw.js', 'bypass'],
    ['/assets/index-abc123.js', 'cache-first'],
    ['/assets/be-vietnam-pro-latin-400-normal-x.woff2', 'cache-first'],
    ['/favicon.svg', 'network-first'],
  ])('%s → %s', (path, strategy) => {
    expect(strategyFor(get(path), origin)).toBe(strategy);
  });

  it('sends page loads network first, except API addresses typed in the address bar', () => {
    expect(strategyFor(get('/m/abc/def', 'navigate'), origin)).toBe('navigation');
    expect(strategyFor(get('/join/ACD479', 'navigate'), origin)).toBe('navigation');
    expect(strategyFor(get('/', 'navigate'), origin)).toBe('navigation');
    expect(strategyFor(get('/api/meetings/abc', 'navigate'), origin)).toBe('bypass');
  });

  it('leaves writes and other origins alone', () => {
    expect(
      strategyFor({ method: 'POST', url: origin + '/assets/x.js', mode: 'cors' }, origin),
    ).toBe('bypass');
    expect(strategyFor(get('/assets/x.js'), 'http://other:3000')).toBe('bypass');
    expect(strategyFor({ method: 'GET', url: 'not a url', mode: 'cors' }, origin)).toBe('bypass');
  });
});

describe('precacheUrls', () => {
  it('keeps built files and the shell, drops source maps and the worker itself', () => {
    expect(
      precacheUrls([
        'assets/index-a.js',
        'assets/index-a.js.map',
        'assets/index-b.css',
        'index.html',
        'favicon.svg',
        'sw.js',
      ]),
    ).toEqual(['/assets/index-a.js', '/assets/index-b.css', '/favicon.svg', SHELL_URL]);
  });
});

describe('staleCaches', () => {
  it('names only this app’s caches of other builds', () => {
    const current = `${CACHE_PREFIX}v2`;
    expect(staleCaches([`${CACHE_PREFIX}v1`, current, 'someone-else'], current)).toEqual([
      `${CACHE_PREFIX}v1`,
    ]);
  });
});
