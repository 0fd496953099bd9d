/**
 * Contract of `FacilitationStore`, run against every storage adapter (SQLite now,
 * PostgreSQL): `runFacilitationStoreContract(() => new Adapter(...), 'adapter')`.
 */
import { describe, expect, it } from 'vitest';
import type { AgendaStepRecord } from './facilitation-store';
import type { BoardRecord, Storage } from './storage';

export function runFacilitationStoreContract(
  makeStorage: () => Storage | Promise<Storage>,
  name = 'sqlite',
): void {
  const meetingId = 'meeting-1';
  const board: BoardRecord = {
    id: 'board-1',
    meetingId,
    kind: 'swot',
    title: 'Toàn huyện',
    department: null,
    locked: false,
    private: false,
    position: 0,
    createdAt: 1,
  };
  const step = (id: string, boardId: string | null = null): AgendaStepRecord => ({
    id,
    meetingId,
    position: 0,
    title: `Bước ${id}`,
    minutes: 10,
    boardId,
    startedAt: null,
    endedAt: null,
  });

  async function fresh(): Promise<Storage> {
    const storage = await makeStorage();
    await storage.createMeeting(
      {
        id: meetingId,
        title: 'Hội nghị (dữ liệu mẫu)',
        date: null,
        district: '',
        planYear: null,
        departments: ['Phòng Y tế'],
        joinCode: 'ACDEFG',
        createdAt: 1,
      },
      [
        {
          id: 'person-1',
          meetingId,
          role: 'participant',
          name: 'A',
          department: 'Phòng Y tế',
          createdAt: 1,
          removedAt: null,
        },
      ],
      [board],
    );
    return storage;
  }

  describe(`FacilitationStore contract: ${name}`, () => {
    it('replaces the agenda in order, and forgets a deleted current step', async () => {
      const s = await fresh();
      await s.replaceAgenda(meetingId, [step('s1'), step('s2', board.id), step('s3')]);
      expect((await s.listAgendaSteps(meetingId)).map((x) => [x.id, x.position])).toEqual([
        ['s1', 0],
        ['s2', 1],
        ['s3', 2],
      ]);
      expect(await s.gotoAgendaStep(meetingId, 's3', 100)).toBe(true);
      await s.replaceAgenda(meetingId, [step('s2', board.id), step('s1')]);
      expect((await s.listAgendaSteps(meetingId)).map((x) => x.id)).toEqual(['s2', 's1']);
      expect((await s.getMeetingControl(meetingId)).currentStepId).toBeNull();
      await s.close();
    });

    it('records the actual times of each step as the meeting moves, back included', async () => {
      const s = await fresh();
      await s.replaceAgenda(meetingId, [step('s1'), step('s2', board.id)]);
      await s.gotoAgendaStep(meetingId, 's1', 100);
      await s.updateMeetingControl(meetingId, {
        timerStatus: 'running',
        timerEndsAt: 999,
        followCardId: 'card-1',
      });
      await s.gotoAgendaStep(meetingId, 's2', 200);
      let steps = await s.listAgendaSteps(meetingId);
      expect(steps.map((x) => [x.startedAt, x.endedAt])).toEqual([
        [100, 200],
        [200, null],
      ]);
      const control = await s.getMeetingControl(meetingId);
      expect(control).toMatchObject({
        currentStepId: 's2',
        timerStatus: 'idle',
        timerEndsAt: null,
        followBoardId: board.id,
        followCardId: null,
      });
      await s.gotoAgendaStep(meetingId, 's1', 300);
      steps = await s.listAgendaSteps(meetingId);
      // Back to s1: it keeps its first start and is current again; s2 ended now.
      expect(steps.map((x) => [x.startedAt, x.endedAt])).toEqual([
        [100, null],
        [200, 300],
      ]);
      expect(await s.gotoAgendaStep(meetingId, 'nope', 400)).toBe(false);
      await s.close();
    });

    it('keeps control fields it was not asked to change', async () => {
      const s = await fresh();
      expect(await s.getMeetingControl(meetingId)).toMatchObject({
        timerStatus: 'idle',
        followOn: false,
      });
      await s.updateMeetingControl(meetingId, { followOn: true, followBoardId: board.id });
      await s.updateMeetingControl(meetingId, { timerStatus: 'paused', timerRemainingMs: 5000 });
      expect(await s.getMeetingControl(meetingId)).toEqual({
        currentStepId: null,
        timerStatus: 'paused',
        timerEndsAt: null,
        timerRemainingMs: 5000,
        followOn: true,
        followBoardId: board.id,
        followCardId: null,
      });
      await s.close();
    });

    it('queues hands by the time of the first request', async () => {
      const s = await fresh();
      expect(await s.raiseHand({ meetingId, participantId: 'b', raisedAt: 20 })).toBe(true);
      expect(await s.raiseHand({ meetingId, participantId: 'a', raisedAt: 10 })).toBe(true);
      expect(await s.raiseHand({ meetingId, participantId: 'b', raisedAt: 30 })).toBe(false);
      expect((await s.listHands(meetingId)).map((h) => [h.participantId, h.raisedAt])).toEqual([
        ['a', 10],
        ['b', 20],
      ]);
      expect(await s.lowerHand(meetingId, 'a')).toBe(true);
      expect(await s.lowerHand(meetingId, 'a')).toBe(false);
      expect((await s.listHands(meetingId)).map((h) => h.participantId)).toEqual(['b']);
      await s.close();
    });

    it('records draft counts and says when they changed', async () => {
      const s = await fresh();
      const d = { boardId: board.id, participantId: 'person-1', cards: 2, updatedAt: 5 };
      expect(await s.setDraftCount(d)).toBe(true);
      expect(await s.setDraftCount({ ...d, updatedAt: 6 })).toBe(false);
      expect(await s.setDraftCount({ ...d, cards: 0, updatedAt: 7 })).toBe(true);
      expect(await s.listDrafts(board.id)).toEqual([{ ...d, cards: 0, updatedAt: 7 }]);
      await s.close();
    });

    it('stores private mode with the board', async () => {
      const s = await fresh();
      expect((await s.getBoard(board.id))?.private).toBe(false);
      await s.setBoardPrivate(board.id, true);
      expect((await s.getBoard(board.id))?.private).toBe(true);
      expect((await s.listBoards(meetingId))[0]?.private).toBe(true);
      await s.close();
    });
  });
}
