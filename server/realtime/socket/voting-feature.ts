/**
 * The voting feature of the meeting channel: dot votes (`vote:*`), scoring rounds
 * (`score:*`) and the decision (`decision:confirm`), with the `votes`, `scores` and
 * `decisions` slices. The slices are the same for every role: nobody's view holds a ballot.
 */
import { errorFields, type Logger } from '../../logger';
import type { MeetingEvents } from '../../services/meeting-events';
import type { VotingService } from '../../services/voting-service';
import type { MeetingFeature } from './meeting-feature';

export function votingFeature(
  voting: VotingService,
  events: MeetingEvents,
  log: Logger,
): MeetingFeature {
  return {
    start(sink) {
      events.on('rounds-changed', (meetingId, method) => {
        voting
          .rounds(meetingId)
          .then((r) => {
            if (method === 'dots') sink.emit(meetingId, { slice: 'votes', value: r.votes });
            else sink.emit(meetingId, { slice: 'scores', value: r.scores });
          })
          .catch((err: unknown) =>
            log.error('votes broadcast failed', { meetingId, ...errorFields(err) }),
          );
      });
      events.on('decisions-changed', (meetingId) => {
        voting
          .decisions(meetingId)
          .then((value) => sink.emit(meetingId, { slice: 'decisions', value }))
          .catch((err: unknown) =>
            log.error('decisions broadcast failed', { meetingId, ...errorFields(err) }),
          );
      });
    },
    register(on) {
      on('vote:open', async (p, auth) => ({ voteId: await voting.openVote(auth, p) }));
      on('vote:cast', (p, auth) => voting.castDots(auth, p.voteId, p.dots, p.onBehalfOf));
      on('vote:mine', async (p, auth) => ({ dots: await voting.myDots(auth, p.voteId) }));
      on('vote:close', (p, auth) => voting.close(auth, p.voteId, 'dots'));
      on('score:open', async (p, auth) => ({ voteId: await voting.openScoring(auth, p) }));
      on('score:cast', (p, auth) => voting.castScores(auth, p.voteId, p.scores, p.onBehalfOf));
      on('score:mine', async (p, auth) => ({ scores: await voting.myScores(auth, p.voteId) }));
      on('score:close', (p, auth) => voting.close(auth, p.voteId, 'score'));
      on('decision:confirm', async (p, auth) => ({
        decisionId: await voting.decide(auth, p.voteId),
      }));
    },
    async snapshot(auth) {
      const [rounds, decisions] = await Promise.all([
        voting.rounds(auth.meetingId),
        voting.decisions(auth.meetingId),
      ]);
      return { ...rounds, decisions };
    },
  };
}
