/**
 * What the board host gives every kind's view component. A view builds its kind's view
 * composable on the session and renders; the host, the toolbar and the connection indicator
 * only ever see the kind-agnostic session.
 */
import type { CardAuthor } from '@shared/doc/swot-board';
import type { PresenceEntry } from '@shared/schemas/socket';
import type { BoardSession } from './useBoardSession';

export interface BoardViewProps {
  session: BoardSession;
  boardId: string;
  /** Mutations are refused (observer, locked board). */
  readonly: boolean;
  /** Who this person is, written on new items for display while offline. */
  author: CardAuthor | null;
  presence: readonly PresenceEntry[];
  selfParticipantId: string | null;
}
