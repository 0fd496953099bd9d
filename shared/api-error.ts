/**
 * Reads an error answer of the HTTP API without zod, for the client's first page. It is the
 * plain reading of the `ApiError` schema in schemas/http.ts (whose type it returns): a body
 * that does not have that shape gives null, and the caller falls back to the HTTP status.
 */
import type { ApiError } from './schemas/http';

type ApiErrorDetail = ApiError['error'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readFields(value: unknown): Record<string, string[]> | undefined | null {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return null;
  const fields: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(value)) {
    if (!Array.isArray(list) || !list.every((line) => typeof line === 'string')) return null;
    fields[name] = list as string[];
  }
  return fields;
}

/** The `error` of an `ApiError` body, or null when `body` is not one. */
export function readApiError(body: unknown): ApiErrorDetail | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const { code, message } = body.error;
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  const fields = readFields(body.error.fields);
  if (fields === null) return null;
  return fields === undefined ? { code, message } : { code, message, fields };
}
