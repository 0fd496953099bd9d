/**
 * Contract of `VoteStore`: every storage adapter passes it (SQLite in vote-store.test.ts; the
 * PostgreSQL adapter calls the same function).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from './storage';
import type { BallotRecord, VoteRoundRecord } from './vote-store';

export function voteStoreContract(
  name: string,
  makeStorage: () => Promise<Storage> | Storage,
): void {
  describe(`VoteStore contract: ${name}`, () => {
    let storage: Storage;
    const meetingId = 'm-contract-0001';
    const boardId = 'b-contract-0001';

    const round = (id: string, extra: Partial<VoteRoundRecord> = {}): VoteRoundRecord => ({
      id,
      meetingId,
      boardId,
      round: 0,
      method: 'dots',
      status: 'open',
      dotsPerVoter: 3,
      maxPerItem: null,
      unit: 'person',
      criteria: null,
      items: [
        { id: 'item-a', title: 'A' },
        { id: 'item-b', title: 'B' },
      ],
      openedBy: 'p-fac',
      openedAt: 1000,
      closedBy: null,
      closedAt: null,
      results: null,
      ...extra,
    });
    const ballot = (
      participantId: string,
      content: Record<string, number>,
      department = 'D1',
    ): BallotRecord => ({
      roundId: 'r-1',
      participantId,
      name: `Người ${participantId}`,
      department,
      castBy: participantId,
      proxy: false,
      content,
      castAt: 2000,
    });

    beforeEach(async () => {
      storage = await makeStorage();
      await storage.createMeeting(
        {
          id: meetingId,
          title: 'T',
          date: null,
          district: '',
          planYear: null,
          departments: ['D1', 'D2'],
          joinCode: 'ACDEFG',
          createdAt: 1,
        },
        [],
        [
          {
            id: boardId,
            meetingId,
            kind: 'priority',
            title: 'Ưu tiên',
            department: null,
            locked: false,
            private: false,
            position: 0,
            createdAt: 1,
          },
        ],
      );
    });
    afterEach(async () => {
      await storage.close();
    });

    it('numbers rounds per board and refuses a second open round', async () => {
      const first = await storage.createVoteRound(round('r-1'));
      expect(first?.round).toBe(1);
      expect(await storage.createVoteRound(round('r-2'))).toBeNull();
      expect(await storage.getVoteRound('r-2')).toBeNull();
      await storage.closeVoteRound('r-1', 'p-fac', 3000, () => ({ totals: {} }));
      const second = await storage.createVoteRound(round('r-2', { method: 'score', criteria: [] }));
      expect(second?.round).toBe(2);
      expect(
        (await storage.listVoteRounds(meetingId)).map((r) => [r.id, r.round, r.status]),
      ).toEqual([
        ['r-1', 1, 'revealed'],
        ['r-2', 2, 'open'],
      ]);
    });

    it('replaces a ballot, lists voters without content, and refuses what check refuses', async () => {
      await storage.createVoteRound(round('r-1'));
      await storage.castBallot(ballot('p1', { 'item-a': 1 }), null, () => {});
      await storage.castBallot(ballot('p1', { 'item-b': 2 }), null, () => {});
      await storage.castBallot(ballot('p2', { 'item-a': 3 }, 'D2'), null, () => {});
      expect((await storage.getBallot('r-1', 'p1'))?.content).toEqual({ 'item-b': 2 });
      expect(await storage.listVoters('r-1')).toEqual([
        { participantId: 'p1', name: 'Người p1' },
        { participantId: 'p2', name: 'Người p2' },
      ]);
      await expect(
        storage.castBallot(ballot('p1', { 'item-a': 9 }), null, () => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect((await storage.getBallot('r-1', 'p1'))?.content).toEqual({ 'item-b': 2 });
    });

    it('hands check the round and the other ballots of the department', async () => {
      await storage.createVoteRound(round('r-1', { unit: 'department' }));
      await storage.castBallot(ballot('p1', { 'item-a': 1 }), 'D1', () => {});
      await storage.castBallot(ballot('p2', { 'item-a': 2 }, 'D2'), 'D2', () => {});
      let seen: { round: string | undefined; others: string[] } | null = null;
      await storage.castBallot(ballot('p3', { 'item-b': 1 }), 'D1', (r, others) => {
        seen = { round: r?.id, others: others.map((b) => b.participantId) };
      });
      expect(seen).toEqual({ round: 'r-1', others: ['p1'] });
    });

    it('ballots cast at once cannot pass a department budget that each check allows alone', async () => {
      await storage.createVoteRound(round('r-1', { unit: 'department', dotsPerVoter: 4 }));
      // Eight people of D1 spend 3 of the department's 4 dots at the same time (PostgreSQL
      // runs them on several connections): the check of each must see the ballots before it.
      // Reads first, so a pool has its connections open and the casts really overlap.
      await Promise.all(Array.from({ length: 8 }, () => storage.getVoteRound('r-1')));
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          storage.castBallot(ballot(`p${i}`, { 'item-a': 3 }), 'D1', (_r, others) => {
            const spent = others.reduce((n, b) => n + Number(b.content['item-a'] ?? 0), 0);
            if (spent + 3 > 4) throw new Error('over budget');
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await storage.listBallots('r-1')).toHaveLength(1);
    });

    it('a ballot and the close do not interleave: the results hold every ballot stored', async () => {
      await storage.createVoteRound(round('r-1'));
      await Promise.all(Array.from({ length: 8 }, () => storage.getVoteRound('r-1')));
      const casts = Array.from({ length: 6 }, (_, i) =>
        storage.castBallot(ballot(`p${i}`, { 'item-a': 1 }), null, (r) => {
          if (r?.status !== 'open') throw new Error('closed');
        }),
      );
      const closed = storage.closeVoteRound('r-1', 'p-fac', 3000, (_r, ballots) => ({
        n: ballots.length,
      }));
      await Promise.allSettled(casts);
      const results = (await closed)?.results as { n: number };
      expect(results.n).toBe((await storage.listBallots('r-1')).length);
    });

    it('closes once, storing results computed from the ballots in the same transaction', async () => {
      await storage.createVoteRound(round('r-1'));
      await storage.castBallot(ballot('p1', { 'item-a': 2 }), null, () => {});
      const closed = await storage.closeVoteRound('r-1', 'p-fac', 3000, (_r, ballots) => ({
        n: ballots.length,
      }));
      expect(closed).toMatchObject({ status: 'revealed', closedAt: 3000, results: { n: 1 } });
      expect(await storage.closeVoteRound('r-1', 'p-fac', 4000, () => ({ n: 99 }))).toBeNull();
      expect((await storage.getVoteRound('r-1'))?.results).toEqual({ n: 1 });
      expect(await storage.listBallots('r-1')).toHaveLength(1);
    });

    it('stores a decision and locks the board together', async () => {
      await storage.createVoteRound(round('r-1'));
      await storage.closeVoteRound('r-1', 'p-fac', 3000, () => ({}));
      await storage.createDecision({
        id: 'd-1',
        meetingId,
        boardId,
        roundId: 'r-1',
        ranking: [{ itemId: 'item-a', rank: 1 }],
        decidedBy: 'p-fac',
        decidedByName: 'Chủ trì',
        decidedAt: 5000,
      });
      expect((await storage.getBoard(boardId))?.locked).toBe(true);
      expect(await storage.listDecisions(meetingId)).toEqual([
        expect.objectContaining({
          id: 'd-1',
          roundId: 'r-1',
          ranking: [{ itemId: 'item-a', rank: 1 }],
          decidedAt: 5000,
        }),
      ]);
    });
  });
}
