/**
 * `POST /api/meetings/sample` (docs/api.md): a sample meeting in one click. It writes a
 * meeting, delegates, boards, a vote and many board updates, so it is limited per address
 * more tightly than anything else that creates data.
 */
import { Router } from 'express';
import { CreateSampleBody } from '@shared/schemas/sample';
import { AttemptLimiter } from '../../realtime/limits/token-bucket';
import { AppError } from '../../services/errors';
import type { SampleMeetingService } from '../../services/sample/sample-meeting-service';
import { validateBody } from '../middleware/validate';

/** `sample` is a getter: the service is built after the routes are mounted (server/app.ts). */
export function sampleRoute(
  sample: () => SampleMeetingService,
  options: { perMinute: number },
): Router {
  const router = Router();
  const limiter = new AttemptLimiter(options.perMinute);
  router.post(
    '/',
    (req, res, next) => {
      const wait = limiter.hit(req.ip ?? 'unknown');
      if (wait > 0) {
        res.setHeader('Retry-After', String(wait));
        next(new AppError('rate_limited', `too many sample meetings; try again in ${wait} s`));
        return;
      }
      next();
    },
    validateBody(CreateSampleBody),
    async (_req, res) => {
      res.status(201).json(await sample().create());
    },
  );
  return router;
}
