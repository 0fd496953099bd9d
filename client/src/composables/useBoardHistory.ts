/**
 * The history view of one board: its stored edits (the timeline), the board replayed at the
 * slider's moment, the record's marks on the timeline, and "what changed" between two marks.
 * Every replay is asked of the server (`…/view?at=`), which answers from its checkpointed
 * index; a slider move cancels the request it replaces, so the view never shows a stale moment.
 */
import {
  computed,
  onScopeDispose,
  ref,
  shallowRef,
  toValue,
  watch,
  type MaybeRefOrGetter,
} from 'vue';
import type { BoardAtView, HistoryEntry, RecordMark } from '@shared/schemas/record';
import { fetchHistory, fetchViewAt } from '@client/api/record';
import { diffBoards, type BoardDiff } from '@client/lib/board-diff';

export interface UseBoardHistoryOptions {
  meetingId: MaybeRefOrGetter<string>;
  boardId: MaybeRefOrGetter<string | null>;
  token: MaybeRefOrGetter<string | null>;
  /** The record's marks (all boards); those of this board and the meeting's are shown. */
  marks: MaybeRefOrGetter<readonly RecordMark[]>;
}

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export function useBoardHistory(options: UseBoardHistoryOptions) {
  const entries = shallowRef<HistoryEntry[]>([]);
  const status = ref<LoadStatus>('idle');
  const error = shallowRef<unknown>(null);
  /** Slider position: how many edits are applied (0 … entries.length). */
  const position = ref(0);
  const view = shallowRef<BoardAtView | null>(null);
  const viewStatus = ref<LoadStatus>('idle');
  const viewError = shallowRef<unknown>(null);
  let inFlight: AbortController | null = null;

  const moment = computed(() => {
    const n = position.value;
    if (n <= 0) return Math.max(0, (entries.value[0]?.at ?? 1) - 1);
    return entries.value[Math.min(n, entries.value.length) - 1]?.at ?? 0;
  });

  const marks = computed(() => {
    const boardId = toValue(options.boardId);
    return toValue(options.marks).filter((m) => m.boardId === null || m.boardId === boardId);
  });

  /** Slider position of each mark: the edits stored at or before it. */
  const markPositions = computed(() =>
    marks.value.map((m) => ({
      mark: m,
      position: entries.value.filter((e) => e.at <= m.at).length,
    })),
  );

  async function load(): Promise<void> {
    const boardId = toValue(options.boardId);
    const token = toValue(options.token);
    if (boardId === null || token === null) return;
    status.value = 'loading';
    error.value = null;
    try {
      entries.value = await fetchHistory(toValue(options.meetingId), boardId, token);
      position.value = entries.value.length;
      status.value = 'ready';
      await showView();
    } catch (err) {
      error.value = err;
      status.value = 'error';
    }
  }

  async function showView(): Promise<void> {
    const boardId = toValue(options.boardId);
    const token = toValue(options.token);
    if (boardId === null || token === null) return;
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    viewStatus.value = 'loading';
    try {
      const v = await fetchViewAt(
        toValue(options.meetingId),
        boardId,
        token,
        moment.value,
        controller.signal,
      );
      if (inFlight !== controller) return;
      view.value = v;
      viewStatus.value = 'ready';
      viewError.value = null;
    } catch (err) {
      if (controller.signal.aborted) return;
      viewError.value = err;
      viewStatus.value = 'error';
    }
  }

  watch(position, () => void showView());
  watch(
    () => [toValue(options.boardId), toValue(options.token)] as const,
    () => void load(),
    { immediate: true },
  );
  onScopeDispose(() => inFlight?.abort());

  /** "What changed during this step": between two slider positions. */
  const stepFrom = ref<number>(0);
  const stepTo = ref<number | null>(null);
  const stepDiff = shallowRef<BoardDiff | null>(null);
  const stepStatus = ref<LoadStatus>('idle');
  async function compareStep(): Promise<void> {
    const boardId = toValue(options.boardId);
    const token = toValue(options.token);
    if (boardId === null || token === null) return;
    const at = (n: number) => (n <= 0 ? 0 : (entries.value[n - 1]?.at ?? 0));
    const to = stepTo.value ?? entries.value.length;
    stepStatus.value = 'loading';
    try {
      const meetingId = toValue(options.meetingId);
      const [a, b] = await Promise.all([
        fetchViewAt(meetingId, boardId, token, at(stepFrom.value)),
        fetchViewAt(meetingId, boardId, token, at(to)),
      ]);
      stepDiff.value = diffBoards(a.cards, b.cards);
      stepStatus.value = 'ready';
    } catch {
      stepStatus.value = 'error';
    }
  }

  return {
    entries,
    status,
    error,
    position,
    moment,
    view,
    viewStatus,
    viewError,
    marks,
    markPositions,
    reload: load,
    stepFrom,
    stepTo,
    stepDiff,
    stepStatus,
    compareStep,
  };
}

export type BoardHistoryState = ReturnType<typeof useBoardHistory>;
