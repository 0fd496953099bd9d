/**
 * POST /api/meetings/sample against a real server: one request makes a meeting labelled as
 * sample data with SWOT cards written by its delegates (authors from the update log), a
 * priority list whose dot vote is finished and revealed, and an indicator table with series
 * and forecasts; the body is validated and the route is rate-limited per address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRows, readSettings } from '@shared/doc/indicators';
import { listItems } from '@shared/doc/priority-list';
import { forecastRow } from '@shared/indicators/forecasts';
import { isSampleTitle } from '@shared/sample/sample-meeting';
import { ApiError, CreateMeetingResult } from '@shared/schemas/http';
import { SessionRecord } from '@shared/schemas/record';
import { ApiClient } from '../support/api';
import { startServer, type ServerProcess } from '../support/server-process';
import { connectSocket } from '../support/socket-client';
import { waitFor } from '../support/wait-for';
import { connectDoc } from '../support/yjs-client';

let server: ServerProcess;
let api: ApiClient;

beforeAll(async () => {
  server = await startServer({ env: { SAMPLE_MEETINGS_PER_MINUTE: '2' } });
  api = new ApiClient(server.url);
});
afterAll(async () => {
  await server.kill();
});

describe('POST /api/meetings/sample', () => {
  it('creates a labelled meeting with cards, a revealed vote and forecasts; validated and rate-limited', async () => {
    const res = await api.request('POST', '/api/meetings/sample', {});
    expect(res.status).toBe(201);
    const created = CreateMeetingResult.parse(await res.json());
    const view = await api.meeting(created.id, created.facilitatorToken);
    expect(isSampleTitle(view.title)).toBe(true);
    expect(view.title).toContain('dữ liệu mẫu');
    expect(view.title).toContain('sample data');
    expect(view.boards.map((b) => b.kind).sort()).toEqual([
      'indicators',
      'priority',
      'swot',
      'swot',
      'swot',
      'swot',
    ]);

    const recordRes = await api.request(
      'GET',
      `/api/meetings/${created.id}/record`,
      undefined,
      created.facilitatorToken,
    );
    expect(recordRes.status).toBe(200);
    const record = SessionRecord.parse(await recordRes.json());
    const cards = record.boards.flatMap((b) => b.cards);
    expect(cards.length).toBeGreaterThanOrEqual(10);
    // Written through the board writer by the delegates: the update log names them.
    expect(new Set(cards.map((c) => c.author.name)).size).toBe(3);
    expect(cards.every((c) => c.author.name.endsWith('(mẫu)'))).toBe(true);
    expect(cards.some((c) => c.text.startsWith('Thách thức'))).toBe(true);

    // The vote, as every screen's `votes` slice shows it: revealed, three voters, nine dots.
    const socket = connectSocket(server.url, created.facilitatorToken);
    try {
      await waitFor(() => expect(socket.state?.votes).toHaveLength(1));
      const vote = socket.state!.votes[0]!;
      expect(vote.status).toBe('revealed');
      expect(vote.voters).toHaveLength(3);
      const totals = vote.results?.totals ?? {};
      expect(Object.values(totals).reduce((a, b) => a + b, 0)).toBe(9);
    } finally {
      socket.close();
    }
    // The list and the table as a client reads them from the Yjs endpoint.
    const listId = view.boards.find((b) => b.kind === 'priority')!.id;
    const tableId = view.boards.find((b) => b.kind === 'indicators')!.id;
    const list = connectDoc(server.wsUrl, listId, created.facilitatorToken);
    const table = connectDoc(server.wsUrl, tableId, created.facilitatorToken);
    try {
      await Promise.all([list.waitSynced(), table.waitSynced()]);
      expect(listItems(list.doc)).toHaveLength(4);
      const rows = listRows(table.doc);
      expect(rows).toHaveLength(5);
      const settings = readSettings(table.doc);
      for (const row of rows) {
        // Five years of actuals: every trend method has a result for the plan year.
        const forecasts = forecastRow(row, settings);
        expect(forecasts.series).toHaveLength(5);
        expect(forecasts.methods.every((m) => m.result.ok)).toBe(true);
        expect(forecasts.target.value).not.toBeNull();
      }
    } finally {
      list.destroy();
      table.destroy();
    }

    // Anything in the body is refused: the sample's content is not the caller's.
    const bad = await api.request('POST', '/api/meetings/sample', { title: 'Số liệu thật' });
    expect(bad.status).toBe(400);
    expect(ApiError.parse(await bad.json()).error.code).toBe('validation_failed');

    // Two a minute here (one made above, one refused body counted): the next is limited.
    const limited = await api.request('POST', '/api/meetings/sample', {});
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(ApiError.parse(await limited.json()).error.code).toBe('rate_limited');
  });
});
