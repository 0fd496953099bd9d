/**
 * Promotion of a SWOT card or a commune proposal into a priority list (`board:promote`):
 * the lists it can go to, and the request. The server writes the item and marks the source;
 * both reach every screen through the boards' documents.
 */
import { computed, ref } from 'vue';
import type { SocketError } from '@shared/schemas/socket';
import { useOptionalMeetingPageContext } from '@client/views/meeting/meeting-page-context';

export function usePromotion() {
  // Outside the workspace (a projector page, say) there is nothing to promote into.
  const page = useOptionalMeetingPageContext();
  const lists = computed(() => page?.store.boards.filter((b) => b.kind === 'priority') ?? []);
  const error = ref<SocketError | null>(null);
  const busy = ref(false);

  /** Promotes; resolves with the item id, or null (the error is in `error`). */
  async function promote(
    fromBoardId: string,
    sourceId: string,
    toBoardId: string,
  ): Promise<string | null> {
    if (!page) return null;
    busy.value = true;
    error.value = null;
    try {
      const ack = await page.socket.request('board:promote', { fromBoardId, sourceId, toBoardId });
      if (!ack.ok) {
        error.value = ack.error;
        return null;
      }
      return ack.itemId;
    } finally {
      busy.value = false;
    }
  }

  const titleOf = (boardId: string) =>
    page?.store.boards.find((b) => b.id === boardId)?.title ?? '';
  return {
    lists,
    error,
    busy,
    promote,
    titleOf,
    canPromote: computed(() => page?.store.canEdit ?? false),
    meetingId: computed(() => page?.store.meeting?.id ?? ''),
    activeBoardId: computed(() => page?.activeBoard.value?.id ?? null),
  };
}
