/**
 * Errors a service raises on purpose. Each carries a stable code (the client translates it),
 * an HTTP status, and an English message for logs and API users.
 */
export type AppErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'join_code_invalid'
  | 'department_unknown'
  | 'too_many_boards'
  | 'payload_too_large'
  | 'rate_limited'
  | 'last_facilitator'
  | 'archive_invalid'
  | 'internal';

const STATUS: Record<AppErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  join_code_invalid: 404,
  department_unknown: 400,
  too_many_boards: 409,
  payload_too_large: 413,
  rate_limited: 429,
  last_facilitator: 409,
  archive_invalid: 400,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}
