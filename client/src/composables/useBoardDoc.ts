/**
 * One SWOT board's Y.Doc, kept in sync three ways: IndexedDB (so edits survive a reload or an
 * offline hour), the server over y-websocket, and a reactive view for rendering. Also tracks
 * what the server has durably stored (the custom "saved" message), so the interface can say
 * "saved" only when it is true, and owns the undo manager that undoes this person's edits only.
 *
 * The document is reached only through the typed accessors of shared/doc/swot-board.ts.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  computed,
  onScopeDispose,
  ref,
  shallowRef,
  toValue,
  watch,
  type ComputedRef,
  type MaybeRefOrGetter,
  type Ref,
  type ShallowRef,
} from 'vue';
import * as decoding from 'lib0/decoding';
import {
  MESSAGE_SAVED,
  MESSAGE_SYNC_STATUS,
  YJS_PATH_PREFIX,
  YJS_TOKEN_PARAM,
} from '@shared/constants';
import {
  addCard as addCardToDoc,
  boardView,
  cardText,
  cardsMap,
  createBoardUndoManager,
  deleteCard as deleteCardInDoc,
  editCardText,
  moveCard as moveCardInDoc,
  schemaVersionOf,
  type CardAuthor,
  type CardView,
  type Quadrant,
} from '@shared/doc/swot-board';
import { SaveTracker } from '@shared/protocol/saved';
import { websocketBase } from '@client/lib/links';

/**
 * Origin of every edit made in this browser. The undo manager tracks only this origin, so
 * Ctrl+Z never undoes someone else's work.
 */
export const LOCAL_ORIGIN = Symbol('bantron-local-edit');

export type BoardViewMap = Record<Quadrant, CardView[]>;
export type ProviderStatus = 'connecting' | 'connected' | 'disconnected';

/** A connection the server closed on purpose (4400–4499): y-websocket does not retry it. */
export interface ClosedInfo {
  code: number;
  reason: string;
}

export interface UseBoardDocOptions {
  /** Board to open; nothing is opened while null. Changing it closes the old board. */
  boardId: MaybeRefOrGetter<string | null>;
  /** Access token sent on the WebSocket. */
  token: MaybeRefOrGetter<string | null>;
  /** Written on new cards. */
  author: MaybeRefOrGetter<CardAuthor | null>;
  /** When true, every mutation is refused locally (observers, locked boards). */
  readonly?: MaybeRefOrGetter<boolean>;
  /** ws(s)://host of the server; the page's own host by default. */
  wsBase?: string;
}

export interface BoardDoc {
  doc: ShallowRef<Y.Doc | null>;
  /** Live cards per quadrant, in order. */
  view: ShallowRef<BoardViewMap>;
  cardsById: ComputedRef<Map<string, CardView>>;
  status: Ref<ProviderStatus>;
  /** Synced with the server at least once since the board was opened. */
  synced: Ref<boolean>;
  /** IndexedDB has been read. */
  cacheRead: Ref<boolean>;
  /** Content is available (from the cache or the server): the board can be shown. */
  loaded: Ref<boolean>;
  /** Local operations the server has not confirmed as stored. */
  unsaved: Ref<number>;
  closed: ShallowRef<ClosedInfo | null>;
  /** The server refused some of this person's changes (board locked, rights changed). */
  writeRefused: Ref<boolean>;
  canUndo: Ref<boolean>;
  canRedo: Ref<boolean>;
  addCard: (quadrant: Quadrant, index?: number) => string | null;
  editText: (cardId: string, value: string) => void;
  moveCard: (cardId: string, quadrant: Quadrant, index: number) => void;
  deleteCard: (cardId: string) => void;
  textOf: (cardId: string) => Y.Text | undefined;
  undo: () => void;
  redo: () => void;
  /** Tries again after the server closed the connection. */
  reconnect: () => void;
}

const EMPTY_VIEW: BoardViewMap = { strengths: [], weaknesses: [], opportunities: [], threats: [] };

/** Key of the confirmed state vector in the board's IndexedDB "custom" store. */
const CONFIRMED_KEY = 'confirmed-state-vector';

interface Session {
  doc: Y.Doc;
  provider: WebsocketProvider;
  undo: Y.UndoManager;
  destroy: () => void;
}

