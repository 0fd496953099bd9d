/**
 * The join answer's board state (JoinBoardService) over real storage, real rooms and the real
 * meeting service: which board, who may read it, and that a cold board is answered without
 * loading a room.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, boardView } from '@shared/doc/swot-board';
import type { Logger } from '../logger';
import { boardPolicy } from '../realtime/yjs/board-policy';
import { RoomRegistry } from '../realtime/yjs/room-registry';
import { SqliteStorage } from '../storage/sqlite/sqlite-storage';
import { FacilitationService } from './facilitation-service';
import { JoinBoardService } from './join-board';
import { MeetingEvents } from './meeting-events';
import { MeetingService } from './meeting-service';
import { TokenService } from './token-service';

const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
} as unknown as Logger;

const limits = { cardTextMax: 2000, cardsPerBoardMax: 500 };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function setup(maxBytes?: number) {
  const storage = new SqliteStorage({ file: ':memory:' });
  const events = new MeetingEvents();
  const meetings = new MeetingService(
    storage,
    new TokenService(Buffer.alloc(32, 7), 3600),
    events,
    limits,
  );
  const facilitation = new FacilitationService(storage, events);
  const rooms = new RoomRegistry({
    store: storage,
    log: silent,
    snapshotEvery: 100,
    policyFor: () => Promise.resolve(boardPolicy('swot', limits)),
  });
  closers.push(async () => {
    await rooms.closeAll(1012, 'test over');
    await storage.close();
  });
  const service = new JoinBoardService({
    meetings,
    follow: (id) => facilitation.follow(id),
    states: rooms,
    log: silent,
    maxBytes,
  });
  const meeting = await meetings.createMeeting({
    title: 'Hội nghị (dữ liệu mẫu)',
    departments: ['Phòng Y tế', 'Phòng Tài chính - Kế hoạch'],
  });
  const boards = await meetings.listBoards(meeting.id);
  const join = async (department: string) =>
    service.withBoard(
      await meetings.join({ joinCode: meeting.joinCode, name: 'Chị Lan', department }),
    );
  return { storage, rooms, meeting, boards, join };
}

/** A card written into a board through its room, as a client's update would be. */
async function writeCard(rooms: RoomRegistry, boardId: string, text: string): Promise<void> {
  await rooms.withRoom(boardId, (room) =>
    room.applyServerChange((doc) => {
      addCard(doc, { quadrant: 'strengths', author: { id: 'f', name: 'F', department: '' }, text });
    }, null),
  );
}

const cardsOf = (update: string): string[] => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(Buffer.from(update, 'base64')));
  return boardView(doc).strengths.map((c) => c.text);
};

describe('JoinBoardService', () => {
  it("carries the department's board as stored, without loading a room for it", async () => {
    const { rooms, boards, join } = await setup();
    const health = boards.find((b) => b.department === 'Phòng Y tế')!;
    await writeCard(rooms, health.id, 'đã lưu');
    // The room unloads (2 s after its last use) only in real time; close it now instead.
    await rooms.closeAll(1012, 'unload');
    expect(rooms.size).toBe(0);

    const joined = await join('Phòng Y tế');
    expect(joined.board?.boardId).toBe(health.id);
    expect(cardsOf(joined.board!.update)).toEqual(['đã lưu']);
    expect(rooms.size).toBe(0);
  });

  it('answers a loaded board from its room, what was stored a moment ago included', async () => {
    const { rooms, boards, join } = await setup();
    const health = boards.find((b) => b.department === 'Phòng Y tế')!;
    await writeCard(rooms, health.id, 'một');
    await writeCard(rooms, health.id, 'hai');
    expect(rooms.size).toBe(1);
    const joined = await join('Phòng Y tế');
    expect(cardsOf(joined.board!.update).sort()).toEqual(['hai', 'một']);
  });

  it("never carries a board this participant may not read: another meeting's, even followed", async () => {
    const { storage, boards, meeting, join } = await setup();
    const other = await setup();
    const foreign = other.boards[0]!.id;
    // A follow-me state naming another meeting's board: the service refuses to store one, so
    // it is written straight into storage, as damage or an old bug would leave it.
    await storage.updateMeetingControl(meeting.id, { followOn: true, followBoardId: foreign });
    const health = boards.find((b) => b.department === 'Phòng Y tế')!;
    const refused = await join('Phòng Y tế');
    expect(refused.board?.boardId).not.toBe(foreign);
    expect(refused.board?.boardId).toBe(health.id);
    // Positive control: follow-me on this meeting's district board is carried.
    const district = boards.find((b) => b.department === null)!;
    await storage.updateMeetingControl(meeting.id, { followOn: true, followBoardId: district.id });
    const followed = await join('Phòng Y tế');
    expect(followed.board?.boardId).toBe(district.id);
  });

  it('leaves out a board larger than the bound', async () => {
    const { rooms, boards, join } = await setup(1000);
    const health = boards.find((b) => b.department === 'Phòng Y tế')!;
    const finance = boards.find((b) => b.department === 'Phòng Tài chính - Kế hoạch')!;
    await writeCard(rooms, health.id, 'x'.repeat(1500));
    expect((await join('Phòng Y tế')).board).toBeUndefined();
    await rooms.closeAll(1012, 'unload');
    expect((await join('Phòng Y tế')).board).toBeUndefined();
    // Positive control: a small board under the same bound.
    expect((await join('Phòng Tài chính - Kế hoạch')).board?.boardId).toBe(finance.id);
  });
});
