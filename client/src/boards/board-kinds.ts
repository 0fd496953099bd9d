/**
 * The client side of each board kind: what the generic session needs (undo scope, what
 * counts as content), the view component the board host renders, and a label for an item
 * (for "X is editing …"). Adding a kind to `BOARD_KINDS` makes this record incomplete until
 * the kind's client module is added here.
 */
import { defineAsyncComponent, type Component } from 'vue';
import type * as Y from 'yjs';
import type { BoardKind } from '@shared/domain';
import { withLaterMessages } from '@client/i18n';
import type { BoardSessionKind } from './useBoardSession';
import SwotBoardView from './swot/SwotBoardView.vue';
import { swotItemLabel, swotSessionKind } from './swot/useSwotBoard';
import { priorityItemLabel, prioritySessionKind } from './priority/usePriorityList';
import { proposalItemLabel, proposalsSessionKind } from './proposals/useProposals';
import { indicatorItemLabel, indicatorsSessionKind } from './indicators/indicators-kind';

export interface ClientBoardKind {
  session: BoardSessionKind;
  /** Takes `BoardViewProps`. A kind participants rarely open first may be an async component. */
  view: Component;
  /** Text of one item, or null when there is no such item. */
  itemLabel(doc: Y.Doc, itemId: string): string | null;
}

export const CLIENT_BOARD_KINDS: Record<BoardKind, ClientBoardKind> = {
  // The SWOT board is what a participant opens first: bundled with the page, not lazy.
  swot: { session: swotSessionKind, view: SwotBoardView, itemLabel: swotItemLabel },
  // Lists and proposals come later in the day: their views load when first opened.
  priority: {
    session: prioritySessionKind,
    view: defineAsyncComponent(withLaterMessages(() => import('./priority/PriorityListView.vue'))),
    itemLabel: priorityItemLabel,
  },
  proposals: {
    session: proposalsSessionKind,
    view: defineAsyncComponent(withLaterMessages(() => import('./proposals/ProposalsView.vue'))),
    itemLabel: proposalItemLabel,
  },
  // The table, its forecasts, chart and spreadsheet import are loaded when first opened.
  indicators: {
    session: indicatorsSessionKind,
    view: defineAsyncComponent(
      withLaterMessages(() => import('./indicators/IndicatorsBoardView.vue')),
    ),
    itemLabel: indicatorItemLabel,
  },
};
