/**
 * The spotlighted card of the open board, provided by the board host to the card
 * components (provide/inject), so every view of a card can highlight itself.
 */
import { inject, provide, ref, type InjectionKey, type Ref } from 'vue';

const SPOTLIGHT: InjectionKey<Readonly<Ref<string | null>>> = Symbol('spotlight');

export function provideSpotlight(cardId: Readonly<Ref<string | null>>): void {
  provide(SPOTLIGHT, cardId);
}

/** The spotlighted card id (null: none, also outside a board host). */
export function useSpotlight(): Readonly<Ref<string | null>> {
  return inject(SPOTLIGHT, ref(null));
}
