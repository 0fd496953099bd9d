import { describe, expect, it } from 'vitest';
import {
  announcedSize,
  progressFraction,
  readWithProgress,
  type TransferProgress,
} from './read-progress';

function streamed(chunks: string[], headers: Record<string, string>): Response {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(enc.encode(c));
      controller.close();
    },
  });
  return new Response(body, { headers });
}

describe('readWithProgress', () => {
  it('reports each chunk against Content-Length and returns the whole body', async () => {
    const seen: TransferProgress[] = [];
    const res = streamed(['ab', 'cde', 'f'], {
      'content-length': '6',
      'content-type': 'text/plain',
    });
    const blob = await readWithProgress(res, (p) => seen.push(p));
    expect(await blob.text()).toBe('abcdef');
    expect(blob.type).toBe('text/plain');
    expect(seen.map((p) => p.loaded)).toEqual([0, 2, 5, 6]);
    expect(seen.every((p) => p.total === 6)).toBe(true);
  });

  it('reports an unknown size when there is no Content-Length', async () => {
    const seen: TransferProgress[] = [];
    await readWithProgress(streamed(['x'], {}), (p) => seen.push(p));
    expect(seen.at(-1)).toEqual({ loaded: 1, total: null });
  });
});

describe('announcedSize', () => {
  it('reads Content-Length, ignoring junk and compressed bodies', () => {
    expect(announcedSize(new Headers({ 'content-length': '1234' }))).toBe(1234);
    expect(announcedSize(new Headers({ 'content-length': 'abc' }))).toBeNull();
    expect(announcedSize(new Headers())).toBeNull();
    expect(
      announcedSize(new Headers({ 'content-length': '10', 'content-encoding': 'gzip' })),
    ).toBeNull();
  });
});

describe('progressFraction', () => {
  it('is loaded/total, capped at 1, and null without a size', () => {
    expect(progressFraction({ loaded: 5, total: 10 })).toBe(0.5);
    expect(progressFraction({ loaded: 12, total: 10 })).toBe(1);
    expect(progressFraction({ loaded: 5, total: null })).toBeNull();
    expect(progressFraction(null)).toBeNull();
  });
});
