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

describe('the record of the agenda, the list and its decision', () => {
  it('holds both steps with their times, the list with true authors, both rounds and the decision', () => {
    expect(record.agenda.steps.map((st) => st.title)).toEqual([...SAMPLE.steps]);
    const [s1, s2] = record.agenda.steps as [
      (typeof record.agenda.steps)[0],
      (typeof record.agenda.steps)[0],
    ];
    expect(s1.startedAt).not.toBeNull();
    expect(s1.endedAt).not.toBeNull();
    expect(s2.startedAt).toBeGreaterThanOrEqual(s1.endedAt!);
    expect(s2.endedAt).toBeNull();
    expect(s1.boardId).toBe(sample.boardId);
    expect(s2.boardId).toBe(sample.listId);

    const list = record.priorities.find((p) => p.boardId === sample.listId)!;
    expect(list.title).toBe(SAMPLE.list);
    const road = list.items.find((i) => i.id === sample.itemIds.road)!;
    const school = list.items.find((i) => i.id === sample.itemIds.school)!;
    // A wrote the road in B's name: the record names A.
    expect(road.author).toMatchObject({
      participantId: sample.a.participantId,
      name: 'Phạm Thị An',
    });
    expect(school.author).toMatchObject({
      participantId: sample.b.participantId,
      name: SAMPLE.renamed,
    });
    expect(school).toMatchObject({
      cost: SAMPLE.schoolCost,
      department: 'Phòng Giáo dục và Đào tạo',
    });
    expect(road.rank).toBe(1);
    expect(school.rank).toBe(2);

    const vote = record.votes.find((v) => v.boardId === sample.listId)!;
    expect(vote.status).toBe('revealed');
    expect(vote.results.totals).toEqual({
      [sample.itemIds.road]: SAMPLE.dots.road,
      [sample.itemIds.school]: SAMPLE.dots.school,
    });
    expect(vote.results.byDepartment['Phòng Y tế']).toEqual({ [sample.itemIds.road]: 3 });
    expect(vote.voterNames.map((v) => v.name).sort()).toEqual(
      ['Phạm Thị An', SAMPLE.renamed].sort(),
    );
    // Names and totals only: no ballot reaches the record.
    expect(Object.keys(vote).sort()).toEqual(
      [
        'boardId',
        'closedAt',
        'dotsPerVoter',
        'id',
        'maxPerItem',
        'results',
        'round',
        'status',
        'unit',
        'voterNames',
        'voters',
      ].sort(),
    );

    const scoring = record.scores.find((x) => x.boardId === sample.listId)!;
    expect(scoring.round).toBe(2);
    expect(scoring.items.map((i) => i.itemId)).toEqual([
      sample.itemIds.road,
      sample.itemIds.school,
      sample.itemIds.canal,
    ]);
    // road: impact 4.5, cost 2 (reversed to 4) → (2·4.5 + 4) / 3; school: (2·4.5 + 2.5) / 3.
    expect(scoring.items[0]!.score).toBeCloseTo(13 / 3, 6);
    expect(scoring.items[1]!.score).toBeCloseTo(11.5 / 3, 6);
    expect(scoring.items[0]).toMatchObject({ min: 4, count: 2 });
    expect(road.score).toBeCloseTo(13 / 3, 6);

    expect(list.decision).toMatchObject({
      round: 2,
      method: 'score',
      confirmedBy: { name: 'Lê Văn Chủ Trì' },
    });
    expect(list.decision!.ranking.map((e) => e.title)).toEqual([
      SAMPLE.items.road,
      SAMPLE.items.school,
      SAMPLE.proposal.title,
    ]);
    // The promoted item: its source named with its text, its author the promoter.
    const canal = list.items.find((i) => i.id === sample.itemIds.canal)!;
    expect(canal).toMatchObject({
      text: SAMPLE.proposal.title,
      cost: SAMPLE.proposal.cost,
      rank: 3,
      author: { participantId: sample.b.participantId, name: SAMPLE.renamed },
      sources: [{ kind: 'proposal', text: SAMPLE.proposal.title, boardTitle: 'Đề xuất của xã' }],
    });

    // Section 5: last year's plan evaluated and the forecasts, from shared/indicators.
    const row = record.indicators[0]!.rows[0]!;
    expect(row).toMatchObject({
      name: SAMPLE.indicator.name,
      plan: 1500,
      actual: 1464.1,
      target: 1700,
      status: 'nearly',
    });
    expect(row.author.name).toBe('Phạm Thị An');
    expect(row.forecasts.find((f) => f.method === 'cagr')!.result).toBeCloseTo(1610.51, 4);
    const commune = record.proposals[0]!.communes[0]!;
    expect(commune).toMatchObject({
      commune: SAMPLE.proposal.commune,
      count: 1,
      totalCost: SAMPLE.proposal.cost,
    });
    expect(commune.sectors[0]!.proposals[0]).toMatchObject({
      author: { name: SAMPLE.renamed },
      promoted: 1,
    });

    const reasons = record.marks.map((m) => m.reason);
    expect(reasons.filter((r) => r === 'agenda-step')).toHaveLength(2);
    expect(reasons.filter((r) => r === 'vote')).toHaveLength(2);
    expect(reasons.filter((r) => r === 'decision')).toHaveLength(1);
    expect(
      record.marks.find((m) => m.reason === 'agenda-step' && m.boardId === sample.listId)?.label,
    ).toBe(SAMPLE.steps[1]);
  });
});

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
    // The content goes step by step: each step's board follows its heading, with what was
    // proposed there and decided.
    const step1 = text.indexOf(`1. ${SAMPLE.steps[0]}`);
    const step2 = text.indexOf(`2. ${SAMPLE.steps[1]}`);
    expect(step1).toBeGreaterThan(-1);
    expect(step2).toBeGreaterThan(step1);
    expect(text.indexOf(SAMPLE.cards.a1)).toBeGreaterThan(step1);
    expect(text.indexOf(SAMPLE.cards.a1)).toBeLessThan(step2);
    const roadAt = text.indexOf(`- ${SAMPLE.items.road} (Đề xuất: Phạm Thị An (Phòng Y tế)`);
    expect(roadAt).toBeGreaterThan(step2);
    expect(text).toContain(`${SAMPLE.items.school} (Đề xuất: ${SAMPLE.renamed}`);
    expect(text).toContain(`- ${SAMPLE.items.road}: ${SAMPLE.dots.road}`);
    expect(text).toContain('Vòng 2 – Chấm điểm theo tiêu chí');
    expect(text.indexOf('Quyết định (Vòng 2')).toBeGreaterThan(roadAt);
    expect(text).toContain(`1. ${SAMPLE.items.road}`);
    expect(text).toContain(
      `- ${SAMPLE.indicator.name} (${SAMPLE.indicator.unit}): Kế hoạch 2025 1.500`,
    );
    expect(text).toContain('Tốc độ tăng bình quân 1.610,51');
    expect(text).toContain(`${SAMPLE.proposal.title} (Đề xuất: ${SAMPLE.renamed}`);
    expect(text).toContain(`; Nguồn: ${SAMPLE.proposal.title})`);

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
    const roadRow = md.split('\n').find((l) => l.startsWith(`| 1 | ${SAMPLE.items.road} |`))!;
    expect(roadRow).toContain('Phạm Thị An (Phòng Y tế)');
    expect(md).toContain(`- ${SAMPLE.items.road}: ${SAMPLE.dots.road}`);
    expect(md).toContain('**Quyết định:**');
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
    const cells = (name: string): unknown[][] => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
      return out;
    };
    // Rank, item, true author, score of the last scoring round, dots of round 1: numbers.
    const roadRow = cells('Priorities').find((r) => r[1] === SAMPLE.items.road)!;
    expect(roadRow.slice(0, 3)).toEqual([1, SAMPLE.items.road, 'Phạm Thị An (Phòng Y tế)']);
    expect(roadRow[3]).toBeCloseTo(13 / 3, 6);
    expect(roadRow[4]).toBe(SAMPLE.dots.road);
    const schoolRow = cells('Priorities').find((r) => r[1] === SAMPLE.items.school)!;
    // One dot-vote round: its column, then department and cost.
    expect(schoolRow[5]).toBe('Phòng Giáo dục và Đào tạo');
    expect(schoolRow[6]).toBe(SAMPLE.schoolCost);
    expect(cells('Votes by department')).toContainEqual([1, 'Phòng Y tế', SAMPLE.items.road, 3]);
    const scoreRow = cells('Scores').find((r) => r[1] === SAMPLE.items.school)!;
    expect(scoreRow[0]).toBe(2);
    expect(scoreRow[2]).toBeCloseTo(11.5 / 3, 6);
    const indicator = cells('Indicators').find((r) => r[1] === SAMPLE.indicator.name)!;
    expect(indicator.slice(3, 6)).toEqual([1500, 1464.1, 1700]);
    expect(indicator[7]).toBeCloseTo(1610.51, 4);
    expect(indicator[8]).toBeCloseTo((1464.1 / 1500) * 100, 6);
    expect(cells('Proposals')).toContainEqual([
      'Đề xuất của xã',
      SAMPLE.proposal.commune,
      '(chưa giao ngành)',
      SAMPLE.proposal.title,
      SAMPLE.proposal.cost,
      undefined, // no beneficiaries given: an empty cell
      'Trần Văn Bình (đổi tên) (Phòng Giáo dục và Đào tạo)',
    ]);
    expect(cells('Decisions').map((r) => r[3])).toEqual([
      expect.anything(),
      SAMPLE.items.road,
      SAMPLE.items.school,
      SAMPLE.proposal.title,
    ]);
    const canalRow = cells('Priorities').find((r) => r[1] === SAMPLE.proposal.title)!;
    expect(canalRow.slice(6)).toEqual([SAMPLE.proposal.cost, SAMPLE.proposal.title]);
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
    // Feature parts name boards by key too; every other id in them is stable or absent.
    const features = JSON.parse(
      JSON.stringify({ ...a.parts, core: undefined }, (_k, v: unknown) =>
        typeof v === 'string' && keys.has(v) ? keys.get(v) : v,
      ),
    ) as Record<string, unknown>;
    return {
      ...a,
      exportedAt: 0,
      checksum: '',
      parts: {
        ...features,
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
    expect(Object.keys(first.parts).sort()).toEqual(['core', 'facilitation', 'voting']);
    const voting = first.parts.voting as { rounds: { ballots: unknown[] }[]; decisions: unknown[] };
    expect(voting.rounds.map((r) => r.ballots.length)).toEqual([2, 2]);
    expect(voting.decisions).toHaveLength(1);
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
    // The agenda, the list, its rounds and its decision came along, on the new boards.
    // Participants have new ids here (they keep their archive ids as origins).
    const strip = (r: SessionRecord): unknown =>
      JSON.parse(JSON.stringify(stripped(r), (k, v: unknown) => (k === 'participantId' ? '' : v)));
    const stripped = (r: SessionRecord) => ({
      steps: r.agenda.steps.map((st) => ({ ...st, id: '', boardId: '' })),
      items: r.priorities.map((p) => p.items),
      votes: r.votes.map((v) => v.results),
      scores: r.scores.map((x) => x.items),
      decision: r.priorities.map((p) => p.decision),
    });
    expect(strip(imported)).toEqual(strip(record));
    const newList = imported.priorities[0]!.boardId;
    expect(newList).not.toBe(sample.listId);
    expect(imported.agenda.steps[1]!.boardId).toBe(newList);
    expect(imported.votes[0]!.boardId).toBe(newList);
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

    // A vote round on a board the archive does not have: refused, named by its part.
    const strayRound = structuredClone(archive);
    (strayRound.parts.voting as { rounds: { boardKey: string }[] }).rounds[0]!.boardKey =
      'noboard12345';
    strayRound.checksum = archiveChecksum(strayRound);
    const res4 = await importArchive(JSON.stringify(strayRound));
    expect(res4.status).toBe(400);
    const err4 = (await res4.json()) as { error: { fields?: Record<string, string[]> } };
    expect(Object.keys(err4.error.fields ?? {})).toContain('parts.voting');

    expect(meetingsCount()).toBe(before);
  });
});
