/**
 * The session record: builds `SessionRecord` (shared/schemas/record.ts) from storage, answers
 * a board's history and its state at a moment, and keeps the record's marks and settings.
 *
 * The record is assembled by providers: the core ones here (meeting, attendance, SWOT boards,
 * marks, conclusions) and those that other features register (`registerProvider`) for their
 * sections (server/record/sections/: agenda, commune proposals, priority lists with their
 * votes, scores and decisions, indicators), in app.ts. Every export renders from the record
 * this service builds.
 */
import { canFacilitate } from '@shared/domain';
import { randomId } from '@shared/ids';
import { conclusionsRoomName, readConclusions } from '@shared/doc/conclusions';
import type {
  BoardAtView,
  CreateMarkBody,
  HistoryPage,
  RecordMark,
  RecordSettings,
  SessionRecord,
  UpdateRecordSettingsBody,
} from '@shared/schemas/record';
import { errorFields, type Logger } from '../logger';
import { AppError } from '../services/errors';
import type { MeetingEvents } from '../services/meeting-events';
import type { AuthContext } from '../services/meeting-service';
import type { RecordSettingsRecord } from '../storage/record-store';
import type { BoardRecord, MeetingRecord, ParticipantRecord, Storage } from '../storage/storage';
import { HistoryCache, type BoardHistory } from './board-history';
import { NameBook } from './names';
import { attributedCards } from './swot-attribution';

/** What a provider may read while the record is built. */
export interface RecordContext {
  meeting: MeetingRecord;
  participants: ParticipantRecord[];
  boards: BoardRecord[];
  names: NameBook;
  settings: RecordSettingsRecord | null;
  /** The indexed history of a document (board, draft, conclusions). */
  history(docId: string): Promise<BoardHistory>;
}

/** Fills one section (or more) of the record. Providers run in registration order. */
export interface RecordSectionProvider {
  readonly name: string;
  fill(ctx: RecordContext, record: SessionRecord): Promise<void>;
}

const emptySettings = (meetingId: string): RecordSettingsRecord => ({
  meetingId,
  secretaryId: null,
  supervisingBody: '',
  issuingBody: '',
  place: '',
  documentNumber: '',
  updatedAt: 0,
});

/** SWOT boards in their final state, every card with its derived author and edits. */
const swotBoards: RecordSectionProvider = {
  name: 'swot-boards',
  async fill(ctx, record) {
    let first: number | null = null;
    let last: number | null = null;
    for (const board of ctx.boards) {
      const history = await ctx.history(board.id);
      for (const row of history.rows) {
        if (row.serverWrite || row.participantId === null) continue;
        first = first === null ? row.createdAt : Math.min(first, row.createdAt);
        last = last === null ? row.createdAt : Math.max(last, row.createdAt);
      }
      if (board.kind !== 'swot') continue;
      record.boards.push({
        id: board.id,
        kind: board.kind,
        title: board.title,
        department: board.department,
        locked: board.locked,
        cards: attributedCards(history, history.rows.length, ctx.names),
      });
    }
    record.meeting.startedAt = first;
    record.meeting.endedAt = last;
  },
};

const conclusions: RecordSectionProvider = {
  name: 'conclusions',
  async fill(ctx, record) {
    const history = await ctx.history(conclusionsRoomName(ctx.meeting.id));
    const doc = history.docAt(history.rows.length);
    try {
      record.conclusions = readConclusions(doc);
    } finally {
      doc.destroy();
    }
  },
};

export class RecordService {
  private readonly cache: HistoryCache;
  private readonly providers: RecordSectionProvider[] = [swotBoards, conclusions];

  constructor(
    private readonly storage: Storage,
    private readonly events: MeetingEvents,
    private readonly log: Logger,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.cache = new HistoryCache(
      (docId, after) => storage.listUpdates(docId, after, Number.MAX_SAFE_INTEGER),
      log,
    );
    // Stored by the instance that took the mark only: the others hear it over Redis too.
    events.onLocal('record-mark', (meetingId, mark) => {
      storage
        .addMark({ id: randomId(), meetingId, ...mark })
        .catch((err: unknown) =>
          log.error('record mark not stored', { meetingId, ...errorFields(err) }),
        );
    });
  }

