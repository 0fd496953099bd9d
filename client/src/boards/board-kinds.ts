/**
 * The client side of each board kind: what the generic session needs (undo scope, what
 * counts as content), the view component the board host renders, and a label for an item
 * (for "X is editing …"). Adding a kind to `BOARD_KINDS` makes this record incomplete until
 * the kind's client module is added here.
 */
import { defineAsyncComponent, defineComponent, h, type Component } from 'vue';
import * as Y from 'yjs';
import type { BoardKind } from '@shared/domain';
import type { BoardSessionKind } from './useBoardSession';
import SwotBoardView from './swot/SwotBoardView.vue';
import { swotItemLabel, swotSessionKind } from './swot/useSwotBoard';
import { indicatorItemLabel, indicatorsSessionKind } from './indicators/indicators-kind';
import UnsupportedBoardView from './UnsupportedBoardView.vue';

export interface ClientBoardKind {
  session: BoardSessionKind;
  /** Takes `BoardViewProps`. A kind participants rarely open first may be an async component. */
  view: Component;
  /** Text of one item, or null when there is no such item. */
  itemLabel(doc: Y.Doc, itemId: string): string | null;
}

/** The session of a kind this build has no view for: it only needs to open the document. */
const unknownSessionKind: BoardSessionKind = {
  // Nothing is edited here; an undo manager over the header keeps the session's contract.
  createUndoManager: (doc, origin) =>
    new Y.UndoManager([doc.getMap('meta')], { trackedOrigins: new Set([origin]) }),
  hasContent: () => true,
};

/** The placeholder view for `kind`, with the kind's name passed through. */
function unsupported(kind: BoardKind): ClientBoardKind {
  return {
    session: unknownSessionKind,
    view: defineComponent({
      name: `Unsupported-${kind}`,
      inheritAttrs: false,
      setup: () => () => h(UnsupportedBoardView, { kind }),
    }),
    itemLabel: () => null,
  };
}

export const CLIENT_BOARD_KINDS: Record<BoardKind, ClientBoardKind> = {
  // The SWOT board is what a participant opens first: bundled with the page, not lazy.
  swot: { session: swotSessionKind, view: SwotBoardView, itemLabel: swotItemLabel },
  // The table, its forecasts, chart and spreadsheet import are loaded when first opened.
  indicators: {
    session: indicatorsSessionKind,
    view: defineAsyncComponent(() => import('./indicators/IndicatorsBoardView.vue')),
    itemLabel: indicatorItemLabel,
  },
  // Their views come with the issue-10 work; until then the board says it cannot be shown.
  priority: unsupported('priority'),
  proposals: unsupported('proposals'),
};
