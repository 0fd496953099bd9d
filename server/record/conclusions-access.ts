/**
 * Who may open and write a meeting's conclusions (`/yjs/<meetingId>/conclusions`): everyone
 * of the meeting reads them; the facilitators and the designated secretary write them.
 * The secretary is stored with the record settings; this keeps a cache of it per meeting,
 * refreshed by `record-settings-changed` (as the endpoint does for locks), so a change of
 * secretary takes effect on open connections at once.
 */
import { canFacilitate } from '@shared/domain';
import { meetingOfConclusionsRoom } from '@shared/doc/conclusions';
import { AppError } from '../services/errors';
import type { MeetingEvents } from '../services/meeting-events';
import type { AuthContext } from '../services/meeting-service';
import type { RecordStore } from '../storage/record-store';
import type { DocumentAccess } from '../realtime/yjs/yjs-endpoint';

export class ConclusionsAccess implements DocumentAccess {
  private readonly secretaries = new Map<string, string | null>();

  constructor(
    private readonly store: RecordStore,
    events: MeetingEvents,
  ) {
    events.on('record-settings-changed', (meetingId, secretaryId) =>
      this.secretaries.set(meetingId, secretaryId),
    );
  }

  async authorize(auth: AuthContext, name: string): Promise<(() => boolean) | null> {
    const meetingId = meetingOfConclusionsRoom(name);
    if (meetingId === null) return null;
    if (meetingId !== auth.meetingId) throw new AppError('forbidden', 'another meeting');
    if (!this.secretaries.has(meetingId)) {
      const settings = await this.store.getRecordSettings(meetingId);
      if (!this.secretaries.has(meetingId))
        this.secretaries.set(meetingId, settings?.secretaryId ?? null);
    }
    return () =>
      canFacilitate(auth.role) ||
      (auth.participantId !== null && this.secretaries.get(meetingId) === auth.participantId);
  }
}
