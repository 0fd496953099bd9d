/**
 * Joining a meeting with its short code: `/api/join` (docs/api.md).
 */
import type { Request } from 'express';
import { Router } from 'express';
import { JoinBody, JoinCode } from '@shared/schemas/http';
import { LocalAttemptLimit, type AttemptLimit } from '../../realtime/limits/attempt-limit';
import { AppError } from '../../services/errors';
import type { JoinBoardService } from '../../services/join-board';
import type { MeetingService } from '../../services/meeting-service';
import { validateBody } from '../middleware/validate';

export interface JoinRouteOptions {
  /** Join attempts (preview, QR, join) per client address per minute. */
  attemptsPerMinute: number;
  /** Base address encoded in QR codes; the address the request came to when absent. */
  publicUrl: string | undefined;
  /** Where attempts are counted; this process unless scaled out (Redis). */
  limiter?: AttemptLimit;
  /** Adds the landing board's state to the join answer; without it the answer has none. */
  joinBoard?: JoinBoardService;
}

function codeParam(value: unknown): string {
  const code = JoinCode.safeParse(value);
  if (!code.success) throw new AppError('join_code_invalid', 'no meeting has this join code');
  return code.data;
}

export function joinRoutes(meetings: MeetingService, options: JoinRouteOptions): Router {
  const router = Router();
  const limiter = options.limiter ?? new LocalAttemptLimit(options.attemptsPerMinute);

  // Every join route counts against the caller's address, so 6-character codes cannot be
  // guessed by brute force (25^6 codes; 30 tries a minute).
  router.use(async (req, res, next) => {
    const wait = await limiter.hit(req.ip ?? 'unknown');
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      next(new AppError('rate_limited', `too many join attempts; try again in ${wait} s`));
      return;
    }
    next();
  });

  router.get('/:code', async (req, res) => {
    res.json(await meetings.previewJoin(codeParam(req.params.code)));
  });

  /** The join link as a QR code (SVG), for the facilitator's and the projector's screens. */
  router.get('/:code/qr.svg', async (req: Request, res) => {
    const code = codeParam(req.params.code);
    await meetings.previewJoin(code);
    const base = options.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    // Loaded on first use: a join code's QR image is asked for once or twice a meeting.
    const { default: QRCode } = await import('qrcode');
    const svg = await QRCode.toString(`${base}/join/${code}`, {
      type: 'svg',
      margin: 1,
      errorCorrectionLevel: 'M',
    });
    res.type('image/svg+xml').setHeader('Cache-Control', 'no-cache').send(svg);
  });

  router.post('/', validateBody(JoinBody), async (req, res) => {
    const joined = await meetings.join(req.body as JoinBody);
    res.json(options.joinBoard ? await options.joinBoard.withBoard(joined) : joined);
  });

  return router;
}
