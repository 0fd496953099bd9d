/**
 * What people do on an open board, on top of the document operations of useSwotBoard: adding a
 * card and putting the caret in it, deleting with an undo offer, moving with the keyboard
 * (Alt+arrows) or by dragging, and reporting which card is being edited. Provided to the
 * board's components through `provideBoardContext` so they stay render-and-emit thin.
 */
import {
  computed,
  inject,
  onScopeDispose,
  provide,
  ref,
  shallowRef,
  toValue,
  watch,
  type ComputedRef,
  type InjectionKey,
  type MaybeRefOrGetter,
  type Ref,
  type ShallowRef,
} from 'vue';
import { useI18n } from 'vue-i18n';
import { SWOT_QUADRANTS, type Quadrant } from '@shared/doc/swot-board';
import type { BoardLimitsInfo } from '@shared/schemas/http';
import type { PresenceEntry } from '@shared/schemas/socket';
import { boardFull } from '@client/lib/board-limits';
import { editorsByCard } from '@client/lib/presence';
import type { SwotBoard } from '@client/boards/swot/useSwotBoard';
import { useCardDrag, type CardDrag, type DropTarget } from './useCardDrag';

/** Keys that move a focused card when pressed with Alt. */
export type MoveKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

export function isMoveKey(key: string): key is MoveKey {
  return key === 'ArrowUp' || key === 'ArrowDown' || key === 'ArrowLeft' || key === 'ArrowRight';
}

/** A card that should take focus once it is rendered, with the caret where to put it. */
export interface FocusRequest {
  cardId: string;
  caret: number | null;
}

export interface BoardContext {
  board: SwotBoard;
  readonly: ComputedRef<boolean>;
  /** The limits the server enforces on this board (from the meeting answer). */
  limits: ComputedRef<BoardLimitsInfo>;
  /** The board has as many live cards as the server allows: adding is off. */
  full: ComputedRef<boolean>;
  /** Other people editing each card of this board. */
  editors: ComputedRef<Map<string, PresenceEntry[]>>;
  focusRequest: ShallowRef<FocusRequest | null>;
  /** Takes the focus request if it is for `cardId`. */
  takeFocusRequest: (cardId: string) => FocusRequest | null;
  /** The card this person is editing now (for presence). */
  editingCardId: Ref<string | null>;
  setEditing: (cardId: string | null) => void;
  addCard: (quadrant: Quadrant) => void;
  deleteCard: (cardId: string) => void;
  moveByKeyboard: (cardId: string, key: MoveKey, caret: number | null) => void;
  /** Moves a card to the end of another quadrant (a phone's "move to" menu: no drag there). */
  moveToQuadrant: (cardId: string, quadrant: Quadrant) => void;
  drag: CardDrag;
  /** Text for the screen-reader live region. */
  announcement: Ref<string>;
  /** The last deleted card, offered for undo. */
  deleted: Ref<string | null>;
  undoDelete: () => void;
  dismissDeleted: () => void;
}

export interface UseBoardInteractionsOptions {
  board: SwotBoard;
  boardId: MaybeRefOrGetter<string | null>;
  readonly: MaybeRefOrGetter<boolean>;
  limits: MaybeRefOrGetter<BoardLimitsInfo>;
  presence: MaybeRefOrGetter<readonly PresenceEntry[]>;
  selfParticipantId: MaybeRefOrGetter<string | null>;
  /** The board element, for drag hit-testing. */
  root: Ref<HTMLElement | null>;
}

const BOARD_CONTEXT: InjectionKey<BoardContext> = Symbol('board-context');

