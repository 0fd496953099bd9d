/**
 * One board's Y.Doc, whatever its kind, kept in sync three ways: IndexedDB (so edits survive a
 * reload or an offline hour), the server over y-websocket, and a `revision` counter that the
 * kind's view composable reads to re-render. Also tracks what the server has durably stored
 * (the custom "saved" message), so the interface can say "saved" only when it is true, and
 * owns the undo manager that undoes this person's edits only.
 *
 * The session knows no board kind: the kind supplies its undo scope and what counts as
 * content (`BoardSessionKind`), and its view composable (e.g. useSwotBoard) reaches the
 * document through the typed accessors of shared/doc/<kind>.ts.
 */
import { BatchedIndexeddbPersistence } from './batched-indexeddb';
import type { WebsocketProvider } from 'y-websocket';
import { BatchedWebsocketProvider } from './batched-websocket';
import * as Y from 'yjs';
import { releaseChecksSoon } from '@client/api/contract';
import {
  onScopeDispose,
  ref,
  shallowRef,
  toValue,
  watch,
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
import { SaveTracker } from '@shared/protocol/saved';
import { websocketBase } from '@client/lib/links';
import { throttle } from '@client/lib/throttle';

/**
 * Origin of every edit made in this browser. The undo manager tracks only this origin, so
 * Ctrl+Z never undoes someone else's work.
 */
export const LOCAL_ORIGIN = Symbol('bantron-local-edit');

export type ProviderStatus = 'connecting' | 'connected' | 'disconnected';

/** A connection the server closed on purpose (4400–4499): y-websocket does not retry it. */
export interface ClosedInfo {
  code: number;
  reason: string;
}

/** What a board kind tells the generic session about its documents. */
export interface BoardSessionKind {
  /** The undo manager over the kind's root types, tracking `origin` only. */
  createUndoManager(doc: Y.Doc, origin: unknown): Y.UndoManager;
  /** The document holds a board (its header or any content), not just an empty cache. */
  hasContent(doc: Y.Doc): boolean;
}

export interface UseBoardSessionOptions {
  /**
   * The document to open: a board id, or `<boardId>/draft` for this person's private draft
   * of it. Nothing is opened while null; changing it closes the old document.
   */
  room: MaybeRefOrGetter<string | null>;
  /** The kind of the board; nothing is opened while null. */
  kind: MaybeRefOrGetter<BoardSessionKind | null>;
  /** Access token sent on the WebSocket. */
  token: MaybeRefOrGetter<string | null>;
  /** When true, every mutation is refused locally (observers, locked boards). */
  readonly?: MaybeRefOrGetter<boolean>;
  /** ws(s)://host of the server; the page's own host by default. */
  wsBase?: string;
  /**
   * Asked once when a document opens: the server's stored state of it that came with another
   * answer (the join's), as one Yjs update, or null. The board is then shown at once, before
   * its WebSocket has synced.
   */
  initialState?: (room: string) => Uint8Array | null;
}

export interface BoardSession {
  doc: ShallowRef<Y.Doc | null>;
  /**
   * Bumped on every change of the document: view composables read it in their computeds.
   * Local edits bump it at once (a card moved with the keyboard re-renders before it takes
   * the focus back); remote bursts are folded into one bump per microtask.
   */
  revision: Ref<number>;
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
  /** The item (card, list item, cell) this person is editing now, for presence. */
  editingItemId: Readonly<Ref<string | null>>;
  /** The kind's view reports which item this person is editing (null: none). */
  reportEditing: (itemId: string | null) => void;
  /**
   * Runs one discrete change (add, move, delete) as its own undo step, with the local
   * origin. Returns null without running it when the board is read-only or not open.
   */
  change<T>(run: (doc: Y.Doc) => T): T | null;
  /**
   * Runs a typing change: consecutive changes with the same `key` (the same card's text)
   * merge into one undo step, as a text editor does.
   */
  type(key: string, run: (doc: Y.Doc) => void): void;
  undo: () => void;
  redo: () => void;
  /** Tries again after the server closed the connection. */
  reconnect: () => void;
}

/** Key of the confirmed state vector in the board's IndexedDB "custom" store. */
const CONFIRMED_KEY = 'confirmed-state-vector';

/**
 * How often the unsaved count may change while edits and confirmations stream in. The count
 * (0, 1, 0, … per keystroke) re-rendered the connection label twice per key; a trailing
 * count still lands on the exact figure. Even the first count runs in a task of its own:
 * inside the transaction it delayed the edit's own render (on an old device, about 8 % of the
 * task that puts a remote edit on screen).
 */
const UNSAVED_COUNT_MS = 200;

interface Open {
  doc: Y.Doc;
  provider: WebsocketProvider;
  undo: Y.UndoManager;
  destroy: () => void;
}

export function useBoardSession(options: UseBoardSessionOptions): BoardSession {
  const doc = shallowRef<Y.Doc | null>(null);
  const revision = ref(0);
  const status = ref<ProviderStatus>('disconnected');
  const synced = ref(false);
  const cacheRead = ref(false);
  const loaded = ref(false);
  const unsaved = ref(0);
  const closed = shallowRef<ClosedInfo | null>(null);
  const writeRefused = ref(false);
  const canUndo = ref(false);
  const canRedo = ref(false);
  const editingItemId = ref<string | null>(null);
  let session: Open | null = null;
  let lastTypedKey: string | null = null;

  const readonly = (): boolean => toValue(options.readonly) === true;

  function open(room: string, kind: BoardSessionKind, token: string): Open {
    const ydoc = new Y.Doc();
    const idb = new BatchedIndexeddbPersistence(`bantron-board-${room}`, ydoc);
    const base = options.wsBase ?? websocketBase(window.location.protocol, window.location.host);
    const provider = new BatchedWebsocketProvider(
      `${base}${YJS_PATH_PREFIX.replace(/\/$/, '')}`,
      room,
      ydoc,
      {
        params: { [YJS_TOKEN_PARAM]: token },
        // Another tab's unsaved edits would arrive with the provider as origin and be counted
        // as saved; tabs of one browser sync through the server instead.
        disableBc: true,
      },
    );
    const undo = kind.createUndoManager(ydoc, LOCAL_ORIGIN);
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
    const countUnsaved = throttle(
      () => {
        if (!disposed) unsaved.value = saved.pending();
      },
      UNSAVED_COUNT_MS,
      { deferLeading: true },
    );
    const saved = new SaveTracker(
      ydoc,
      (origin) => origin === provider,
      (confirmedChanged) => {
        countUnsaved.call();
        if (confirmedChanged) persistConfirmed();
      },
    );
    provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => saved.receive(decoder);
    // The server answers an update it did not apply (read-only connection, locked board).
    provider.messageHandlers[MESSAGE_SYNC_STATUS] = (_encoder, decoder) => {
      const applied = decoding.readVarUint(decoder) === 1;
      if (!applied && saved.pending() > 0) writeRefused.value = true;
    };
    // --- the state that came with the join answer ---------------------------------------
    // Applied as if the provider had received it, because it is what the server had stored:
    // the SaveTracker counts it as saved (not as this person's unsaved edits), the provider
    // does not send it back (it ignores its own origin), the undo manager does not track it,
    // and y-indexeddb keeps it like any update. The provider's socket is not open yet, so its
    // sync step 1 already names this state: the server answers with what changed since, and
    // whatever is typed meanwhile goes up in the sync exchange, as after an offline edit.
    // `synced` stays false until that sync: the indicator keeps saying "connecting".
    let primed = false;
    const initial = options.initialState?.(room) ?? null;
    if (initial !== null) {
      try {
        Y.applyUpdate(ydoc, initial, provider);
        primed = true;
      } catch {
        // an unreadable copy changes nothing: the board loads over the WebSocket
      }
    }

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

    // --- the revision the views follow ------------------------------------------------
    let bumpScheduled = false;
    const bump = (): void => {
      bumpScheduled = false;
      if (disposed) return;
      revision.value++;
      if (!loaded.value && (synced.value || primed || (cacheRead.value && kind.hasContent(ydoc)))) {
        loaded.value = true;
        // The participant can type now: the server's answers may be checked (api/contract.ts).
        releaseChecksSoon();
      }
    };
    const scheduleBump = (): void => {
      if (bumpScheduled) return;
      bumpScheduled = true;
      queueMicrotask(bump);
    };
    // The unsaved count follows every transaction through the SaveTracker above.
    ydoc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === LOCAL_ORIGIN || origin instanceof Y.UndoManager) bump();
      else scheduleBump();
    });
    // The join answer's state makes the board showable now, as a sync would.
    if (primed) scheduleBump();

    // --- connection -----------------------------------------------------------------
    provider.on('status', ({ status: next }) => {
      status.value = next;
    });
    provider.on('sync', (isSynced: boolean) => {
      if (isSynced) {
        synced.value = true;
        closed.value = null;
        scheduleBump();
      }
    });
    provider.on('closed', (info) => {
      closed.value = { code: info.code, reason: info.reason };
      status.value = 'disconnected';
    });
    void idb.whenSynced.then(() => {
      if (disposed) return;
      cacheRead.value = true;
      scheduleBump();
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
      countUnsaved.cancel();
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
    revision.value++;
    status.value = 'disconnected';
    synced.value = false;
    cacheRead.value = false;
    loaded.value = false;
    unsaved.value = 0;
    closed.value = null;
    writeRefused.value = false;
    canUndo.value = false;
    canRedo.value = false;
    editingItemId.value = null;
    lastTypedKey = null;
  }

  watch(
    [() => toValue(options.room), () => toValue(options.kind), () => toValue(options.token)],
    ([room, kind, token]) => {
      close();
      resetState();
      if (!room || !kind || !token) return;
      session = open(room, kind, token);
      status.value = 'connecting';
      doc.value = session.doc;
    },
    { immediate: true },
  );

  onScopeDispose(close);

  // --- mutations, all with the local origin -----------------------------------------
  function writable(): Open | null {
    return session && !readonly() ? session : null;
  }

  function change<T>(run: (doc: Y.Doc) => T): T | null {
    const s = writable();
    if (!s) return null;
    s.undo.stopCapturing();
    let result!: T;
    s.doc.transact(() => {
      result = run(s.doc);
    }, LOCAL_ORIGIN);
    s.undo.stopCapturing();
    lastTypedKey = null;
    return result;
  }

  function type(key: string, run: (doc: Y.Doc) => void): void {
    const s = writable();
    if (!s) return;
    if (lastTypedKey !== key) s.undo.stopCapturing();
    lastTypedKey = key;
    s.doc.transact(() => run(s.doc), LOCAL_ORIGIN);
  }

  function undo(): void {
    const s = writable();
    if (!s) return;
    lastTypedKey = null;
    s.undo.undo();
  }

  function redo(): void {
    const s = writable();
    if (!s) return;
    lastTypedKey = null;
    s.undo.redo();
  }

  function reconnect(): void {
    if (!session) return;
    closed.value = null;
    session.provider.connect();
  }

  return {
    doc,
    revision,
    status,
    synced,
    cacheRead,
    loaded,
    unsaved,
    closed,
    writeRefused,
    canUndo,
    canRedo,
    editingItemId,
    reportEditing: (itemId) => {
      editingItemId.value = itemId;
    },
    change,
    type,
    undo,
    redo,
    reconnect,
  };
}
