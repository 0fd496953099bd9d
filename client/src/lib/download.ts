/** Offers `blob` as a download named `name` (exports, indicator tables). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has handed the blob to the browser's download; some browsers still read it a
  // moment later, so it is freed after a while rather than at once.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