export function useBoardInteractions(options: UseBoardInteractionsOptions): BoardContext {
  const { t } = useI18n();
  const { board } = options;
  const readonly = computed(() => toValue(options.readonly));
  const limits = computed(() => toValue(options.limits));
  const full = computed(() =>
    boardFull(
      SWOT_QUADRANTS.reduce((n, q) => n + board.view.value[q].length, 0),
      limits.value,
    ),
  );
  const focusRequest = shallowRef<FocusRequest | null>(null);
  const editingCardId = ref<string | null>(null);
  const announcement = ref('');
  const deleted = ref<string | null>(null);
  let deletedTimer: ReturnType<typeof setTimeout> | null = null;

  const editors = computed(() =>
    editorsByCard(
      toValue(options.presence),
      toValue(options.boardId),
      toValue(options.selfParticipantId),
    ),
  );

  function announce(message: string): void {
    // Clearing first makes screen readers repeat an identical message.
    announcement.value = '';
    window.setTimeout(() => {
      announcement.value = message;
    }, 50);
  }

  function requestFocus(cardId: string, caret: number | null): void {
    focusRequest.value = { cardId, caret };
  }

  function takeFocusRequest(cardId: string): FocusRequest | null {
    const request = focusRequest.value;
    if (request?.cardId !== cardId) return null;
    focusRequest.value = null;
    return request;
  }

  function setEditing(cardId: string | null): void {
    // Reading a card is not editing it: observers and locked boards report nothing.
    editingCardId.value = readonly.value ? null : cardId;
  }

  function addCard(quadrant: Quadrant): void {
    if (readonly.value) return;
    if (full.value) {
      announce(t('board.full', { max: limits.value.cardsPerBoardMax }));
      return;
    }
    const id = board.addCard(quadrant);
    if (id) requestFocus(id, 0);
  }

  function dismissDeleted(): void {
    if (deletedTimer !== null) clearTimeout(deletedTimer);
    deletedTimer = null;
    deleted.value = null;
  }

  function deleteCard(cardId: string): void {
    if (readonly.value) return;
    board.deleteCard(cardId);
    if (editingCardId.value === cardId) editingCardId.value = null;
    dismissDeleted();
    deleted.value = cardId;
    announce(t('board.deleted'));
    deletedTimer = setTimeout(dismissDeleted, 8000);
  }

  function undoDelete(): void {
    const cardId = deleted.value;
    dismissDeleted();
    board.undo();
    if (cardId) requestFocus(cardId, null);
  }

  function moveTo(cardId: string, target: DropTarget, caret: number | null): void {
    board.moveCard(cardId, target.quadrant, target.index);
    requestFocus(cardId, caret);
    announce(
      t('board.moved', {
        quadrant: t(`quadrants.${target.quadrant}`),
        position: target.index + 1,
      }),
    );
  }

  function moveByKeyboard(cardId: string, key: MoveKey, caret: number | null): void {
    if (readonly.value) return;
    const card = board.cardsById.value.get(cardId);
    if (!card) return;
    const list = board.view.value[card.quadrant];
    const index = list.findIndex((c) => c.id === cardId);
    const q = SWOT_QUADRANTS.indexOf(card.quadrant);
    let target: DropTarget | null = null;
    if (key === 'ArrowUp' && index > 0) target = { quadrant: card.quadrant, index: index - 1 };
    if (key === 'ArrowDown' && index < list.length - 1) {
      target = { quadrant: card.quadrant, index: index + 1 };
    }
    const sideways =
      key === 'ArrowLeft'
        ? SWOT_QUADRANTS[q - 1]
        : key === 'ArrowRight'
          ? SWOT_QUADRANTS[q + 1]
          : undefined;
    if (sideways) {
      target = { quadrant: sideways, index: Math.min(index, board.view.value[sideways].length) };
    }
    if (target) moveTo(cardId, target, caret);
  }

  function moveToQuadrant(cardId: string, quadrant: Quadrant): void {
    if (readonly.value) return;
    const card = board.cardsById.value.get(cardId);
    if (!card || card.quadrant === quadrant) return;
    moveTo(cardId, { quadrant, index: board.view.value[quadrant].length }, null);
  }

  const drag = useCardDrag({
    root: options.root,
    onDrop: (cardId, target) => {
      if (readonly.value) return;
      const card = board.cardsById.value.get(cardId);
      if (!card) return;
      const current = board.view.value[card.quadrant].findIndex((c) => c.id === cardId);
      if (card.quadrant === target.quadrant && current === target.index) return;
      moveTo(cardId, target, null);
    },
  });

  // A card removed from the page while focused fires no blur: start clean on each board.
  watch(
    () => toValue(options.boardId),
    () => {
      editingCardId.value = null;
      focusRequest.value = null;
      dismissDeleted();
    },
  );

  onScopeDispose(dismissDeleted);

  const context: BoardContext = {
    board,
    readonly,
    limits,
    full,
    editors,
    focusRequest,
    takeFocusRequest,
    editingCardId,
    setEditing,
    addCard,
    deleteCard,
    moveByKeyboard,
    moveToQuadrant,
    drag,
    announcement,
    deleted,
    undoDelete,
    dismissDeleted,
  };
  provide(BOARD_CONTEXT, context);
  return context;
}

/** The board context provided by an ancestor's useBoardInteractions. */
export function useBoardContext(): BoardContext {
  const context = inject(BOARD_CONTEXT, null);
  if (!context) throw new Error('useBoardContext() needs useBoardInteractions() in an ancestor');
  return context;
}
