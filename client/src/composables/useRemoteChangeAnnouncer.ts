/**
 * Turns changes that others make to the open board into polite, rate-limited announcements
 * (lib/announcements.ts). Kind-agnostic: it watches the kind's entries root from the
 * registry (shared/doc/kinds.ts) and counts entries added, edited and deleted in each remote
 * transaction. The person's own edits and the first load of the board are never announced.
 */
import { onScopeDispose, ref, watch, type Ref, type ShallowRef } from 'vue';
import type * as Y from 'yjs';
import type { BoardKind } from '@shared/domain';
import { BOARD_KIND_SCHEMAS } from '@shared/doc/kinds';
import {
  ANNOUNCE_INTERVAL_MS,
  ANNOUNCE_SETTLE_MS,
  RateLimitedAnnouncer,
  type ChangeNote,
  type ChangeSummary,
} from '@client/lib/announcements';

export interface RemoteChangeAnnouncerOptions {
  doc: ShallowRef<Y.Doc | null>;
  synced: Ref<boolean>;
  kind: () => BoardKind | null;
  /** The sentence for a summary, in the interface's language. */
  say: (summary: ChangeSummary) => string;
}

/** The changes to entries that one batch of Yjs events describes. */
export function notesOfEvents(
  events: readonly Y.YEvent<Y.AbstractType<unknown>>[],
  root: Y.Map<unknown>,
): ChangeNote[] {
  const byEntry = new Map<string, ChangeNote>();
  for (const event of events) {
    if (event.target === root) {
      for (const [id, change] of event.changes.keys) {
        if (change.action !== 'add') continue;
        const entry = root.get(id) as Y.Map<unknown> | undefined;
        const who = entry?.get('authorName');
        byEntry.set(id, { change: 'added', who: typeof who === 'string' && who ? who : null });
      }
      continue;
    }
    const id = event.path[0];
    if (typeof id !== 'string' || byEntry.has(id)) continue;
    const deleted =
      event.path.length === 1 &&
      event.changes.keys.has('deleted') &&
      (root.get(id) as Y.Map<unknown> | undefined)?.get('deleted') === true;
    byEntry.set(id, { change: deleted ? 'removed' : 'edited', who: null });
  }
  return [...byEntry.values()];
}

export function useRemoteChangeAnnouncer(options: RemoteChangeAnnouncerOptions) {
  /** The live region's text. */
  const message = ref('');
  const announcer = new RateLimitedAnnouncer({
    intervalMs: ANNOUNCE_INTERVAL_MS,
    settleMs: ANNOUNCE_SETTLE_MS,
    announce: (summary) => {
      // Cleared first, so the same sentence twice in a row is still read out.
      const text = options.say(summary);
      message.value = '';
      window.setTimeout(() => {
        message.value = text;
      }, 100);
    },
  });

  watch(
    [options.doc, options.kind],
    ([doc, kind], _old, onCleanup) => {
      announcer.dispose();
      if (!doc || !kind) return;
      const root = BOARD_KIND_SCHEMAS[kind].entries(doc) as Y.Map<unknown>;
      const onDeep = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction): void => {
        // Local edits are the person's own; before the first sync it is the board loading.
        if (tr.local || !options.synced.value) return;
        announcer.note(...notesOfEvents(events, root));
      };
      root.observeDeep(onDeep);
      onCleanup(() => root.unobserveDeep(onDeep));
    },
    { immediate: true },
  );
  onScopeDispose(() => announcer.dispose());

  return { message };
}
