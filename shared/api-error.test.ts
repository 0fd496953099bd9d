import { describe, expect, it } from 'vitest';
import { readApiError } from './api-error';
import { ApiError } from './schemas/http';

describe('readApiError', () => {
  const bodies: unknown[] = [
    { error: { code: 'not_found', message: 'No meeting' } },
    { error: { code: 'validation_failed', message: 'bad', fields: { name: ['too long'] } } },
    { error: { code: 'x', message: 'y', fields: { name: 'not a list' } } },
    { error: { code: 1, message: 'y' } },
    { error: 'flat' },
    null,
    'text',
    [],
  ];

  it('reads what the ApiError schema accepts, and nothing else', () => {
    for (const body of bodies) {
      const parsed = ApiError.safeParse(body);
      expect(readApiError(body)).toEqual(parsed.success ? parsed.data.error : null);
    }
  });
});
