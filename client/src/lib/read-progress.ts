/**
 * Reads a fetch Response's body chunk by chunk and reports how far it got, so a download can
 * show a determinate bar. `total` is Content-Length when the server sent one (our exports
 * do), otherwise null and the bar stays indeterminate.
 */

/** How much of a transfer is done; `total` null when the size is unknown. */
export interface TransferProgress {
  loaded: number;
  total: number | null;
}

/** The size a response announces, or null (absent, not a number, or compressed in transit). */
export function announcedSize(headers: Headers): number | null {
  // A compressed body's Content-Length counts compressed bytes, but the stream yields
  // decompressed ones: the figure would overshoot, so treat the size as unknown.
  const encoding = headers.get('content-encoding');
  if (encoding !== null && encoding !== 'identity') return null;
  const raw = headers.get('content-length');
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  return Number(raw);
}

/** The whole body as a Blob of `type`, calling onProgress after every chunk. */
export async function readWithProgress(
  res: Response,
  onProgress: (p: TransferProgress) => void,
): Promise<Blob> {
  const total = announcedSize(res.headers);
  const type = res.headers.get('content-type') ?? '';
  if (res.body === null) {
    const blob = await res.blob();
    onProgress({ loaded: blob.size, total: total ?? blob.size });
    return blob;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let loaded = 0;
  onProgress({ loaded, total });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value as Uint8Array<ArrayBuffer>);
    loaded += value.byteLength;
    onProgress({ loaded, total });
  }
  return new Blob(chunks, { type });
}

/** A fraction 0..1 of a transfer, or null when its size is unknown. */
export function progressFraction(p: TransferProgress | null): number | null {
  if (p === null || p.total === null || p.total <= 0) return null;
  return Math.min(1, p.loaded / p.total);
}
