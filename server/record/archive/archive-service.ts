/**
 * Export and import of the whole meeting as a JSON archive (shared/schemas/archive.ts).
 *
 * Import is all or nothing: the archive is parsed, checked and turned into one `ImportBundle`
 * before anything is written, and the bundle is written in one transaction. "Tampered" means
 * (docs/api.md): the checksum does not match the content, or the content contradicts itself
 * (an update that does not decode, a reference to a participant or board the archive does
 * not have). Either gets a 400 naming what is wrong, and nothing is created.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { randomId } from '@shared/ids';
import { conclusionsRoomName } from '@shared/doc/conclusions';
import type { CoreArchivePart } from '@shared/schemas/archive';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  MeetingArchive,
  canonicalJson,
  type ArchiveUpdate,
} from '@shared/schemas/archive';
import type { CreateMeetingResult } from '@shared/schemas/http';
import { AppError } from '../../services/errors';
import type { AuthContext } from '../../services/meeting-service';
import type { TokenService } from '../../services/token-service';
import type { ImportBundle, ImportedUpdate } from '../../storage/record-store';
import type { StoredUpdate, Storage } from '../../storage/storage';
import type { ArchivePart, IdMap } from './archive-part';

/** The checksum of an archive's content. */
export function archiveChecksum(
  a: Pick<MeetingArchive, 'format' | 'version' | 'exportedAt' | 'parts'>,
): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        format: a.format,
        version: a.version,
        exportedAt: a.exportedAt,
        parts: a.parts,
      }),
    )
    .digest('hex');
}

const toBase64 = (u: Uint8Array): string =>
  Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('base64');

function invalid(path: string, message: string): AppError {
  return new AppError('archive_invalid', `${path}: ${message}`, { [path]: [message] });
}

export interface ArchiveServiceDeps {
  storage: Storage;
  tokens: TokenService;
  /** A join code no meeting has yet. */
  allocateJoinCode(): Promise<string>;
  now?: () => number;
}

export class ArchiveService {
  private readonly parts: ArchivePart<unknown>[] = [];

  constructor(private readonly deps: ArchiveServiceDeps) {}

  /** Adds a feature's part (agenda, votes, indicators). */
  registerPart<T>(part: ArchivePart<T>): void {
    this.parts.push(part as ArchivePart<unknown>);
  }

  async exportArchive(auth: AuthContext, meetingId: string): Promise<MeetingArchive> {
    if (auth.meetingId !== meetingId)
      throw new AppError('forbidden', 'token is for another meeting');
    const { storage } = this.deps;
    const meeting = await storage.getMeeting(meetingId);
    if (!meeting) throw new AppError('not_found', 'meeting not found');
    const origins = await storage.listParticipantOrigins(meetingId);
    const aid = (id: string): string => origins.get(id) ?? id;
    const aidOrNull = (id: string | null): string | null => (id === null ? null : aid(id));
    const history = async (docId: string): Promise<ArchiveUpdate[]> =>
      (await storage.listUpdates(docId, 0, Number.MAX_SAFE_INTEGER)).map((u: StoredUpdate) => ({
        at: u.createdAt,
        participantId: aidOrNull(u.participantId),
        serverWrite: u.serverWrite === true,
        data: toBase64(u.update),
      }));
    const participants = (await storage.listParticipants(meetingId))
      .map((p) => ({
        id: aid(p.id),
        role: p.role,
        name: p.name,
        department: p.department,
        createdAt: p.createdAt,
        removedAt: p.removedAt,
      }))
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const boards = await storage.listBoards(meetingId);
    const settings = await storage.getRecordSettings(meetingId);
    const core: CoreArchivePart = {
      meeting: {
        title: meeting.title,
        date: meeting.date,
        district: meeting.district,
        planYear: meeting.planYear,
        departments: meeting.departments,
        createdAt: meeting.createdAt,
      },
      participants,
      nameHistory: (await storage.listNameHistory(meetingId)).map((e) => ({
        participantId: aid(e.participantId),
        name: e.name,
        department: e.department,
        since: e.since,
      })),
      boards: await Promise.all(
        boards.map(async (b) => ({
          key: b.id,
          kind: b.kind,
          title: b.title,
          department: b.department,
          locked: b.locked,
          private: b.private,
          position: b.position,
          createdAt: b.createdAt,
          updates: await history(b.id),
        })),
      ),
      conclusions: { updates: await history(conclusionsRoomName(meetingId)) },
      marks: (await storage.listMarks(meetingId))
        .map((m) => ({
          boardKey: m.boardId,
          at: m.at,
          reason: m.reason,
          label: m.label,
          participantId: aidOrNull(m.participantId),
        }))
        .sort(
          (a, b) =>
            a.at - b.at || a.reason.localeCompare(b.reason) || a.label.localeCompare(b.label),
        ),
      settings: settings
        ? {
            secretaryId: aidOrNull(settings.secretaryId),
            supervisingBody: settings.supervisingBody,
            issuingBody: settings.issuingBody,
            place: settings.place,
            documentNumber: settings.documentNumber,
          }
        : null,
    };
    const parts: MeetingArchive['parts'] = { core };
    for (const part of this.parts) {
      const data = await part.export(meetingId, aid);
      if (data !== undefined) parts[part.name] = data;
    }
    const body = {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      exportedAt: (this.deps.now ?? Date.now)(),
      parts,
    } as const;
    return { ...body, checksum: archiveChecksum(body) };
  }

