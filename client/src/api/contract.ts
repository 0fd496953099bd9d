/**
 * Checks the server's answers against the shared schemas without making anyone wait for zod.
 * The participant's path uses an answer at once, typed by the shared TypeScript types, while
 * the zod schemas load as a lazy chunk and check it in the background. A mismatch (an old
 * cached page talking to a newer server, say) is not ignored: it is logged and `mismatch`
 * is set, and App.vue asks the person to reload the page.
 *
 * None of the shared schemas the client reads has a transform or a default that the data
 * relies on (a join code's normalisation is a plain function in shared/join-code.ts), so the
 * answer as sent is the answer as parsed, less unknown keys, which the client never reads.
 */
import { shallowRef } from 'vue';
import type { z } from 'zod';
import type { answerSchemas } from './answer-schemas';
import type { AnswerSchema } from './client';

/** The name of a schema the client checks in the background. */
export type AnswerName = keyof typeof answerSchemas;
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
 * Checks `data` against the schema `name` once the schemas have loaded. Resolves to whether
 * it matched (true when nothing could be checked), for tests and callers that care.
 */
export async function checkInBackground(name: AnswerName, data: unknown): Promise<boolean> {
  const loaded = await loadSchemas();
  if (!loaded) return true;
  const parsed = loaded[name].safeParse(data);
  if (parsed.success) return true;
  console.error(`the server's ${name} does not match this page's schema`, parsed.error.message);
  mismatch.value ??= { name, detail: parsed.error.message };
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
