/**
 * Polls an assertion until it holds instead of sleeping a fixed time (Hocuspocus's
 * retryableAssertion). The last failure is rethrown when time runs out.
 */
export async function waitFor<T>(
  assertion: () => T | Promise<T>,
  { timeout = 20_000, interval = 25 }: { timeout?: number; interval?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await assertion();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, interval));
    }
  }
}
