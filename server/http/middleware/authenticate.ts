/**
 * Bearer-token authentication for the HTTP API. The checked caller is kept in
 * `res.locals.auth`; `authOf(res)` reads it back with its type.
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../services/errors';
import type { AuthContext, MeetingService } from '../../services/meeting-service';

export function authenticate(meetings: MeetingService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      next(new AppError('unauthorized', 'missing bearer token'));
      return;
    }
    meetings
      .authenticate(match[1])
      .then((auth) => {
        if (!auth) throw new AppError('unauthorized', 'invalid or expired token');
        res.locals.auth = auth;
        next();
      })
      .catch(next);
  };
}

/** The caller checked by `authenticate`. */
export function authOf(res: Response): AuthContext {
  const auth = res.locals.auth as AuthContext | undefined;
  if (!auth) throw new AppError('unauthorized', 'not authenticated');
  return auth;
}
