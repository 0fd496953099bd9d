/**
 * Meetings, participants and boards: the domain rules behind the HTTP routes and the
 * realtime handlers. Talks to storage only through the `Storage` interface.
 */
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, Limits } from '@shared/constants';
import {
  DEFAULT_DEPARTMENTS,
  DISTRICT_BOARD_TITLE,
  FACILITATOR_DEFAULT_NAME,
  canFacilitate,
  departmentBoardTitle,
  type Role,
} from '@shared/domain';
import { randomId, randomString } from '@shared/ids';
import type {
  BoardInfo,
  BoardLimitsInfo,
  CreateBoardBody,
  CreateMeetingBody,
  CreateMeetingResult,
  JoinBody,
  JoinPreview,
  JoinCodeResult,
  JoinResult,
  Me,
  MeetingView,
  ParticipantInfo,
  UpdateParticipantBody,
  UpdateBoardBody,
  UpdateMeBody,
} from '@shared/schemas/http';
import type { ParticipantChange } from '../storage/atomic-meeting-store';
import type { BoardRecord, MeetingRecord, ParticipantRecord, Storage } from '../storage/storage';
import { initialBoardUpdate } from './board-documents';
import { defaultAgendaSteps } from './facilitation-service';
import { AppError } from './errors';
import type { MeetingEvents } from './meeting-events';
import type { TokenService } from './token-service';

/** Who is calling, once their token has been checked against storage. */
export interface AuthContext {
  meetingId: string;
  participantId: string | null;
  role: Role;
  name: string;
  department: string | null;
}

const OBSERVER_NAME = 'Quan sát viên';

export function toBoardInfo(b: BoardRecord): BoardInfo {
  return {
    id: b.id,
    kind: b.kind,
    title: b.title,
    department: b.department,
    locked: b.locked,
    position: b.position,
  };
}

