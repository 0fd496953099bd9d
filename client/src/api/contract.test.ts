import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkInBackground, checkedLater, mismatch, releaseChecks } from './contract';

afterEach(() => {
  mismatch.value = null;
  vi.restoreAllMocks();
});

const me = {
  participantId: 'person0001',
  role: 'participant',
  name: 'Chị Lan',
  department: 'Y tế',
};

// The module's queue is shared: these run in order, the first before the release.
describe('answers checked in the background', () => {
  it('are queued until the checks are released, then checked', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let settled = false;
    const result = checkInBackground('Me', { ...me, role: 'rapporteur' }).then((ok) => {
      settled = true;
      return ok;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(mismatch.value).toBeNull();
    releaseChecks();
    expect(await result).toBe(false);
    expect(mismatch.value?.name).toBe('Me');
  });

  it('an answer that matches its schema is used as sent and reports nothing', async () => {
    expect(await checkInBackground('Me', me)).toBe(true);
    expect(mismatch.value).toBeNull();
  });

  it('an answer that does not match is still used, and marks the page as out of date', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const newer = { ...me, role: 'rapporteur' };
    const parsed = checkedLater('Me').safeParse(newer);
    expect(parsed).toEqual({ success: true, data: newer });
    await vi.waitFor(() => expect(mismatch.value?.name).toBe('Me'));
    expect(mismatch.value?.detail).toMatch(/role/);
  });
});
