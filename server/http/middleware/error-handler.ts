/**
 * Turns every error into the API's error shape `{ error: { code, message, fields? } }`.
 * Unexpected errors are logged and answered with a generic 500, never a stack trace.
 */
import type { NextFunction, Request, Response } from 'express';
import type { ApiError } from '@shared/schemas/http';
import { errorFields, type Logger } from '../../logger';
import { AppError } from '../../services/errors';

interface BodyParserError {
  type?: string;
  status?: number;
}

export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let body: ApiError;
    let status: number;
    const parserError = err as BodyParserError;
    if (err instanceof AppError) {
      status = err.status;
      body = {
        error: {
          code: err.code,
          message: err.message,
          ...(err.fields ? { fields: err.fields } : {}),
        },
      };
    } else if (parserError.type === 'entity.too.large') {
      status = 413;
      body = { error: { code: 'payload_too_large', message: 'request body too large' } };
    } else if (parserError.type === 'entity.parse.failed') {
      status = 400;
      body = {
        error: {
          code: 'validation_failed',
          message: 'body is not valid JSON',
          fields: { body: ['not valid JSON'] },
        },
      };
    } else if (
      typeof parserError.status === 'number' &&
      parserError.status >= 400 &&
      parserError.status < 500
    ) {
      // From serve-static and friends: a client error, not a fault of ours.
      status = parserError.status;
      body = {
        error: { code: status === 404 ? 'not_found' : 'validation_failed', message: 'bad request' },
      };
    } else {
      log.error('request failed', { method: req.method, path: req.path, ...errorFields(err) });
      status = 500;
      body = { error: { code: 'internal', message: 'server error' } };
    }
    res.status(status).json(body);
  };
}