export function useBoardDoc(options: UseBoardDocOptions): BoardDoc {
  const doc = shallowRef<Y.Doc | null>(null);
  const view = shallowRef<BoardViewMap>(EMPTY_VIEW);
  const status = ref<ProviderStatus>('disconnected');
  const synced = ref(false);
  const cacheRead = ref(false);
  const loaded = ref(false);
  const unsaved = ref(0);
  const closed = shallowRef<ClosedInfo | null>(null);
  const writeRefused = ref(false);
  const canUndo = ref(false);
  const canRedo = ref(false);
  let session: Session | null = null;
  let lastEditedCard: string | null = null;

  const cardsById = computed(() => {
    const map = new Map<string, CardView>();
    for (const list of Object.values(view.value)) for (const card of list) map.set(card.id, card);
    return map;
  });

  const readonly = (): boolean => toValue(options.readonly) === true;

  function open(boardId: string, token: string): Session {
    const ydoc = new Y.Doc();
    const idb = new IndexeddbPersistence(`bantron-board-${boardId}`, ydoc);
    const base = options.wsBase ?? websocketBase(window.location.protocol, window.location.host);
    const provider = new WebsocketProvider(
      `${base}${YJS_PATH_PREFIX.replace(/\/$/, '')}`,
      boardId,
      ydoc,
      {
        params: { [YJS_TOKEN_PARAM]: token },
        // Another tab's unsaved edits would arrive with the provider as origin and be counted
        // as saved; tabs of one browser sync through the server instead.
        disableBc: true,
      },
    );
    const undo = createBoardUndoManager(ydoc, LOCAL_ORIGIN);
    let disposed = false;

    // --- what the server has stored -------------------------------------------------
    let persistTimer: ReturnType<typeof setTimeout> | null = null;
    const persistConfirmed = (): void => {
      if (persistTimer !== null) return;
      persistTimer = setTimeout(() => {
        persistTimer = null;
        if (disposed) return;
        void idb
          .set(CONFIRMED_KEY, new Uint8Array(Y.encodeStateVector(saved.confirmed)).buffer)
          .catch(() => {});
      }, 1000);
    };
    const saved = new SaveTracker(
      ydoc,
      (origin) => origin === provider,
      (confirmedChanged) => {
        unsaved.value = saved.pending();
        if (confirmedChanged) persistConfirmed();
      },
    );
    provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => saved.receive(decoder);
    // The server answers an update it did not apply (read-only connection, locked board).
    provider.messageHandlers[MESSAGE_SYNC_STATUS] = (_encoder, decoder) => {
      const applied = decoding.readVarUint(decoder) === 1;
      if (!applied && unsaved.value > 0) writeRefused.value = true;
    };
    void idb
      .get(CONFIRMED_KEY)
      .then((stored: unknown) => {
        if (disposed || !(stored instanceof ArrayBuffer)) return;
        try {
          saved.confirm(Y.decodeStateVector(new Uint8Array(stored)));
        } catch {
          // an unreadable cached vector only makes the count pessimistic
        }
      })
      .catch(() => {});

    // --- the reactive view ----------------------------------------------------------
    let viewScheduled = false;
    const refreshView = (): void => {
      viewScheduled = false;
      if (disposed) return;
      view.value = boardView(ydoc);
      if (!loaded.value && (synced.value || (cacheRead.value && hasContent(ydoc)))) {
        loaded.value = true;
      }
    };
    const scheduleView = (): void => {
      if (viewScheduled) return;
      viewScheduled = true;
      queueMicrotask(refreshView);
    };
    // The unsaved count follows every transaction through the SaveTracker above.
    ydoc.on('update', (_update: Uint8Array, origin: unknown) => {
      // Local edits render at once, in the same tick: a card moved with the keyboard is
      // re-rendered before it takes the focus back. Remote bursts are batched.
      if (origin === LOCAL_ORIGIN || origin instanceof Y.UndoManager) refreshView();
      else scheduleView();
    });

    // --- connection -----------------------------------------------------------------
    provider.on('status', ({ status: next }) => {
      status.value = next;
    });
    provider.on('sync', (isSynced: boolean) => {
      if (isSynced) {
        synced.value = true;
        closed.value = null;
        scheduleView();
      }
    });
    provider.on('closed', (info) => {
      closed.value = { code: info.code, reason: info.reason };
      status.value = 'disconnected';
    });
    void idb.whenSynced.then(() => {
      if (disposed) return;
      cacheRead.value = true;
      scheduleView();
    });

    // --- undo -----------------------------------------------------------------------
    const updateUndo = (): void => {
      canUndo.value = undo.canUndo();
      canRedo.value = undo.canRedo();
    };
    undo.on('stack-item-added', updateUndo);
    undo.on('stack-item-popped', updateUndo);
    undo.on('stack-cleared', updateUndo);

    const destroy = (): void => {
      disposed = true;
      if (persistTimer !== null) clearTimeout(persistTimer);
      void idb
        .set(CONFIRMED_KEY, new Uint8Array(Y.encodeStateVector(saved.confirmed)).buffer)
        .catch(() => {});
      saved.destroy();
      undo.destroy();
      provider.destroy();
      void idb.destroy();
      ydoc.destroy();
    };
    return { doc: ydoc, provider, undo, destroy };
  }

  function close(): void {
    if (!session) return;
    session.destroy();
    session = null;
    doc.value = null;
  }

  function resetState(): void {
    view.value = EMPTY_VIEW;
    status.value = 'disconnected';
    synced.value = false;
    cacheRead.value = false;
    loaded.value = false;
    unsaved.value = 0;
    closed.value = null;
    writeRefused.value = false;
    canUndo.value = false;
    canRedo.value = false;
    lastEditedCard = null;
  }

  watch(
    [() => toValue(options.boardId), () => toValue(options.token)],
    ([boardId, token]) => {
      close();
      resetState();
      if (!boardId || !token) return;
      session = open(boardId, token);
      status.value = 'connecting';
      doc.value = session.doc;
    },
    { immediate: true },
  );

  onScopeDispose(close);

  // --- mutations, all with the local origin -----------------------------------------
  function writable(): Session | null {
    return session && !readonly() ? session : null;
  }

  function addCard(quadrant: Quadrant, index?: number): string | null {
    const s = writable();
    const author = toValue(options.author);
    if (!s || !author) return null;
    s.undo.stopCapturing();
    const id = addCardToDoc(s.doc, { quadrant, author, index }, LOCAL_ORIGIN);
    s.undo.stopCapturing();
    lastEditedCard = id;
    return id;
  }

  function editText(cardId: string, value: string): void {
    const s = writable();
    if (!s) return;
    if (lastEditedCard !== cardId) s.undo.stopCapturing();
    lastEditedCard = cardId;
    editCardText(s.doc, cardId, value, LOCAL_ORIGIN);
  }

  function moveCard(cardId: string, quadrant: Quadrant, index: number): void {
    const s = writable();
    if (!s) return;
    s.undo.stopCapturing();
    moveCardInDoc(s.doc, cardId, quadrant, index, LOCAL_ORIGIN);
    s.undo.stopCapturing();
    lastEditedCard = null;
  }

  function deleteCard(cardId: string): void {
    const s = writable();
    if (!s) return;
    s.undo.stopCapturing();
    deleteCardInDoc(s.doc, cardId, LOCAL_ORIGIN);
    s.undo.stopCapturing();
    lastEditedCard = null;
  }

  function textOf(cardId: string): Y.Text | undefined {
    return session ? cardText(session.doc, cardId) : undefined;
  }

  function undo(): void {
    const s = writable();
    if (!s) return;
    lastEditedCard = null;
    s.undo.undo();
  }

  function redo(): void {
    const s = writable();
    if (!s) return;
    lastEditedCard = null;
    s.undo.redo();
  }

  function reconnect(): void {
    if (!session) return;
    closed.value = null;
    session.provider.connect();
  }

  return {
    doc,
    view,
    cardsById,
    status,
    synced,
    cacheRead,
    loaded,
    unsaved,
    closed,
    writeRefused,
    canUndo,
    canRedo,
    addCard,
    editText,
    moveCard,
    deleteCard,
    textOf,
    undo,
    redo,
    reconnect,
  };
}

/** The document holds a board (its header or any card), not just an empty cache. */
function hasContent(doc: Y.Doc): boolean {
  return schemaVersionOf(doc) > 0 || cardsMap(doc).size > 0;
}
