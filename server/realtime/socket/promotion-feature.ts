/**
 * Promotion of cards and proposals into priority lists (`board:promote`). It owns no slice:
 * the result reaches every screen through the boards' documents.
 */
import type { PromotionService } from '../../services/promotion-service';
import type { MeetingFeature } from './meeting-feature';

export function promotionFeature(promotion: PromotionService): MeetingFeature {
  return {
    register(on) {
      on('board:promote', (p, auth) => promotion.promote(auth, p));
    },
    snapshot: () => Promise.resolve({}),
  };
}
