/**
 * The session record and its exports: `/api/meetings/:id/record…`, `…/boards/:boardId/history`,
 * `…/boards/:boardId/view`, `…/marks`, `…/export/*` (docs/api.md). Every route takes the
 * meeting's token, any role: no token 401, another meeting's token 403.
 */
import { Router, type Response } from 'express';
import type { z } from 'zod';
import { Id } from '@shared/schemas/http';
import {
  CreateMarkBody,
  HistoryQuery,
  UpdateRecordSettingsBody,
  ViewQuery,
} from '@shared/schemas/record';
import type { ArchiveService } from '../../record/archive/archive-service';
import { exportLang } from '../../record/export/labels';
import type { RecordService } from '../../record/record-service';
import { AppError } from '../../services/errors';
import type { MeetingService } from '../../services/meeting-service';
import { authenticate, authOf } from '../middleware/authenticate';
import { validateBody } from '../middleware/validate';

function idParam(value: unknown): string {
  const parsed = Id.safeParse(value);
  if (!parsed.success) throw new AppError('not_found', 'not found');
  return parsed.data;
}

function query<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const i of parsed.error.issues)
      (fields[i.path.join('.') || 'query'] ??= []).push(i.message);
    throw new AppError('validation_failed', 'invalid query', fields);
  }
  return parsed.data;
}

/** A file download: its type, a safe ASCII name and its UTF-8 name (RFC 6266). */
function sendFile(res: Response, type: string, name: string, body: Buffer | string): void {
  res.setHeader('Content-Type', type);
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  );
  res.setHeader('Cache-Control', 'no-store');
  res.send(body);
}

export interface RecordRouteDeps {
  meetings: MeetingService;
  record: RecordService;
  archive: ArchiveService;
}

export function recordRoutes({ meetings, record, archive }: RecordRouteDeps): Router {
  const router = Router();
  const auth = authenticate(meetings);

  router.get('/:id/record', auth, async (req, res) => {
    res.json(await record.getRecord(authOf(res), idParam(req.params.id)));
  });

  router.get('/:id/record/settings', auth, async (req, res) => {
    res.json(await record.getSettings(authOf(res), idParam(req.params.id)));
  });

  router.patch(
    '/:id/record/settings',
    auth,
    validateBody(UpdateRecordSettingsBody),
    async (req, res) => {
      res.json(
        await record.updateSettings(
          authOf(res),
          idParam(req.params.id),
          req.body as UpdateRecordSettingsBody,
        ),
      );
    },
  );

  router.post('/:id/marks', auth, validateBody(CreateMarkBody), async (req, res) => {
    res
      .status(201)
      .json(await record.addMark(authOf(res), idParam(req.params.id), req.body as CreateMarkBody));
  });

  router.get('/:id/boards/:boardId/history', auth, async (req, res) => {
    const q = query(HistoryQuery, req.query);
    const page = await record.listHistory(
      authOf(res),
      idParam(req.params.id),
      idParam(req.params.boardId),
      q.after,
      q.limit,
    );
    res.setHeader('X-Total-Count', String(page.total));
    if (page.next !== null) {
      res.setHeader('X-Next-After', String(page.next));
      res.setHeader(
        'Link',
        `<${req.baseUrl}${req.path}?after=${page.next}&limit=${q.limit}>; rel="next"`,
      );
    }
    res.json(page.entries);
  });

  router.get('/:id/boards/:boardId/view', auth, async (req, res) => {
    const q = query(ViewQuery, req.query);
    res.json(
      await record.viewAt(authOf(res), idParam(req.params.id), idParam(req.params.boardId), q.at),
    );
  });

  router.get('/:id/export/minutes.docx', auth, async (req, res) => {
    const r = await record.getRecord(authOf(res), idParam(req.params.id));
    const { minutesDocx } = await import('../../record/export/minutes-docx');
    sendFile(
      res,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      `bien-ban-${r.meeting.id}.docx`,
      await minutesDocx(r, exportLang(req.query.lang)),
    );
  });

  router.get('/:id/export/record.md', auth, async (req, res) => {
    const r = await record.getRecord(authOf(res), idParam(req.params.id));
    const { recordMarkdown } = await import('../../record/export/record-markdown');
    sendFile(
      res,
      'text/markdown; charset=utf-8',
      `record-${r.meeting.id}.md`,
      recordMarkdown(r, exportLang(req.query.lang)),
    );
  });

  router.get('/:id/export/meeting.xlsx', auth, async (req, res) => {
    const r = await record.getRecord(authOf(res), idParam(req.params.id));
    const { meetingXlsx } = await import('../../record/export/meeting-xlsx');
    sendFile(
      res,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      `meeting-${r.meeting.id}.xlsx`,
      await meetingXlsx(r, exportLang(req.query.lang)),
    );
  });

  router.get('/:id/export/archive.json', auth, async (req, res) => {
    const id = idParam(req.params.id);
    const a = await archive.exportArchive(authOf(res), id);
    sendFile(res, 'application/json; charset=utf-8', `archive-${id}.json`, JSON.stringify(a));
  });

  return router;
}

/** POST /api/meetings/import: mounted with its own body limit before the API's 64 KiB one. */
export function importRoute(archive: ArchiveService): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    if (req.body === undefined || req.body === null || typeof req.body !== 'object') {
      throw new AppError('archive_invalid', 'body must be a JSON archive', {
        body: ['not a JSON object'],
      });
    }
    res.status(201).json(await archive.importArchive(req.body));
  });
  return router;
}
