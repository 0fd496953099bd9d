/**
 * Search across the meeting: builds the index from every board's document when the search
 * opens (a few boards at a time), then matches as the person types. Boards that could not
 * be read are counted, so the panel can say the results are incomplete.
 */
import { computed, ref, shallowRef, toValue, type MaybeRefOrGetter } from 'vue';
import type { BoardInfo } from '@shared/schemas/http';
import { entriesOfBoard, searchMeeting, type SearchEntry } from './meeting-index';
import { readBoardOnce } from './load-board-doc';

/** Boards read at the same time: a cheap phone on hall Wi-Fi should not open twenty sockets. */
const PARALLEL_READS = 3;

export interface MeetingSearchOptions {
  boards: MaybeRefOrGetter<readonly BoardInfo[]>;
  token: MaybeRefOrGetter<string | null>;
  /** Reads a board (tests pass their own); the y-websocket reader by default. */
  readBoard?: (board: BoardInfo, token: string) => Promise<SearchEntry[]>;
}

export type SearchStatus = 'idle' | 'loading' | 'ready' | 'error';

export function useMeetingSearch(options: MeetingSearchOptions) {
  const readBoard =
    options.readBoard ??
    ((board: BoardInfo, token: string) =>
      readBoardOnce(board.id, token, (doc) => entriesOfBoard(board, doc)));
  const query = ref('');
  const status = ref<SearchStatus>('idle');
  const entries = shallowRef<SearchEntry[]>([]);
  const failedBoards = ref(0);
  let generation = 0;

  /** (Re)builds the index from the boards as they are now. */
  async function load(): Promise<void> {
    const token = toValue(options.token);
    if (!token) {
      status.value = 'error';
      return;
    }
    const run = ++generation;
    status.value = 'loading';
    const boards = [...toValue(options.boards)];
    const byBoard = new Map<string, SearchEntry[]>();
    let failed = 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < boards.length) {
        const board = boards[next++]!;
        try {
          byBoard.set(board.id, await readBoard(board, token));
        } catch {
          failed++;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, boards.length) }, worker));
    if (run !== generation) return;
    // In the meeting's board order, so equal matches keep that order.
    entries.value = boards.flatMap((b) => byBoard.get(b.id) ?? []);
    failedBoards.value = failed;
    status.value = failed === boards.length && boards.length > 0 ? 'error' : 'ready';
  }

  const hits = computed(() => searchMeeting(query.value, entries.value));

  return { query, status, entries, failedBoards, hits, load };
}