  /** POST /api/meetings/import: a new meeting from an archive, with new ids and tokens. */
  async importArchive(input: unknown): Promise<CreateMeetingResult> {
    const parsed = MeetingArchive.safeParse(input);
    if (!parsed.success) {
      const fields: Record<string, string[]> = {};
      for (const issue of parsed.error.issues.slice(0, 20)) {
        const path = issue.path.join('.') || 'archive';
        (fields[path] ??= []).push(issue.message);
      }
      const first = Object.entries(fields)[0];
      throw new AppError(
        'archive_invalid',
        `archive is malformed: ${first ? `${first[0]}: ${first[1].join(', ')}` : 'unreadable'}`,
        fields,
      );
    }
    const archive = parsed.data;
    // The checksum is computed on the input as sent, so no field can change unnoticed.
    const raw = input as MeetingArchive;
    if (archiveChecksum(raw) !== archive.checksum) {
      throw invalid('checksum', 'does not match the content: the archive was edited or damaged');
    }
    const bundle = this.bundleOf(archive);
    bundle.meeting.joinCode = await this.deps.allocateJoinCode();
    await this.deps.storage.importMeeting(bundle);
    // bundleOf made sure there is one.
    const facilitator = bundle.participants.find(
      (p) => p.role === 'facilitator' && p.removedAt === null,
    )!;
    return {
      id: bundle.meeting.id,
      joinCode: bundle.meeting.joinCode,
      facilitatorToken: this.deps.tokens.sign({
        meetingId: bundle.meeting.id,
        participantId: facilitator.id,
        role: 'facilitator',
      }),
      observerToken: this.deps.tokens.sign({
        meetingId: bundle.meeting.id,
        participantId: null,
        role: 'observer',
      }),
    };
  }

