/**
 * A small typed fetch wrapper: every answer goes through the schema of its route (a shared zod
 * schema on lazy screens, a background check on the participant's path: see contract.ts),
 * every failure becomes an `ApiRequestError` with a stable code that the interface translates.
 * No zod here: this module is on the participant's first page.
 */
import { readApiError } from '@shared/api-error';

/** Codes the client itself produces (the server's codes come in ApiError bodies). */
export const CLIENT_ERROR_CODES = {
  /** The server could not be reached (offline, server down). */
  network: 'network',
  /** The server answered something that does not match the contract. */
  badResponse: 'bad_response',
} as const;

/** A failed API call. `status` is 0 when no HTTP answer arrived. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }

  /** The token was refused: it is invalid, expired or revoked. */
  get unauthorized(): boolean {
    return this.status === 401;
  }

  /** No answer from the server: worth retrying later, nothing is wrong with the request. */
  get network(): boolean {
    return this.status === 0;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Bearer token of the meeting. */
  token?: string | null;
  signal?: AbortSignal;
}

/** The JSON in `text`, or null when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The ApiRequestError for a refused answer: the server's error envelope, or its status. */
export function errorFromAnswer(status: number, statusText: string, text: string): ApiRequestError {
  const error = readApiError(parseJson(text));
  if (error) {
    const { code, message, fields } = error;
    return new ApiRequestError(status, code, message, fields ?? {});
  }
  return new ApiRequestError(status, `http_${status}`, text.slice(0, 200) || statusText);
}

/**
 * What `request` parses an answer with. A zod schema is one (structurally, so this module
 * needs no zod); so is contract.ts's `checkedLater`, which takes the answer as it is.
 */
export interface AnswerSchema<T> {
  safeParse(
    json: unknown,
  ): { success: true; data: T } | { success: false; error: { message: string } };
}

/** Calls `path` and parses the answer with `schema`. */
export async function request<T>(
  schema: AnswerSchema<T>,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;

  let response: Response;
  try {
    response = await window.fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiRequestError(0, CLIENT_ERROR_CODES.network, String(err));
  }

  const text = await response.text().catch(() => '');
  const json = text.length > 0 ? parseJson(text) : null;

  if (!response.ok) throw errorFromAnswer(response.status, response.statusText, text);

  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiRequestError(
      response.status,
      CLIENT_ERROR_CODES.badResponse,
      parsed.error.message,
    );
  }
  return parsed.data;
}
