/**
 * Contract of `RecordStore` (and of the record-related parts of `DocumentStore`), run against
 * every adapter: SQLite and PostgreSQL in record-store.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { ImportBundle } from './record-store';
import type { MeetingRecord, ParticipantRecord, Storage } from './storage';

let counter = 0;
const uid = (p: string) => `${p}${String(++counter).padStart(8, '0')}`;

function meeting(): MeetingRecord {
  return {
    id: uid('m'),
    title: 'Hội nghị',
    date: null,
    district: 'Huyện Mẫu',
    planYear: 2026,
    departments: ['Phòng Y tế'],
    joinCode: uid('J').slice(0, 9),
    createdAt: 1000,
  };
}

function person(meetingId: string, name: string, createdAt = 1000): ParticipantRecord {
  return {
    id: uid('p'),
    meetingId,
    role: 'participant',
    name,
    department: 'Phòng Y tế',
    createdAt,
    removedAt: null,
  };
}

export function recordStoreContract(name: string, make: () => Promise<Storage> | Storage): void {
  describe(`RecordStore contract: ${name}`, () => {
    it('keeps the name history of every participant insert and rename', async () => {
      const s = await make();
      const m = meeting();
      const fac = { ...person(m.id, 'Người điều phối'), role: 'facilitator' as const };
      await s.createMeeting(m, [fac], []);
      const p = person(m.id, 'An', 2000);
      await s.createParticipant(p);
      await s.updateParticipant(p.id, { name: 'An (mới)' });
      await s.updateParticipant(p.id, { removedAt: 5000 });
      const history = await s.listNameHistory(m.id);
      expect(history.map((h) => [h.participantId, h.name])).toEqual([
        [fac.id, 'Người điều phối'],
        [p.id, 'An'],
        [p.id, 'An (mới)'],
      ]);
      expect(history[2]!.since).toBeGreaterThanOrEqual(history[1]!.since);
      await s.close();
    });

    it('stores whether an update was a server write', async () => {
      const s = await make();
      const board = uid('b');
      await s.appendUpdate(board, new Uint8Array([0, 0]), 'p1', 1, { serverWrite: true });
      await s.appendUpdate(board, new Uint8Array([0, 0]), 'p1', 2);
      await s.appendUpdate(board, new Uint8Array([0, 0]), null, 3);
      const rows = await s.listUpdates(board);
      expect(rows.map((r) => r.serverWrite)).toEqual([true, false, true]);
      await s.close();
    });

    it('keeps marks in time order and settings per meeting', async () => {
      const s = await make();
      const m = meeting();
      await s.createMeeting(m, [], []);
      await s.addMark({
        id: uid('k'),
        meetingId: m.id,
        boardId: null,
        at: 20,
        reason: 'manual',
        label: 'B',
        participantId: null,
      });
      await s.addMark({
        id: uid('k'),
        meetingId: m.id,
        boardId: 'b1',
        at: 10,
        reason: 'lock',
        label: 'A',
        participantId: 'p1',
      });
      expect((await s.listMarks(m.id)).map((x) => x.label)).toEqual(['A', 'B']);
      expect(await s.getRecordSettings(m.id)).toBeNull();
      const settings = {
        meetingId: m.id,
        secretaryId: 'p1',
        supervisingBody: 'UBND tỉnh',
        issuingBody: 'UBND huyện',
        place: 'Huyện Mẫu',
        documentNumber: '01',
        updatedAt: 5,
      };
      await s.saveRecordSettings(settings);
      await s.saveRecordSettings({ ...settings, place: 'Xã Mẫu', updatedAt: 6 });
      expect(await s.getRecordSettings(m.id)).toEqual({
        ...settings,
        place: 'Xã Mẫu',
        updatedAt: 6,
      });
      await s.close();
    });

    it('imports a whole meeting, or nothing when any row fails', async () => {
      const s = await make();
      const m = meeting();
      const p = { ...person(m.id, 'An'), role: 'facilitator' as const };
      const bundle: ImportBundle = {
        meeting: m,
        participants: [p],
        nameHistory: [{ participantId: p.id, name: 'An', department: null, since: 1 }],
        origins: [{ participantId: p.id, originalId: 'archive0001' }],
        boards: [
          {
            id: uid('b'),
            meetingId: m.id,
            kind: 'swot',
            title: 'B',
            department: null,
            locked: false,
            private: false,
            position: 0,
            createdAt: 1,
          },
        ],
        updates: [],
        marks: [
          {
            id: uid('k'),
            meetingId: m.id,
            boardId: null,
            at: 1,
            reason: 'manual',
            label: 'x',
            participantId: p.id,
          },
        ],
        settings: null,
      };
      bundle.updates.push({
        docId: bundle.boards[0]!.id,
        update: new Uint8Array([0, 0]),
        participantId: p.id,
        createdAt: 7,
        serverWrite: true,
      });
      await s.importMeeting(bundle);
      expect((await s.getMeeting(m.id))?.title).toBe('Hội nghị');
      expect((await s.listNameHistory(m.id)).length).toBe(1);
      expect((await s.listParticipantOrigins(m.id)).get(p.id)).toBe('archive0001');
      expect((await s.listUpdates(bundle.boards[0]!.id))[0]).toMatchObject({
        participantId: p.id,
        createdAt: 7,
        serverWrite: true,
      });

      // A second import with a clashing id fails midway: the meeting it began must not exist.
      const m2 = meeting();
      const clash: ImportBundle = {
        ...bundle,
        meeting: m2,
        participants: [{ ...p, meetingId: m2.id, id: uid('p') }],
        nameHistory: [],
        origins: [],
        boards: [{ ...bundle.boards[0]!, meetingId: m2.id }], // same board id: refused
        updates: [],
        marks: [],
      };
      await expect(s.importMeeting(clash)).rejects.toThrow();
      expect(await s.getMeeting(m2.id)).toBeNull();
      expect(await s.listParticipants(m2.id)).toEqual([]);
      await s.close();
    });

    it('imports the agenda, the running state, rounds with their numbers and ballots, and decisions', async () => {
      const s = await make();
      const m = meeting();
      const p = { ...person(m.id, 'An'), role: 'facilitator' as const };
      const q = person(m.id, 'Bình');
      const list = {
        id: uid('b'),
        meetingId: m.id,
        kind: 'priority' as const,
        title: 'Ưu tiên',
        department: null,
        locked: true,
        private: false,
        position: 0,
        createdAt: 1,
      };
      const steps = [0, 1].map((position) => ({
        id: uid('s'),
        meetingId: m.id,
        position,
        title: `Bước ${position + 1}`,
        minutes: 10,
        boardId: position === 1 ? list.id : null,
        startedAt: 100 + position * 10,
        endedAt: position === 0 ? 110 : null,
      }));
      const round = (n: number, status: 'open' | 'revealed') => ({
        id: uid('r'),
        meetingId: m.id,
        boardId: list.id,
        round: n,
        method: 'dots' as const,
        status,
        dotsPerVoter: 3,
        maxPerItem: null,
        unit: 'person' as const,
        criteria: null,
        items: [{ id: 'item1', title: 'Một' }],
        openedBy: p.id,
        openedAt: 200 + n,
        closedBy: status === 'revealed' ? p.id : null,
        closedAt: status === 'revealed' ? 210 : null,
        results: status === 'revealed' ? { totals: { item1: 3 }, byDepartment: {} } : null,
      });
      // Round numbers are kept as archived (here 2 and 5), not renumbered from 1.
      const revealed = round(2, 'revealed');
      const open = round(5, 'open');
      const ballot = (roundId: string, who: string, castAt: number) => ({
        roundId,
        participantId: who,
        name: who === p.id ? 'An' : 'Bình',
        department: null,
        castBy: who,
        proxy: false,
        content: { item1: 1 },
        castAt,
      });
      await s.importMeeting({
        meeting: m,
        participants: [p, q],
        nameHistory: [],
        origins: [],
        boards: [list],
        updates: [],
        marks: [],
        settings: null,
        live: {
          agenda: steps,
          hands: [],
          drafts: [],
          control: {
            currentStepId: steps[1]!.id,
            timerStatus: 'paused',
            timerEndsAt: null,
            timerRemainingMs: 3000,
            followOn: true,
            followBoardId: list.id,
            followCardId: 'item1',
          },
          voteRounds: [revealed, open],
          ballots: [
            ballot(revealed.id, q.id, 205),
            ballot(revealed.id, p.id, 206),
            ballot(open.id, q.id, 220),
          ],
          decisions: [
            {
              id: uid('d'),
              meetingId: m.id,
              boardId: list.id,
              roundId: revealed.id,
              ranking: [{ itemId: 'item1', title: 'Một', value: 3, rank: 1, tied: false }],
              decidedBy: p.id,
              decidedByName: 'An',
              decidedAt: 230,
            },
          ],
        },
      });
      expect(await s.listAgendaSteps(m.id)).toEqual(steps);
      expect(await s.getMeetingControl(m.id)).toEqual({
        currentStepId: steps[1]!.id,
        timerStatus: 'paused',
        timerEndsAt: null,
        timerRemainingMs: 3000,
        followOn: true,
        followBoardId: list.id,
        followCardId: 'item1',
      });
      expect(await s.listVoteRounds(m.id)).toEqual([revealed, open]);
      expect((await s.listVoters(revealed.id)).map((v) => v.name)).toEqual(['Bình', 'An']);
      expect(await s.getBallot(open.id, q.id)).toMatchObject({
        content: { item1: 1 },
        castAt: 220,
      });
      expect((await s.listDecisions(m.id)).map((d) => d.roundId)).toEqual([revealed.id]);
      // The imported open round is still open (its ballots secret): no second one on the list.
      expect(await s.createVoteRound({ ...round(0, 'open'), id: uid('r') })).toBeNull();
      await s.close();
    });
  });
}