  /** Re-keys the archive into rows; throws `archive_invalid` for anything inconsistent. */
  private bundleOf(archive: MeetingArchive): ImportBundle & { meeting: { joinCode: string } } {
    const core = archive.parts.core;
    const meetingId = randomId();
    const participantIds = new Map<string, string>();
    for (const [i, p] of core.participants.entries()) {
      if (participantIds.has(p.id))
        throw invalid(`parts.core.participants.${i}.id`, 'duplicate participant');
      participantIds.set(p.id, randomId());
    }
    if (!core.participants.some((p) => p.role === 'facilitator' && p.removedAt === null)) {
      throw invalid('parts.core.participants', 'the meeting has no facilitator');
    }
    const boardIds = new Map<string, string>();
    for (const [i, b] of core.boards.entries()) {
      if (boardIds.has(b.key)) throw invalid(`parts.core.boards.${i}.key`, 'duplicate board');
      boardIds.set(b.key, randomId());
    }
    const ids: IdMap = {
      meetingId,
      participant: (id) => {
        const found = participantIds.get(id);
        if (!found) throw invalid('participantId', `unknown participant ${id}`);
        return found;
      },
      board: (key) => {
        const found = boardIds.get(key);
        if (!found) throw invalid('boardKey', `unknown board ${key}`);
        return found;
      },
    };
    const at = (path: string, f: () => string): string => {
      try {
        return f();
      } catch (err) {
        if (err instanceof AppError) throw invalid(path, err.message.replace(/^[^:]*: /, ''));
        throw err;
      }
    };
    const orNull = (path: string, id: string | null): string | null =>
      id === null ? null : at(path, () => ids.participant(id));
    const updatesOf = (docId: string, list: ArchiveUpdate[], path: string): ImportedUpdate[] =>
      list.map((u, i) => {
        const update = new Uint8Array(Buffer.from(u.data, 'base64'));
        try {
          Y.decodeUpdate(update);
        } catch {
          throw invalid(`${path}.${i}.data`, 'not a Yjs update');
        }
        return {
          docId,
          update,
          participantId: orNull(`${path}.${i}.participantId`, u.participantId),
          createdAt: u.at,
          serverWrite: u.serverWrite,
        };
      });

    const departments = core.meeting.departments;
    const bundle: ImportBundle & { meeting: { joinCode: string } } = {
      meeting: {
        id: meetingId,
        title: core.meeting.title,
        date: core.meeting.date,
        district: core.meeting.district,
        planYear: core.meeting.planYear,
        departments,
        joinCode: '',
        createdAt: core.meeting.createdAt,
      },
      participants: core.participants.map((p) => ({
        id: ids.participant(p.id),
        meetingId,
        role: p.role,
        name: p.name,
        department: p.department,
        createdAt: p.createdAt,
        removedAt: p.removedAt,
      })),
      nameHistory: core.nameHistory.map((e, i) => ({
        participantId: at(`parts.core.nameHistory.${i}.participantId`, () =>
          ids.participant(e.participantId),
        ),
        name: e.name,
        department: e.department,
        since: e.since,
      })),
      origins: core.participants.map((p) => ({
        participantId: ids.participant(p.id),
        originalId: p.id,
      })),
      boards: core.boards.map((b) => ({
        id: ids.board(b.key),
        meetingId,
        kind: b.kind,
        title: b.title,
        department: b.department,
        locked: b.locked,
        private: b.private,
        position: b.position,
        createdAt: b.createdAt,
      })),
      updates: [
        ...core.boards.flatMap((b, i) =>
          updatesOf(ids.board(b.key), b.updates, `parts.core.boards.${i}.updates`),
        ),
        ...updatesOf(
          conclusionsRoomName(meetingId),
          core.conclusions.updates,
          'parts.core.conclusions.updates',
        ),
      ],
      marks: core.marks.map((m, i) => ({
        id: randomId(),
        meetingId,
        boardId:
          m.boardKey === null
            ? null
            : at(`parts.core.marks.${i}.boardKey`, () => ids.board(m.boardKey!)),
        at: m.at,
        reason: m.reason,
        label: m.label,
        participantId: orNull(`parts.core.marks.${i}.participantId`, m.participantId),
      })),
      settings: core.settings
        ? {
            meetingId,
            secretaryId: orNull('parts.core.settings.secretaryId', core.settings.secretaryId),
            supervisingBody: core.settings.supervisingBody,
            issuingBody: core.settings.issuingBody,
            place: core.settings.place,
            documentNumber: core.settings.documentNumber,
            updatedAt: archive.exportedAt,
          }
        : null,
    };
    for (const name of Object.keys(archive.parts)) {
      if (name === 'core') continue;
      const part = this.parts.find((p) => p.name === name);
      if (!part) throw invalid(`parts.${name}`, 'unknown archive part');
      const data = part.schema.safeParse(archive.parts[name]);
      if (!data.success) {
        const issue = data.error.issues[0];
        const where = issue?.path.length
          ? `parts.${name}.${issue.path.join('.')}`
          : `parts.${name}`;
        throw invalid(where, issue?.message ?? 'invalid');
      }
      try {
        part.import(data.data, ids, bundle);
      } catch (err) {
        // A part that contradicts the rest (an unknown board or participant) names itself.
        const message = err instanceof Error ? err.message.replace(/^[^:]*: /, '') : String(err);
        throw invalid(`parts.${name}`, message);
      }
    }
    return bundle;
  }
}
