/**
 * Joining a meeting with its short code: `/api/join` (docs/api.md).
 */
import { Router } from 'express';
import { JoinBody, JoinCode } from '@shared/schemas/http';
import { AppError } from '../../services/errors';
import type { MeetingService } from '../../services/meeting-service';
import { validateBody } from '../middleware/validate';

export function joinRoutes(meetings: MeetingService): Router {
  const router = Router();

  router.get('/:code', async (req, res) => {
    const code = JoinCode.safeParse(req.params.code);
    if (!code.success) throw new AppError('join_code_invalid', 'no meeting has this join code');
    res.json(await meetings.previewJoin(code.data));
  });

  router.post('/', validateBody(JoinBody), async (req, res) => {
    res.json(await meetings.join(req.body as JoinBody));
  });

  return router;
}
