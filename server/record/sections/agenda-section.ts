/** Section 2 of the record: the agenda with each step's planned minutes and actual times. */
import type { Storage } from '../../storage/storage';
import type { RecordSectionProvider } from '../record-service';

export function agendaSection(storage: Storage): RecordSectionProvider {
  return {
    name: 'agenda',
    async fill(ctx, record) {
      const steps = await storage.listAgendaSteps(ctx.meeting.id);
      record.agenda.steps = steps.map((s) => ({
        id: s.id,
        title: s.title,
        minutes: s.minutes,
        boardId: s.boardId,
        startedAt: s.startedAt,
        endedAt: s.endedAt,
      }));
    },
  };
}
