/**
 * One check of a server's answer against its shared schema: what contract.ts runs in its
 * worker (contract-worker.ts), or on the page where there is no worker.
 */
import type { answerSchemas } from './answer-schemas';

export type AnswerName = keyof typeof answerSchemas;

/** Whether the answer matched, and zod's account of why not. */
export type CheckResult = { ok: true } | { ok: false; detail: string };

/** A check the page asks of the worker. */
export interface CheckRequest {
  id: number;
  name: AnswerName;
  data: unknown;
}

/** The worker's reply to the request of the same id. */
export interface CheckReply {
  id: number;
  result: CheckResult;
}

export function checkAnswer(
  schemas: typeof answerSchemas,
  name: AnswerName,
  data: unknown,
): CheckResult {
  const parsed = schemas[name].safeParse(data);
  return parsed.success ? { ok: true } : { ok: false, detail: parsed.error.message };
}
