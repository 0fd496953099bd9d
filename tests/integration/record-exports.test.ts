/**
 * The exports of the record over a real server: the minutes (.docx, unzipped), the Markdown,
 * the workbook (parsed back) and the archive (export → import → export, and refusal of a
 * truncated or edited archive with nothing created). Each names the true author of a card
 * written under someone else's name.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SWOT_QUADRANTS } from '@shared/doc/swot-board';
import { MeetingArchive } from '@shared/schemas/archive';
import { CreateMeetingResult } from '@shared/schemas/http';
import { BoardAtView, SessionRecord } from '@shared/schemas/record';
import { buildSampleMeeting, SAMPLE, type SampleMeeting } from '../support/sample-meeting';
import { startServer, type ServerProcess } from '../support/server-process';
import { storedMeetingCount } from '../support/stored-board';

let server: ServerProcess;
let sample: SampleMeeting;
let record: SessionRecord;

async function get(path: string, token: string): Promise<Response> {
  return fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
}

beforeAll(async () => {
  server = await startServer();
  sample = await buildSampleMeeting(server.url, server.wsUrl);
  record = SessionRecord.parse(
    await (await get(`/api/meetings/${sample.created.id}/record`, sample.a.token)).json(),
  );
});
afterAll(async () => {
  await server?.kill();
});

/** Visible text of a Word document: the runs of word/document.xml, paragraphs on lines. */
function docxText(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

function meetingsCount(): number {
  return storedMeetingCount(server.dataDir);
}

describe('exports', () => {
  it('the minutes (.docx) hold the title, departments present, every card and the conclusions', async () => {
    const res = await get(`/api/meetings/${sample.created.id}/export/minutes.docx`, sample.a.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = docxText(xml);
    expect(text).toContain(SAMPLE.title);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('BIÊN BẢN');
    expect(text).toContain('THƯ KÝ');
    expect(text).toContain('CHỦ TRÌ');
    for (const a of record.attendance.filter((x) => x.present && x.department))
      expect(text).toContain(a.department);
    const cards = record.boards.flatMap((b) => b.cards);
    expect(cards.length).toBe(4);
    for (const c of cards) expect(text).toContain(c.text);
    for (const line of SAMPLE.conclusions.split('\n')) expect(text).toContain(line);
    // The forged card names its true author.
    expect(text).toContain(
      `${SAMPLE.cards.forged} (Đề xuất: Trần Văn Bình (Phòng Giáo dục và Đào tạo))`,
    );
    expect(await zip.file('word/styles.xml')!.async('string')).toContain('Times New Roman');

    const en = await get(
      `/api/meetings/${sample.created.id}/export/minutes.docx?lang=en`,
      sample.a.token,
    );
    const enXml = await (
      await JSZip.loadAsync(Buffer.from(await en.arrayBuffer()))
    )
      .file('word/document.xml')!
      .async('string');
    expect(docxText(enXml)).toContain('SOCIALIST REPUBLIC OF VIETNAM');
    expect(docxText(enXml)).toContain(SAMPLE.cards.a1);
  });

  it('the Markdown holds every section and names true authors', async () => {
    const res = await get(
      `/api/meetings/${sample.created.id}/export/record.md`,
      sample.created.observerToken,
    );
    expect(res.status).toBe(200);
    const md = await res.text();
    for (const h of ['## 1.', '## 2.', '## 3.', '## 4.', '## 5.', '## 6.']) expect(md).toContain(h);
    expect(md).toContain(SAMPLE.cards.forged);
    const forgedLine = md.split('\n').find((l) => l.includes(SAMPLE.cards.forged))!;
    expect(forgedLine).toContain('Trần Văn Bình');
    expect(forgedLine).not.toContain('Phạm Thị An');
    expect(md).toContain(SAMPLE.conclusions.split('\n')[0]);
  });

  it('the workbook parses back to the same numbers and authors', async () => {
    const res = await get(`/api/meetings/${sample.created.id}/export/meeting.xlsx`, sample.b.token);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('SWOT')!;
    const rows = new Map<string, number[]>();
    summary.eachRow((row, n) => {
      if (n === 1) return;
      const values = row.values as unknown[];
      rows.set(String(values[1]), values.slice(2, 7) as number[]);
    });
    for (const board of record.boards) {
      const counts = SWOT_QUADRANTS.map((q) => board.cards.filter((c) => c.quadrant === q).length);
      expect(rows.get(board.title)).toEqual([...counts, counts.reduce((x, y) => x + y, 0)]);
    }
    const cards = wb.getWorksheet('Cards')!;
    let forgedAuthor = '';
    let edits = -1;
    cards.eachRow((row) => {
      const v = row.values as unknown[];
      if (v[2] === SAMPLE.cards.forged) forgedAuthor = String(v[3]);
      if (v[2] === SAMPLE.edited) edits = v[6] as number;
    });
    expect(forgedAuthor).toBe('Trần Văn Bình');
    expect(edits).toBe(
      record.boards.flatMap((b) => b.cards).find((c) => c.text === SAMPLE.edited)!.edits.length,
    );
  });
});

describe('archive', () => {
  /** The archive with what must differ between installations replaced by placeholders. */
  function normalised(a: MeetingArchive): unknown {
    const keys = new Map(a.parts.core.boards.map((b, i) => [b.key, `board-${i}`]));
    const core = a.parts.core;
    return {
      ...a,
      exportedAt: 0,
      checksum: '',
      parts: {
        ...a.parts,
        core: {
          ...core,
          boards: core.boards.map((b) => ({ ...b, key: keys.get(b.key) })),
          marks: core.marks.map((m) => ({
            ...m,
            boardKey: m.boardKey === null ? null : keys.get(m.boardKey),
          })),
        },
      },
    };
  }

  async function exportArchive(meetingId: string, token: string): Promise<MeetingArchive> {
    const res = await get(`/api/meetings/${meetingId}/export/archive.json`, token);
    expect(res.status).toBe(200);
    return MeetingArchive.parse(await res.json());
  }

  async function importArchive(body: string): Promise<Response> {
    return fetch(`${server.url}/api/meetings/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
  }

  it('export → import → export gives the same archive, with new ids and tokens', async () => {
    const first = await exportArchive(sample.created.id, sample.created.observerToken);
    expect(first.parts.core.boards.reduce((n, b) => n + b.updates.length, 0)).toBeGreaterThan(4);
    const body = JSON.stringify(first);
    expect(body.length).toBeGreaterThan(0);
    const res = await importArchive(body);
    expect(res.status).toBe(201);
    const created = CreateMeetingResult.parse(await res.json());
    expect(created.id).not.toBe(sample.created.id);
    expect(created.joinCode).not.toBe(sample.created.joinCode);
    // The new tokens open the new meeting; the old ones do not.
    expect((await get(`/api/meetings/${created.id}`, created.facilitatorToken)).status).toBe(200);
    expect((await get(`/api/meetings/${created.id}`, sample.created.facilitatorToken)).status).toBe(
      403,
    );

    const second = await exportArchive(created.id, created.facilitatorToken);
    expect(second.parts.core.boards.map((b) => b.key)).not.toEqual(
      first.parts.core.boards.map((b) => b.key),
    );
    expect(normalised(second)).toEqual(normalised(first));

    // The imported meeting's record names the same true authors.
    const imported = SessionRecord.parse(
      await (await get(`/api/meetings/${created.id}/record`, created.observerToken)).json(),
    );
    const forged = imported.boards
      .flatMap((b) => b.cards)
      .find((c) => c.text === SAMPLE.cards.forged)!;
    expect(forged.author.name).toBe('Trần Văn Bình');
    expect(imported.conclusions).toBe(SAMPLE.conclusions);
    const boardId = imported.boards.find((b) => b.cards.length > 0)!.id;
    const view = BoardAtView.parse(
      await (
        await get(`/api/meetings/${created.id}/boards/${boardId}/view`, created.observerToken)
      ).json(),
    );
    expect(view.cards.map((c) => c.text).sort()).toEqual(
      record.boards
        .flatMap((b) => b.cards)
        .map((c) => c.text)
        .sort(),
    );
  });

  it('refuses a truncated or edited archive with a 400 that names the fault, creating nothing', async () => {
    const archive = await exportArchive(sample.created.id, sample.created.observerToken);
    const body = JSON.stringify(archive);
    const before = meetingsCount();

    const truncated = await importArchive(body.slice(0, Math.floor(body.length / 2)));
    expect(truncated.status).toBe(400);
    expect(((await truncated.json()) as { error: { code: string } }).error.code).toBe(
      'validation_failed',
    );

    // A card's author changed by hand: the checksum no longer matches.
    const edited = structuredClone(archive);
    const update = edited.parts.core.boards
      .flatMap((b) => b.updates)
      .find((u) => u.participantId === sample.b.participantId)!;
    update.participantId = sample.a.participantId;
    const res = await importArchive(JSON.stringify(edited));
    expect(res.status).toBe(400);
    const err = (await res.json()) as {
      error: { code: string; message: string; fields?: Record<string, string[]> };
    };
    expect(err.error.code).toBe('archive_invalid');
    expect(err.error.fields).toHaveProperty('checksum');

    // A missing field: named by its path.
    const broken = structuredClone(archive) as unknown as {
      parts: { core: { boards: { title?: string }[] } };
    };
    delete broken.parts.core.boards[0]!.title;
    const res2 = await importArchive(JSON.stringify(broken));
    expect(res2.status).toBe(400);
    const err2 = (await res2.json()) as { error: { fields?: Record<string, string[]> } };
    expect(Object.keys(err2.error.fields ?? {})).toContain('parts.core.boards.0.title');

    // Re-checksummed but inconsistent (an update naming nobody): refused by the re-derivation.
    const forged = structuredClone(archive);
    forged.parts.core.boards[1]!.updates[1]!.participantId = 'nobody123456';
    const { archiveChecksum } = await import('../../server/record/archive/archive-service');
    forged.checksum = archiveChecksum(forged);
    const res3 = await importArchive(JSON.stringify(forged));
    expect(res3.status).toBe(400);
    expect(((await res3.json()) as { error: { message: string } }).error.message).toContain(
      'unknown participant',
    );

    expect(meetingsCount()).toBe(before);
  });
});