  /** Adds a section provider (agenda, votes, priorities, indicators) after the core ones. */
  registerProvider(provider: RecordSectionProvider): void {
    this.providers.push(provider);
  }

  /** The indexed history of a document, for providers and exports. */
  docHistory(docId: string): Promise<BoardHistory> {
    return this.cache.get(docId);
  }

  private async meetingOf(auth: AuthContext, meetingId: string): Promise<MeetingRecord> {
    if (auth.meetingId !== meetingId)
      throw new AppError('forbidden', 'token is for another meeting');
    const meeting = await this.storage.getMeeting(meetingId);
    if (!meeting) throw new AppError('not_found', 'meeting not found');
    return meeting;
  }

  private async names(meetingId: string, participants?: ParticipantRecord[]): Promise<NameBook> {
    return new NameBook(
      participants ?? (await this.storage.listParticipants(meetingId)),
      await this.storage.listNameHistory(meetingId),
      await this.storage.listParticipantOrigins(meetingId),
    );
  }

  private async boardOf(meetingId: string, boardId: string): Promise<BoardRecord> {
    const board = await this.storage.getBoard(boardId);
    if (!board || board.meetingId !== meetingId) throw new AppError('not_found', 'board not found');
    return board;
  }

  /** The whole record of a meeting, as any of its roles may read it. */
  async getRecord(auth: AuthContext, meetingId: string): Promise<SessionRecord> {
    return this.buildRecord(await this.meetingOf(auth, meetingId));
  }

  /** The record without an access check: exports of the archive use it internally. */
  async buildRecord(meeting: MeetingRecord): Promise<SessionRecord> {
    const participants = await this.storage.listParticipants(meeting.id);
    const names = await this.names(meeting.id, participants);
    const settings = await this.storage.getRecordSettings(meeting.id);
    const boards = await this.storage.listBoards(meeting.id);
    const ctx: RecordContext = {
      meeting,
      participants,
      boards,
      names,
      settings,
      history: (docId) => this.docHistory(docId),
    };
    const s = settings ?? emptySettings(meeting.id);
    const chair = participants.find((p) => p.role === 'facilitator' && p.removedAt === null);
    const secretary = participants.find((p) => p.id === s.secretaryId);
    const now = this.now();
    const record: SessionRecord = {
      version: 1,
      generatedAt: now,
      meeting: {
        id: meeting.id,
        title: meeting.title,
        date: meeting.date,
        district: meeting.district,
        planYear: meeting.planYear,
        departments: meeting.departments,
        createdAt: meeting.createdAt,
        startedAt: null,
        endedAt: null,
        supervisingBody: s.supervisingBody,
        issuingBody: s.issuingBody,
        place: s.place,
        documentNumber: s.documentNumber,
        chair: chair ? names.at(chair.id, now) : null,
        secretary: secretary ? names.at(secretary.id, now) : null,
      },
      attendance: meeting.departments.map((department) => {
        const people = participants
          .filter((p) => p.department === department)
          .map((p) => ({ participantId: p.id, name: p.name, role: p.role }));
        return { department, present: people.length > 0, people };
      }),
      agenda: { steps: [] },
      boards: [],
      votes: [],
      scores: [],
      priorities: [],
      proposals: [],
      indicators: [],
      marks: (await this.storage.listMarks(meeting.id)).map((m): RecordMark => ({
        id: m.id,
        boardId: m.boardId,
        at: m.at,
        reason: m.reason,
        label: m.label,
        by: m.participantId === null ? null : names.at(m.participantId, m.at),
      })),
      conclusions: '',
    };
    // People without a department (the facilitator) are listed too.
    const unplaced = participants.filter(
      (p) => p.department === null || !meeting.departments.includes(p.department),
    );
    if (unplaced.length > 0) {
      record.attendance.push({
        department: '',
        present: true,
        people: unplaced.map((p) => ({ participantId: p.id, name: p.name, role: p.role })),
      });
    }
    for (const provider of this.providers) await provider.fill(ctx, record);
    return record;
  }

