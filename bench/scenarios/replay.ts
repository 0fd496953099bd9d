/**
 * Scenario 7, replay: the history view of a board with 10,000 stored updates, replayed to
 * random moments as a reviewer drags the timeline slider.
 *
 * The stored history (lib/history.ts: six authors typing, moving, deleting) is written row by
 * row into a fresh SQLite store, as the server stores it. Then `RecordService.viewAt` (what
 * `GET …/boards/:boardId/view?at=` runs, minus HTTP) is timed: once cold (reads and indexes
 * the whole history, cutting a checkpoint every 256 updates), then at `moments` random times.
 * Each warm replay applies one checkpoint and at most 255 updates, then derives every card's
 * author and edits from the update index.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogger } from '../../server/logger';
import { RecordService } from '../../server/record/record-service';
import { MeetingEvents } from '../../server/services/meeting-events';
import type { AuthContext } from '../../server/services/meeting-service';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { buildHistory } from '../lib/history';
import { percentiles, type Percentiles } from '../lib/stats';

export interface ReplayResult {
  updates: number;
  moments: number;
  /** First view: loads and indexes the history. */
  coldMs: number;
  /** Views at random moments afterwards. */
  warmMs: Percentiles;
  cardsAtEnd: number;
}

export async function runReplay(
  options: { updates?: number; moments?: number } = {},
): Promise<ReplayResult> {
  const updates = options.updates ?? 10_000;
  const moments = options.moments ?? 200;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bantron-bench-replay-'));
  const storage = new SqliteStorage({
    file: path.join(dir, 'bench.sqlite'),
    synchronous: 'NORMAL',
  });
  try {
    const meetingId = 'benchmeeting1';
    const boardId = 'benchboard001';
    await storage.createMeeting(
      {
        id: meetingId,
        title: 'Bench',
        date: null,
        district: '',
        planYear: null,
        departments: [],
        joinCode: 'BENCH1',
        createdAt: 0,
      },
      Array.from({ length: 6 }, (_, i) => ({
        id: `author-${i}`,
        meetingId,
        role: 'participant' as const,
        name: `Đại biểu ${i + 1}`,
        department: `Phòng ${i + 1}`,
        createdAt: 0,
        removedAt: null,
      })),
      [
        {
          id: boardId,
          meetingId,
          kind: 'swot',
          title: 'B',
          department: null,
          locked: false,
          private: false,
          position: 0,
          createdAt: 0,
        },
      ],
    );
    const history = buildHistory(updates);
    const start = 1_700_000_000_000;
    for (const [i, u] of history.updates.entries()) {
      await storage.appendUpdate(boardId, u, `author-${i % 6}`, start + i * 100);
    }
    const record = new RecordService(storage, new MeetingEvents(), createLogger('silent'));
    const auth: AuthContext = {
      meetingId,
      participantId: null,
      role: 'observer',
      name: 'o',
      department: null,
    };
    let t0 = performance.now();
    const last = await record.viewAt(auth, meetingId, boardId, undefined);
    const coldMs = performance.now() - t0;
    const samples: number[] = [];
    let seed = 7;
    for (let i = 0; i < moments; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const at = start + Math.floor((seed / 2 ** 31) * updates * 100);
      t0 = performance.now();
      await record.viewAt(auth, meetingId, boardId, at);
      samples.push(performance.now() - t0);
    }
    return {
      updates,
      moments,
      coldMs: Math.round(coldMs),
      warmMs: percentiles(samples),
      cardsAtEnd: last.cards.length,
    };
  } finally {
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runReplay();
  console.info(JSON.stringify(result, null, 2));
}
