/**
 * The facilitation feature of the meeting channel (issue 9): agenda, timer, follow-me and
 * spotlight, private writing and reveal, raised hands. Handlers call the services; slices go
 * out when the bus says something changed, read back from storage.
 */
import type { SliceUpdate } from '@shared/schemas/socket';
import { errorFields, type Logger } from '../../logger';
import type { DraftService } from '../../services/draft-service';
import type { FacilitationService } from '../../services/facilitation-service';
import type { MeetingEvents } from '../../services/meeting-events';
import type { MeetingFeature, SliceSink } from './meeting-feature';

export interface FacilitationFeatureOptions {
  facilitation: FacilitationService;
  drafts: DraftService;
  events: MeetingEvents;
  log: Logger;
}

export function facilitationFeature(options: FacilitationFeatureOptions): MeetingFeature {
  const { facilitation: f, drafts, events, log } = options;

  const publisher =
    (sink: SliceSink, read: (meetingId: string) => Promise<SliceUpdate>) =>
    (meetingId: string): void => {
      read(meetingId)
        .then((update) => sink.emit(meetingId, update))
        .catch((err: unknown) =>
          log.error('facilitation broadcast failed', { meetingId, ...errorFields(err) }),
        );
    };

  return {
    start(sink) {
      events.on(
        'agenda-changed',
        publisher(sink, async (m) => ({ slice: 'agenda', value: await f.agenda(m) })),
      );
      events.on(
        'timer-changed',
        publisher(sink, async (m) => ({ slice: 'timer', value: await f.timer(m) })),
      );
      events.on(
        'follow-changed',
        publisher(sink, async (m) => ({ slice: 'follow', value: await f.follow(m) })),
      );
      const hands = publisher(sink, async (m) => ({ slice: 'hands', value: await f.hands(m) }));
      events.on('hands-changed', hands);
      // Names and departments in the queue come from the participant records.
      events.on('participant-changed', (meetingId) => hands(meetingId));
      events.on('participant-removed', (meetingId) => hands(meetingId));
    },

    register(on) {
      on('agenda:set', async ({ steps }, auth) => {
        await f.setAgenda(auth, { steps });
      });
      on('agenda:goto', ({ stepId }, auth) => f.gotoStep(auth, stepId));
      on('timer:start', ({ seconds }, auth) => f.startTimer(auth, seconds));
      on('timer:pause', (_p, auth) => f.pauseTimer(auth));
      on('timer:resume', (_p, auth) => f.resumeTimer(auth));
      on('timer:reset', (_p, auth) => f.resetTimer(auth));
      on('timer:add', ({ seconds }, auth) => f.addToTimer(auth, seconds));
      on('follow:set', ({ on: value }, auth) => f.setFollow(auth, value));
      on('focus:set', ({ boardId, cardId }, auth) => f.setFocus(auth, boardId, cardId));
      on('board:private', ({ boardId, on: value }, auth) =>
        drafts.setPrivate(auth, boardId, value),
      );
      on('board:reveal', ({ boardId }, auth) => drafts.reveal(auth, boardId));
      on('hand:raise', (_p, auth) => f.raiseHand(auth));
      on('hand:lower', (_p, auth) => f.lowerHand(auth));
      on('hand:clear', ({ participantId }, auth) => f.clearHand(auth, participantId));
    },

    async snapshot(auth) {
      const m = auth.meetingId;
      const [agenda, timer, follow, hands] = await Promise.all([
        f.agenda(m),
        f.timer(m),
        f.follow(m),
        f.hands(m),
      ]);
      return { agenda, timer, follow, hands };
    },
  };
}
