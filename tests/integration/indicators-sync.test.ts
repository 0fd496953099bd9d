/**
 * Three real y-websocket clients co-edit one indicators board through a real server process:
 * different cells, the same cell, and the same row's texts, at once. Every replica converges
 * on the same table; no number is lost (every different-cell entry is there, exactly as
 * typed) or corrupted (a cell two people typed at once holds one of their entries whole,
 * never a mix of digits).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  actualKey,
  addRow,
  editRowText,
  listRows,
  planKey,
  readCell,
  readSettings,
  setCell,
  targetKey,
  type RowView,
} from '@shared/doc/indicators';
import { ApiClient, meetingWithParticipants } from '../support/api';
import { startServer, type ServerProcess } from '../support/server-process';
import { waitFor } from '../support/wait-for';
import { connectDoc, type TestDocClient } from '../support/yjs-client';

let server: ServerProcess | null = null;
const clients: TestDocClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.kill();
  server = null;
});

const rowsOf = (c: TestDocClient): RowView[] => listRows(c.doc);

describe('indicators board over the y-websocket endpoint', () => {
  it('three clients editing different cells and the same cell converge with no number lost or corrupted', async () => {
    server = await startServer();
    const api = new ApiClient(server.url);
    const { created, participants } = await meetingWithParticipants(api, 3);
    const board = await api.createBoard(created.id, created.facilitatorToken, {
      kind: 'indicators',
      title: 'Chỉ tiêu (dữ liệu mẫu)',
    });
    const [a, b, c] = participants.map((p) => {
      const client = connectDoc(server!.wsUrl, board.id, p.token);
      clients.push(client);
      return client;
    }) as [TestDocClient, TestDocClient, TestDocClient];
    await Promise.all([a, b, c].map((x) => x.waitSynced()));

    // The server wrote the header: plan year 2026 of the meeting → last year 2025.
    const settings = readSettings(a.doc);
    expect(settings.pastYears).toEqual([2021, 2022, 2023, 2024, 2025]);

    const author = { id: participants[0]!.participantId, name: 'A' };
    const rowIds = [
      addRow(a.doc, { author, name: 'Thu nhập bình quân', unit: 'triệu đồng' }),
      addRow(a.doc, { author, name: 'Tỷ lệ hộ nghèo', unit: '%', higherIsBetter: false }),
    ];
    await waitFor(() => {
      expect(rowsOf(b)).toHaveLength(2);
      expect(rowsOf(c)).toHaveLength(2);
    });

    // Each client fills its own cells of both rows, while all three type into the same cell.
    const writers = [a, b, c];
    const locales = ['vi', 'en', 'vi'] as const;
    for (let round = 0; round < 10; round++) {
      writers.forEach((w, i) => {
        for (const rowId of rowIds) {
          const year = settings.pastYears[(round + i) % 5]!;
          // Each client owns its cells: client 0 the actual years (one a round), client 1 the
          // plan (typed in English), client 2 the target; each rewrites its own every round.
          const key = [actualKey(year), planKey(2025), targetKey(2026)][i]!;
          const raw = locales[i] === 'vi' ? `${i + 1}.${round}00,5` : `${i + 1}${round}00.5`;
          setCell(w.doc, rowId, key, raw, locales[i]!);
        }
        // The same cell, from everyone, every round.
        setCell(w.doc, rowIds[0]!, 'icor', `${i + 1},${round}`, 'vi');
      });
      // The same row's notes, typed by two clients at once.
      editRowText(b.doc, rowIds[1]!, 'notes', `${rowsOf(b)[1]!.notes}b${round}`);
      editRowText(c.doc, rowIds[1]!, 'notes', `${rowsOf(c)[1]!.notes}c${round}`);
      await new Promise((r) => setTimeout(r, 2));
    }
    await Promise.all(writers.map((w) => w.waitSaved()));

    await waitFor(() => {
      expect(rowsOf(a)).toEqual(rowsOf(b));
      expect(rowsOf(b)).toEqual(rowsOf(c));
    });
    const rows = rowsOf(a);
    for (const rowId of rowIds) {
      const row = rows.find((r) => r.id === rowId)!;
      // Client 0 wrote year k in rounds k and k + 5: its later entry stands, exactly as typed.
      settings.pastYears.forEach((year, k) => {
        expect(row.cells[actualKey(year)]).toEqual({ raw: `1.${k + 5}00,5`, locale: 'vi' });
        expect(readCell(row.cells[actualKey(year)]).value).toBe(1000 + (k + 5) * 100 + 0.5);
      });
      // Client 1 (English) wrote the plan, client 2 the target: their last entries, whole.
      expect(row.cells[planKey(2025)]).toEqual({ raw: '2900.5', locale: 'en' });
      expect(readCell(row.cells[planKey(2025)]).value).toBe(2900.5);
      expect(row.cells[targetKey(2026)]).toEqual({ raw: '3.900,5', locale: 'vi' });
      expect(readCell(row.cells[targetKey(2026)]).value).toBe(3900.5);
    }
    // The contested cell holds one client's entry whole: one of the 30 typed, never a mix.
    const contested = rows.find((r) => r.id === rowIds[0])!.cells.icor!;
    const typed = new Set([1, 2, 3].flatMap((i) => [...Array(10).keys()].map((r) => `${i},${r}`)));
    expect(typed.has(contested.raw)).toBe(true);
    expect(readCell(contested).invalid).toBe(false);
    // Concurrent typing into one text merges both people's characters.
    const notes = rows.find((r) => r.id === rowIds[1])!.notes;
    for (let round = 0; round < 10; round++) {
      expect(notes).toContain(`b${round}`);
      expect(notes).toContain(`c${round}`);
    }
  });

  it('a late joiner and a reloaded server see the same table; an invalid entry stays text', async () => {
    server = await startServer();
    const api = new ApiClient(server.url);
    const { created, participants } = await meetingWithParticipants(api, 2);
    const board = await api.createBoard(created.id, created.facilitatorToken, {
      kind: 'indicators',
      title: 'Chỉ tiêu',
    });
    const a = connectDoc(server.wsUrl, board.id, participants[0]!.token);
    clients.push(a);
    await a.waitSynced();
    const id = addRow(a.doc, { author: { id: 'p', name: 'A' }, name: 'Sản lượng lương thực' });
    setCell(a.doc, id, actualKey(2024), '12.345,6', 'vi');
    setCell(a.doc, id, actualKey(2025), 'khoảng 13 nghìn', 'vi');
    await a.waitSaved();
    const { dataDir, port } = server;
    await server.kill('SIGKILL');
    server = await startServer({ dataDir, port });
    const b = connectDoc(server.wsUrl, board.id, participants[1]!.token);
    clients.push(b);
    await waitFor(() => expect(rowsOf(b)).toHaveLength(1));
    const row = rowsOf(b)[0]!;
    expect(readCell(row.cells[actualKey(2024)]).value).toBe(12345.6);
    expect(row.cells[actualKey(2025)]).toEqual({ raw: 'khoảng 13 nghìn', locale: 'vi' });
    expect(readCell(row.cells[actualKey(2025)])).toMatchObject({ value: null, invalid: true });
  });
});
