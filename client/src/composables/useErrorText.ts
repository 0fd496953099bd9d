/**
 * Turns any error into a sentence in the current language: API error codes map to messages
 * under `errors.codes`; an unknown code falls back to the server's own message.
 */
import { useI18n } from 'vue-i18n';
import { ApiRequestError } from '@client/api/client';

export interface ErrorLike {
  code: string;
  message: string;
}

export function useErrorText(): { errorText: (error: unknown) => string } {
  const { t, te } = useI18n();

  function byCode(code: string, fallback: string): string {
    const key = `errors.codes.${code}`;
    if (/^[a-z0-9_]+$/.test(code) && te(key)) return t(key);
    return fallback.trim().length > 0 ? fallback : t('errors.generic');
  }

  function errorText(error: unknown): string {
    if (error instanceof ApiRequestError) {
      if (error.status === 429) return byCode('too_many_requests', error.message);
      return byCode(error.code, error.message);
    }
    if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
      const { code, message } = error as ErrorLike;
      if (typeof code === 'string' && typeof message === 'string') return byCode(code, message);
    }
    return t('errors.generic');
  }

  return { errorText };
}