  /** GET …/history: the board's stored edits, oldest first, `limit` after `after` (a seq). */
  async listHistory(
    auth: AuthContext,
    meetingId: string,
    boardId: string,
    after: number,
    limit: number,
  ): Promise<HistoryPage> {
    await this.meetingOf(auth, meetingId);
    const board = await this.boardOf(meetingId, boardId);
    const names = await this.names(meetingId);
    const h = await this.cache.get(board.id);
    const rows = h.rows.filter((r) => r.seq > after);
    const page = rows.slice(0, limit);
    return {
      entries: page.map((r) => ({
        seq: r.seq,
        at: r.createdAt,
        ...names.at(r.participantId, r.createdAt),
      })),
      next: rows.length > limit ? (page.at(-1)?.seq ?? null) : null,
      total: h.rows.length,
    };
  }

  /** GET …/view?at=: the board as it was at `at` (now when omitted). */
  async viewAt(
    auth: AuthContext,
    meetingId: string,
    boardId: string,
    at: number | undefined,
  ): Promise<BoardAtView> {
    await this.meetingOf(auth, meetingId);
    const board = await this.boardOf(meetingId, boardId);
    const names = await this.names(meetingId);
    const h = await this.cache.get(board.id);
    const moment = at ?? this.now();
    const count = h.countAt(moment);
    return {
      boardId: board.id,
      kind: board.kind,
      at: moment,
      seq: count > 0 ? h.rows[count - 1]!.seq : 0,
      applied: count,
      total: h.rows.length,
      cards: attributedCards(h, count, names, { includeDeleted: false }),
    };
  }

  /** POST …/marks (facilitator): a snapshot taken by hand, with a label. */
  async addMark(auth: AuthContext, meetingId: string, body: CreateMarkBody): Promise<RecordMark> {
    await this.meetingOf(auth, meetingId);
    if (!canFacilitate(auth.role))
      throw new AppError('forbidden', 'only the facilitator can do this');
    const boardId = body.boardId ?? null;
    if (boardId !== null) await this.boardOf(meetingId, boardId);
    const mark = {
      id: randomId(),
      meetingId,
      boardId,
      at: this.now(),
      reason: 'manual' as const,
      label: body.label,
      participantId: auth.participantId,
    };
    await this.storage.addMark(mark);
    return {
      id: mark.id,
      boardId,
      at: mark.at,
      reason: mark.reason,
      label: mark.label,
      by: auth.participantId
        ? { participantId: auth.participantId, name: auth.name, department: auth.department }
        : null,
    };
  }

  async getSettings(auth: AuthContext, meetingId: string): Promise<RecordSettings> {
    await this.meetingOf(auth, meetingId);
    const s = (await this.storage.getRecordSettings(meetingId)) ?? emptySettings(meetingId);
    return {
      secretaryId: s.secretaryId,
      supervisingBody: s.supervisingBody,
      issuingBody: s.issuingBody,
      place: s.place,
      documentNumber: s.documentNumber,
    };
  }

  /** PATCH …/record/settings (facilitator): the secretary and the minutes' header. */
  async updateSettings(
    auth: AuthContext,
    meetingId: string,
    body: UpdateRecordSettingsBody,
  ): Promise<RecordSettings> {
    await this.meetingOf(auth, meetingId);
    if (!canFacilitate(auth.role))
      throw new AppError('forbidden', 'only the facilitator can do this');
    if (body.secretaryId) {
      const p = await this.storage.getParticipant(body.secretaryId);
      if (!p || p.meetingId !== meetingId || p.removedAt !== null) {
        throw new AppError(
          'validation_failed',
          'the secretary must be a participant of the meeting',
          {
            secretaryId: ['not a participant of this meeting'],
          },
        );
      }
    }
    const current = (await this.storage.getRecordSettings(meetingId)) ?? emptySettings(meetingId);
    const next: RecordSettingsRecord = { ...current, ...body, meetingId, updatedAt: this.now() };
    await this.storage.saveRecordSettings(next);
    this.events.emit('record-settings-changed', meetingId, next.secretaryId);
    return this.getSettings(auth, meetingId);
  }
}
