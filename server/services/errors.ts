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
  | 'timer_not_running'
  | 'timer_not_paused'
  | 'timer_idle'
  | 'private_unsupported'
  | 'board_locked'
  | 'board_kind_mismatch'
  | 'vote_already_open'
  | 'vote_no_items'
  | 'vote_closed'
  | 'vote_not_revealed'
  | 'vote_over_budget'
  | 'vote_over_cap'
  | 'vote_unknown_item'
  | 'vote_proxy_forbidden'
  | 'vote_no_department'
  | 'score_incomplete'
  | 'already_decided'
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
  timer_not_running: 409,
  timer_not_paused: 409,
  timer_idle: 409,
  private_unsupported: 409,
  board_locked: 409,
  board_kind_mismatch: 400,
  vote_already_open: 409,
  vote_no_items: 409,
  vote_closed: 409,
  vote_not_revealed: 409,
  vote_over_budget: 400,
  vote_over_cap: 400,
  vote_unknown_item: 400,
  vote_proxy_forbidden: 403,
  vote_no_department: 409,
  score_incomplete: 400,
  already_decided: 409,
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
