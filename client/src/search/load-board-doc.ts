/**
 * Reads one board's document once, for the search index: a short-lived y-websocket
 * connection that syncs, hands the document to `read`, and closes. Nothing is written and
 * nothing is kept in IndexedDB (the open board keeps its own live copy).
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { YJS_PATH_PREFIX, YJS_TOKEN_PARAM } from '@shared/constants';
import { websocketBase } from '@client/lib/links';

/** How long one board may take to sync before search gives up on it (a weak hall network). */
export const BOARD_READ_TIMEOUT_MS = 15_000;

export function readBoardOnce<T>(
  boardId: string,
  token: string,
  read: (doc: Y.Doc) => T,
  timeoutMs: number = BOARD_READ_TIMEOUT_MS,
): Promise<T> {
  const doc = new Y.Doc();
  const base = websocketBase(window.location.protocol, window.location.host);
  const provider = new WebsocketProvider(
    `${base}${YJS_PATH_PREFIX.replace(/\/$/, '')}`,
    boardId,
    doc,
    {
      params: { [YJS_TOKEN_PARAM]: token },
      disableBc: true,
    },
  );
  return new Promise<T>((resolve, reject) => {
    const done = (fn: () => void): void => {
      clearTimeout(timer);
      provider.off('sync', onSync);
      provider.destroy();
      fn();
      doc.destroy();
    };
    const onSync = (synced: boolean): void => {
      if (!synced) return;
      done(() => {
        try {
          resolve(read(doc));
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
    };
    // A give-up deadline, not a timing assumption: a board that never syncs is reported as
    // not searched instead of holding the results back.
    const timer = setTimeout(() => done(() => reject(new Error('board did not sync'))), timeoutMs);
    provider.on('sync', onSync);
  });
}