export class MeetingService {
  constructor(
    private readonly storage: Storage,
    private readonly tokens: TokenService,
    private readonly events: MeetingEvents,
    /** The board limits in force, reported in the meeting answer for the editor. */
    private readonly limits: BoardLimitsInfo,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async createMeeting(body: CreateMeetingBody): Promise<CreateMeetingResult> {
    const createdAt = this.now();
    const meeting: MeetingRecord = {
      id: randomId(),
      title: body.title,
      date: body.date ?? null,
      district: body.district ?? '',
      planYear: body.planYear ?? null,
      departments: body.departments ?? [...DEFAULT_DEPARTMENTS],
      joinCode: await this.freshJoinCode(),
      createdAt,
    };
    const facilitator: ParticipantRecord = {
      id: randomId(),
      meetingId: meeting.id,
      role: 'facilitator',
      name: FACILITATOR_DEFAULT_NAME,
      department: null,
      createdAt,
      removedAt: null,
    };
    const board = (title: string, department: string | null, position: number): BoardRecord => ({
      id: randomId(),
      meetingId: meeting.id,
      kind: 'swot',
      title,
      department,
      locked: false,
      private: false,
      position,
      createdAt,
    });
    const boards = [
      board(DISTRICT_BOARD_TITLE, null, 0),
      ...meeting.departments.map((d, i) => board(departmentBoardTitle(d), d, i + 1)),
    ];
    // One transaction: no instance can ever load a board whose header is not stored yet.
    await this.storage.createMeetingWithDocuments(
      meeting,
      [facilitator],
      boards,
      boards.map((b) => ({ boardId: b.id, update: initialBoardUpdate(b.kind), createdAt })),
    );
    await this.storage.replaceAgenda(meeting.id, defaultAgendaSteps(meeting.id, boards));
    return {
      id: meeting.id,
      joinCode: meeting.joinCode,
      facilitatorToken: this.tokens.sign({
        meetingId: meeting.id,
        participantId: facilitator.id,
        role: 'facilitator',
      }),
      observerToken: this.tokens.sign({
        meetingId: meeting.id,
        participantId: null,
        role: 'observer',
      }),
    };
  }

  /** A join code no meeting has (also used by the archive import). */
  async freshJoinCode(): Promise<string> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const code = randomString(JOIN_CODE_LENGTH, JOIN_CODE_ALPHABET);
      if (!(await this.storage.getMeetingByJoinCode(code))) return code;
    }
    throw new AppError('internal', 'could not allocate a join code');
  }

  async previewJoin(joinCode: string): Promise<JoinPreview> {
    const meeting = await this.storage.getMeetingByJoinCode(joinCode);
    if (!meeting) throw new AppError('join_code_invalid', 'no meeting has this join code');
    return {
      meetingId: meeting.id,
      title: meeting.title,
      district: meeting.district,
      departments: meeting.departments,
    };
  }

  async join(body: JoinBody): Promise<JoinResult> {
    const meeting = await this.storage.getMeetingByJoinCode(body.joinCode);
    if (!meeting) throw new AppError('join_code_invalid', 'no meeting has this join code');
    if (!meeting.departments.includes(body.department)) {
      throw new AppError('department_unknown', 'department is not part of this meeting', {
        department: ['not one of the meeting departments'],
      });
    }
    const participant: ParticipantRecord = {
      id: randomId(),
      meetingId: meeting.id,
      role: 'participant',
      name: body.name,
      department: body.department,
      createdAt: this.now(),
      removedAt: null,
    };
    await this.storage.createParticipant(participant);
    const auth: AuthContext = {
      meetingId: meeting.id,
      participantId: participant.id,
      role: 'participant',
      name: participant.name,
      department: participant.department,
    };
    return {
      meetingId: meeting.id,
      participantId: participant.id,
      token: this.tokens.sign({
        meetingId: meeting.id,
        participantId: participant.id,
        role: 'participant',
      }),
      // The join page passes it on, so the meeting page need not fetch it again first.
      meeting: await this.getMeetingView(auth, meeting.id),
    };
  }

  /**
   * The caller behind a token, or null when the token is invalid, expired, or belongs to a
   * participant who was removed or a meeting that no longer exists.
   */
  async authenticate(token: unknown): Promise<AuthContext | null> {
    const claims = this.tokens.verify(token);
    if (!claims) return null;
    if (claims.participantId === null) {
      if (claims.role !== 'observer') return null;
      const meeting = await this.storage.getMeeting(claims.meetingId);
      return meeting
        ? {
            meetingId: meeting.id,
            participantId: null,
            role: 'observer',
            name: OBSERVER_NAME,
            department: null,
          }
        : null;
    }
    const p = await this.storage.getParticipant(claims.participantId);
    if (!p || p.removedAt !== null || p.meetingId !== claims.meetingId) return null;
    return {
      meetingId: p.meetingId,
      participantId: p.id,
      role: p.role,
      name: p.name,
      department: p.department,
    };
  }

  /** Throws unless the caller's token is for `meetingId`. */
  private assertMeeting(auth: AuthContext, meetingId: string): void {
    if (auth.meetingId !== meetingId)
      throw new AppError('forbidden', 'token is for another meeting');
  }

  private assertFacilitator(auth: AuthContext): void {
    if (!canFacilitate(auth.role))
      throw new AppError('forbidden', 'only the facilitator can do this');
  }

  async listBoards(meetingId: string): Promise<BoardInfo[]> {
    return (await this.storage.listBoards(meetingId)).map(toBoardInfo);
  }

  async getMeetingView(auth: AuthContext, meetingId: string): Promise<MeetingView> {
    this.assertMeeting(auth, meetingId);
    const meeting = await this.storage.getMeeting(meetingId);
    if (!meeting) throw new AppError('not_found', 'meeting not found');
    return {
      id: meeting.id,
      title: meeting.title,
      date: meeting.date,
      district: meeting.district,
      planYear: meeting.planYear,
      departments: meeting.departments,
      // The projector (observer link) shows the code to the hall; participants need not see it.
      joinCode: canFacilitate(auth.role) || auth.role === 'observer' ? meeting.joinCode : null,
      boards: await this.listBoards(meetingId),
      me: this.me(auth),
      createdAt: meeting.createdAt,
      limits: { ...this.limits },
    };
  }

  private me(auth: AuthContext): Me {
    return {
      participantId: auth.participantId,
      role: auth.role,
      name: auth.name,
      department: auth.department,
    };
  }

  async createBoard(
    auth: AuthContext,
    meetingId: string,
    body: CreateBoardBody,
  ): Promise<BoardInfo> {
    this.assertMeeting(auth, meetingId);
    this.assertFacilitator(auth);
    const meeting = await this.storage.getMeeting(meetingId);
    if (!meeting) throw new AppError('not_found', 'meeting not found');
    if (body.department !== undefined && !meeting.departments.includes(body.department)) {
      throw new AppError('department_unknown', 'department is not part of this meeting', {
        department: ['not one of the meeting departments'],
      });
    }
    // Count, position and inserts are one transaction (two facilitators may add at once).
    const board = await this.storage.addBoard(
      {
        id: randomId(),
        meetingId,
        kind: body.kind,
        title: body.title,
        department: body.department ?? null,
        locked: false,
        private: false,
        createdAt: this.now(),
      },
      initialBoardUpdate(body.kind, { planYear: meeting.planYear }),
      Limits.boardsMax,
    );
    if (!board) {
      throw new AppError('too_many_boards', `a meeting has at most ${Limits.boardsMax} boards`);
    }
    this.events.emit('boards-changed', meetingId);
    return toBoardInfo(board);
  }

  async updateBoard(
    auth: AuthContext,
    meetingId: string,
    boardId: string,
    body: UpdateBoardBody,
  ): Promise<BoardInfo> {
    this.assertMeeting(auth, meetingId);
    this.assertFacilitator(auth);
    const board = await this.storage.getBoard(boardId);
    if (!board || board.meetingId !== meetingId) throw new AppError('not_found', 'board not found');
    await this.storage.updateBoard(boardId, body);
    this.events.emit('boards-changed', meetingId);
    return toBoardInfo({ ...board, ...body });
  }

  async updateMe(auth: AuthContext, meetingId: string, body: UpdateMeBody): Promise<Me> {
    this.assertMeeting(auth, meetingId);
    if (auth.participantId === null) throw new AppError('forbidden', 'observers have no profile');
    if (body.department !== undefined) {
      const meeting = await this.storage.getMeeting(meetingId);
      if (!meeting?.departments.includes(body.department)) {
        throw new AppError('department_unknown', 'department is not part of this meeting', {
          department: ['not one of the meeting departments'],
        });
      }
    }
    await this.storage.updateParticipant(auth.participantId, body);
    const me = this.me({ ...auth, ...body });
    this.events.emit('participant-changed', meetingId, {
      participantId: auth.participantId,
      name: me.name,
      department: me.department,
    });
    return me;
  }

  /** Every current participant (the facilitator's list). */
  async listParticipants(auth: AuthContext, meetingId: string): Promise<ParticipantInfo[]> {
    this.assertMeeting(auth, meetingId);
    this.assertFacilitator(auth);
    return (await this.storage.listParticipants(meetingId))
      .filter((p) => p.removedAt === null)
      .map((p) => ({
        participantId: p.id,
        name: p.name,
        department: p.department,
        role: p.role,
        createdAt: p.createdAt,
      }));
  }

  /** Applies a checked change; returns the participant as it was before. */
  private async changeParticipant(
    meetingId: string,
    participantId: string,
    change: ParticipantChange,
  ): Promise<ParticipantRecord> {
    const result = await this.storage.changeParticipant(meetingId, participantId, change);
    if (result.ok) return result.before;
    if (result.reason === 'last_facilitator')
      throw new AppError('last_facilitator', 'a meeting keeps at least one facilitator');
    throw new AppError('not_found', 'participant not found');
  }

  /**
   * Removes a participant: their tokens stop working and their open connections on every
   * channel are closed (through the `participant-removed` event).
   */
  async removeParticipant(
    auth: AuthContext,
    meetingId: string,
    participantId: string,
  ): Promise<void> {
    this.assertMeeting(auth, meetingId);
    this.assertFacilitator(auth);
    const p = await this.changeParticipant(meetingId, participantId, { removedAt: this.now() });
    this.events.emit('participant-removed', meetingId, p.id);
  }

  /**
   * Makes a participant a (co-)facilitator or a participant again. Handing over the role is
   * two calls: promote the other person, then demote yourself.
   */
  async setRole(
    auth: AuthContext,
    meetingId: string,
    participantId: string,
    body: UpdateParticipantBody,
  ): Promise<ParticipantInfo> {
    this.assertMeeting(auth, meetingId);
    this.assertFacilitator(auth);
    // The last-facilitator check and the write are one transaction in storage.
    const p = await this.changeParticipant(meetingId, participantId, { role: body.role });
    if (p.role !== body.role) this.events.emit('participant-role-changed', meetingId, p.id);
    return {
      participantId: p.id,
      name: p.name,
      department: p.department,
      role: body.role,
      createdAt: p.createdAt,
    };
  }

  /** Issues a new join code; the old one stops admitting new people. */
  async rotateJoinCode(auth: AuthContext, meetingId: string): Promise<JoinCodeResult> {
    this.assertMeeting(auth, meetingId);
    this.assertFacilitator(auth);
    const joinCode = await this.freshJoinCode();
    await this.storage.updateJoinCode(meetingId, joinCode);
    this.events.emit('join-code-changed', meetingId);
    return { joinCode };
  }

  /** Locks or unlocks a board (facilitator). Participants cannot write to a locked board. */
  async setBoardLocked(auth: AuthContext, boardId: string, locked: boolean): Promise<BoardInfo> {
    this.assertFacilitator(auth);
    const board = await this.storage.getBoard(boardId);
    if (!board || board.meetingId !== auth.meetingId)
      throw new AppError('not_found', 'board not found');
    if (board.locked !== locked) {
      await this.storage.updateBoard(boardId, { locked });
      this.events.emit('board-locked', auth.meetingId, boardId, locked);
      this.events.emit('boards-changed', auth.meetingId);
      // Each lock is a snapshot of the record (issue 11).
      this.events.emit('record-mark', auth.meetingId, {
        reason: locked ? 'lock' : 'unlock',
        label: board.title,
        boardId,
        participantId: auth.participantId,
        at: this.now(),
      });
    }
    return toBoardInfo({ ...board, locked });
  }

  /** Whether a participant exists and has not been removed. */
  async participantActive(participantId: string): Promise<boolean> {
    const p = await this.storage.getParticipant(participantId);
    return p !== null && p.removedAt === null;
  }

  /** Whether a board is locked and whether private writing is on, as stored; null for an unknown board. */
  async boardAccess(boardId: string): Promise<{ locked: boolean; private: boolean } | null> {
    const board = await this.storage.getBoard(boardId);
    return board ? { locked: board.locked, private: board.private } : null;
  }

  /**
   * The board a realtime connection asks for, if the caller may open it.
   * Throws `not_found` or `forbidden`.
   */
  async boardForConnection(auth: AuthContext, boardId: string): Promise<BoardRecord> {
    const board = await this.storage.getBoard(boardId);
    if (!board) throw new AppError('not_found', 'board not found');
    if (board.meetingId !== auth.meetingId)
      throw new AppError('forbidden', 'board belongs to another meeting');
    return board;
  }
}
