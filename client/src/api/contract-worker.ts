/**
 * The worker that checks the server's answers against the shared schemas (contract.ts).
 * zod and the schemas evaluate here, off the page's main thread: on the page they were one
 * task of ~90 ms at 4× CPU slowdown a few seconds after the board opened, a dropped frame
 * under the fingers of someone typing on an old laptop.
 */
import { answerSchemas } from './answer-schemas';
import { checkAnswer, type CheckReply, type CheckRequest } from './contract-check';

/** The dedicated worker's global scope (the project's types are the page's DOM). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CheckRequest>) => void) | null;
  postMessage(reply: CheckReply): void;
};

scope.onmessage = (event) => {
  const { id, name, data } = event.data;
  scope.postMessage({ id, result: checkAnswer(answerSchemas, name, data) });
};
