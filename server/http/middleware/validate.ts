/**
 * Validates a request body with a zod schema from shared/ before the handler runs; a bad
 * body becomes a 400 that names each field at fault.
 */
import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { AppError } from '../../services/errors';

/** The field-by-field messages of a zod error, keyed by dotted path ("body" for the root). */
export function zodFields(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'body';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function validateBody<S extends z.ZodType>(schema: S) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const parsed = schema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const fields = zodFields(parsed.error);
      next(new AppError('validation_failed', `invalid ${Object.keys(fields).join(', ')}`, fields));
      return;
    }
    req.body = parsed.data;
    next();
  };
}
