/**
 * The record's extension points: a feature's section provider fills its section of the
 * record, and its archive part travels through export and import with re-keyed ids.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../logger';
import { MeetingEvents } from '../services/meeting-events';
import type { AuthContext } from '../services/meeting-service';
import { TokenService } from '../services/token-service';
import { SqliteStorage } from '../storage/sqlite/sqlite-storage';
import { ArchiveService } from './archive/archive-service';
import { RecordService } from './record-service';

const log = createLogger('silent');

async function setup() {
  const storage = new SqliteStorage({ file: ':memory:' });
  const events = new MeetingEvents();
  const meetingId = 'meeting0001';
  await storage.createMeeting(
    {
      id: meetingId,
      title: 'Hội nghị',
      date: null,
      district: 'Huyện Mẫu',
      planYear: 2026,
      departments: ['Phòng Y tế'],
      joinCode: 'AAAAAA',
      createdAt: 1,
    },
    [
      {
        id: 'facil000001',
        meetingId,
        role: 'facilitator',
        name: 'Chủ trì',
        department: null,
        createdAt: 1,
        removedAt: null,
      },
    ],
    [
      {
        id: 'board000001',
        meetingId,
        kind: 'swot',
        title: 'B',
        department: null,
        locked: false,
        private: false,
        position: 0,
        createdAt: 1,
      },
    ],
  );
  const auth: AuthContext = {
    meetingId,
    participantId: 'facil000001',
    role: 'facilitator',
    name: 'Chủ trì',
    department: null,
  };
  return { storage, events, meetingId, auth };
}

describe('RecordService extension points', () => {
  it('a registered provider fills its section (the agenda of issue 9)', async () => {
    const { storage, events, meetingId, auth } = await setup();
    const record = new RecordService(storage, events, log);
    record.registerProvider({
      name: 'agenda',
      async fill(ctx, r) {
        r.agenda.steps.push({
          id: 's1',
          title: `SWOT – ${ctx.meeting.district}`,
          minutes: 30,
          boardId: ctx.boards[0]!.id,
          startedAt: 10,
          endedAt: 20,
        });
      },
    });
    const r = await record.getRecord(auth, meetingId);
    expect(r.agenda.steps).toEqual([
      {
        id: 's1',
        title: 'SWOT – Huyện Mẫu',
        minutes: 30,
        boardId: 'board000001',
        startedAt: 10,
        endedAt: 20,
      },
    ]);
    await storage.close();
  });

  it('stores a record-mark emitted on the bus', async () => {
    const { storage, events, meetingId } = await setup();
    new RecordService(storage, events, log);
    events.emit('record-mark', meetingId, {
      reason: 'agenda-step',
      label: 'Bước 2',
      boardId: null,
      participantId: 'facil000001',
      at: 5,
    });
    await Promise.resolve();
    expect((await storage.listMarks(meetingId)).map((m) => [m.reason, m.label])).toEqual([
      ['agenda-step', 'Bước 2'],
    ]);
    await storage.close();
  });

  it('an archive part is exported and imported with re-keyed ids', async () => {
    const { storage, meetingId, auth } = await setup();
    const archive = new ArchiveService({
      storage,
      tokens: new TokenService(Buffer.alloc(32, 7), 3600),
      allocateJoinCode: async () => 'BBBBBB',
    });
    const imported: unknown[] = [];
    archive.registerPart({
      name: 'agenda',
      schema: z.object({
        steps: z.array(z.object({ title: z.string(), boardKey: z.string(), by: z.string() })),
      }),
      async export(_meetingId, archiveIdOf) {
        return {
          steps: [{ title: 'Bước 1', boardKey: 'board000001', by: archiveIdOf('facil000001') }],
        };
      },
      import(data, ids) {
        imported.push(
          data.steps.map((s) => ({
            title: s.title,
            boardId: ids.board(s.boardKey),
            by: ids.participant(s.by),
          })),
        );
      },
    });
    const a = await archive.exportArchive(auth, meetingId);
    expect(a.parts.agenda).toEqual({
      steps: [{ title: 'Bước 1', boardKey: 'board000001', by: 'facil000001' }],
    });
    const created = await archive.importArchive(JSON.parse(JSON.stringify(a)));
    const boards = await storage.listBoards(created.id);
    const people = await storage.listParticipants(created.id);
    expect(imported).toEqual([[{ title: 'Bước 1', boardId: boards[0]!.id, by: people[0]!.id }]]);
    expect(boards[0]!.id).not.toBe('board000001');
    await storage.close();
  });
});
