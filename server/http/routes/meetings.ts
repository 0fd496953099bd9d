/**
 * Meetings and their boards: `/api/meetings…` (docs/api.md).
 */
import { Router } from 'express';
import {
  CreateBoardBody,
  CreateMeetingBody,
  Id,
  UpdateBoardBody,
  UpdateMeBody,
  UpdateParticipantBody,
} from '@shared/schemas/http';
import { AppError } from '../../services/errors';
import type { MeetingService } from '../../services/meeting-service';
import { authenticate, authOf } from '../middleware/authenticate';
import { validateBody } from '../middleware/validate';

/** A path parameter that must be an id; anything else is a 404, not a database query. */
function idParam(value: unknown): string {
  const parsed = Id.safeParse(value);
  if (!parsed.success) throw new AppError('not_found', 'not found');
  return parsed.data;
}

export function meetingRoutes(meetings: MeetingService): Router {
  const router = Router();
  const auth = authenticate(meetings);

  router.post('/', validateBody(CreateMeetingBody), async (req, res) => {
    res.status(201).json(await meetings.createMeeting(req.body as CreateMeetingBody));
  });

  router.get('/:id', auth, async (req, res) => {
    res.json(await meetings.getMeetingView(authOf(res), idParam(req.params.id)));
  });

  router.post('/:id/boards', auth, validateBody(CreateBoardBody), async (req, res) => {
    const board = await meetings.createBoard(
      authOf(res),
      idParam(req.params.id),
      req.body as CreateBoardBody,
    );
    res.status(201).json(board);
  });

  router.patch('/:id/boards/:boardId', auth, validateBody(UpdateBoardBody), async (req, res) => {
    res.json(
      await meetings.updateBoard(
        authOf(res),
        idParam(req.params.id),
        idParam(req.params.boardId),
        req.body as UpdateBoardBody,
      ),
    );
  });

  router.patch('/:id/me', auth, validateBody(UpdateMeBody), async (req, res) => {
    res.json(
      await meetings.updateMe(authOf(res), idParam(req.params.id), req.body as UpdateMeBody),
    );
  });

  router.get('/:id/participants', auth, async (req, res) => {
    res.json(await meetings.listParticipants(authOf(res), idParam(req.params.id)));
  });

  router.patch(
    '/:id/participants/:participantId',
    auth,
    validateBody(UpdateParticipantBody),
    async (req, res) => {
      res.json(
        await meetings.setRole(
          authOf(res),
          idParam(req.params.id),
          idParam(req.params.participantId),
          req.body as UpdateParticipantBody,
        ),
      );
    },
  );

  router.delete('/:id/participants/:participantId', auth, async (req, res) => {
    await meetings.removeParticipant(
      authOf(res),
      idParam(req.params.id),
      idParam(req.params.participantId),
    );
    res.status(204).end();
  });

  router.post('/:id/join-code', auth, async (req, res) => {
    res.json(await meetings.rotateJoinCode(authOf(res), idParam(req.params.id)));
  });

  return router;
}
