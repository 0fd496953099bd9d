/**
 * Checks the server's answers against the shared schemas without making anyone wait for zod.
 * The participant's path uses an answer at once, typed by the shared TypeScript types, and
 * the zod schemas (~30 KB gzipped, in a worker: contract-worker.ts) check it later, off the
 * page's main thread (on a page without workers, as a lazy chunk on it): at the first pause in
 * the typing a few seconds after the first board is ready (`releaseChecksSoon`, called by the
 * board session) or, on a page that never opens a board, a while after the first answer, and
 * then in the page's idle periods. Until then answers wait in a short queue,
 * so the schemas never compete with the scripts and data the participant is waiting for on
 * the hall's slow link. A mismatch (an old cached page talking to a newer server, say) is not
 * ignored: it is logged and `mismatch` is set, and App.vue asks the person to reload the page.
 *
 * None of the shared schemas the client reads has a transform or a default that the data
 * relies on (a join code's normalisation is a plain function in shared/join-code.ts), so the
 * answer as sent is the answer as parsed, less unknown keys, which the client never reads.
 */
import { shallowRef } from 'vue';
import type { z } from 'zod';
import type { answerSchemas } from './answer-schemas';
import type { AnswerSchema } from './client';
import { checkAnswer, type AnswerName, type CheckReply, type CheckResult } from './contract-check';
import { IdleQueue } from '../lib/idle-queue';
import { atQuietMoment } from '../lib/quiet-moment';

export type { AnswerName } from './contract-check';
/** The data a schema describes. */
export type Answer<N extends AnswerName> = z.infer<(typeof answerSchemas)[N]>;

/** The first answer that did not match its schema, with zod's account of why. */
export interface ContractMismatch {
  name: AnswerName;
  detail: string;
}

/** Set once an answer did not match: the page is out of date for this server. */
export const mismatch = shallowRef<ContractMismatch | null>(null);

let schemas: Promise<typeof answerSchemas | null> | null = null;

/** Answers received before the checks were released, checked when they are. */
const pending: { name: AnswerName; data: unknown; done: (ok: boolean) => void }[] = [];
/** Enough for the join and the first snapshots; any more before the release go unchecked. */
const PENDING_MAX = 50;
/** A page that opens no board (the join form left open) still checks, this long after. */
const RELEASE_FALLBACK_MS = 60_000;
/**
 * After the board is ready: its first edits and the presence that follows go first on a link
 * with seconds of latency; the schemas are not urgent.
 */
const AFTER_BOARD_MS = 5_000;
/**
 * And then at a pause in the typing: the worker's start (zod's evaluation) takes a one-core
 * phone's only core for about 80 ms at 4× CPU slowdown, which drops frames under the keys
 * typed meanwhile. A board typed into without a pause is checked after a minute anyway.
 */
const QUIET_MS = 2_000;
const LATEST_AFTER_BOARD_MS = 60_000;
let released = false;
let fallback: ReturnType<typeof setTimeout> | null = null;
/** Cancels the wait for a pause, once the board is ready. */
let soon: (() => void) | null = null;

/**
 * The checks run in the page's idle periods, one step at a time: starting the worker, then
 * each answer's copy into it. Together they were one task of 10 ms or more at 4× CPU
 * slowdown, five seconds after the board opened, when the participant is often typing.
 */
const idle = new IdleQueue();

/** The checking worker; null where the page has none, undefined until first needed. */
let worker: Worker | null | undefined;
let nextId = 0;
const replies = new Map<number, (result: CheckResult) => void>();

function checker(): Worker | null {
  if (worker !== undefined) return worker;
  if (typeof Worker === 'undefined') return (worker = null);
  let started: Worker;
  try {
    started = new Worker(new URL('./contract-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    // a page that may not start workers checks on its own thread
    return (worker = null);
  }
  started.onmessage = (event: MessageEvent<CheckReply>) => {
    replies.get(event.data.id)?.(event.data.result);
    replies.delete(event.data.id);
  };
  // A worker that cannot load (offline on a first visit before the service worker has it)
  // leaves nothing to check against: what waits counts as matching, the next answer tries again.
  started.onerror = () => {
    started.terminate();
    worker = undefined;
    for (const answer of replies.values()) answer({ ok: true });
    replies.clear();
  };
  return (worker = started);
}

function checkInWorker(checking: Worker, name: AnswerName, data: unknown): Promise<CheckResult> {
  return new Promise((resolve) => {
    const id = nextId++;
    replies.set(id, resolve);
    try {
      checking.postMessage({ id, name, data });
    } catch {
      // not cloneable: nothing to check
      replies.delete(id);
      resolve({ ok: true });
    }
  });
}

async function checkOnPage(name: AnswerName, data: unknown): Promise<CheckResult> {
  const loaded = await loadSchemas();
  return loaded ? checkAnswer(loaded, name, data) : { ok: true };
}

function loadSchemas(): Promise<typeof answerSchemas | null> {
  // A chunk that cannot load (offline on a first visit before the service worker has it)
  // leaves nothing to check against; the next answer tries again.
  schemas ??= import('./answer-schemas').then(
    (module) => module.answerSchemas,
    () => {
      schemas = null;
      return null;
    },
  );
  return schemas;
}

/**
 * Starts the checks: the answers queued so far, then every answer as it comes. The board
 * session calls it once its board is ready to type into; calling it again does nothing.
 */
export function releaseChecks(): void {
  if (released) return;
  released = true;
  if (fallback !== null) clearTimeout(fallback);
  soon?.();
  idle.push(() => void checker());
  for (const { name, data, done } of pending.splice(0)) checkWhenIdle(name, data, done);
}

function checkWhenIdle(name: AnswerName, data: unknown, done: (ok: boolean) => void): void {
  idle.push(() => void check(name, data).then(done));
}

/** The board is ready to type into: the checks start a little later, at a pause. */
export function releaseChecksSoon(): void {
  if (released || soon !== null) return;
  soon = atQuietMoment(releaseChecks, {
    afterMs: AFTER_BOARD_MS,
    quietMs: QUIET_MS,
    latestMs: LATEST_AFTER_BOARD_MS,
  });
}

/**
 * Checks `data` against the schema `name`, once the checks are released and the schemas have
 * loaded. Resolves to whether it matched (true when nothing could be checked).
 */
export function checkInBackground(name: AnswerName, data: unknown): Promise<boolean> {
  if (released) return new Promise((done) => checkWhenIdle(name, data, done));
  fallback ??= setTimeout(releaseChecks, RELEASE_FALLBACK_MS);
  if (pending.length >= PENDING_MAX) return Promise.resolve(true);
  return new Promise((done) => pending.push({ name, data, done }));
}

async function check(name: AnswerName, data: unknown): Promise<boolean> {
  const checking = checker();
  const result = checking
    ? await checkInWorker(checking, name, data)
    : await checkOnPage(name, data);
  if (result.ok) return true;
  console.error(`the server's ${name} does not match this page's schema`, result.detail);
  mismatch.value ??= { name, detail: result.detail };
  return false;
}

/** A schema for `request` that takes the answer as it is and checks it in the background. */
export function checkedLater<N extends AnswerName>(name: N): AnswerSchema<Answer<N>> {
  return {
    safeParse(json) {
      void checkInBackground(name, json);
      return { success: true, data: json as Answer<N> };
    },
  };
}
