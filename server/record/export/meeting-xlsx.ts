/**
 * The meeting as a workbook (GET …/export/meeting.xlsx): a summary of the SWOT boards
 * (cards per quadrant), the cards with their authors, the priority lists with their votes per
 * round and scores, votes per department, and the indicator tables. Numbers are written as
 * numbers, so they parse back as such. Built with `exceljs`, loaded only when asked for.
 */
import { SWOT_QUADRANTS } from '@shared/doc/swot-board';
import type { SessionRecord } from '@shared/schemas/record';
import { authorLine, formatTime, labels, type ExportLang } from './labels';

/** Sheet names (Excel allows 31 characters, no `[]:*?/\`). */
export const SHEETS = {
  summary: 'SWOT',
  cards: 'Cards',
  priorities: 'Priorities',
  votesByDepartment: 'Votes by department',
  indicators: 'Indicators',
} as const;

export async function meetingXlsx(record: SessionRecord, lang: ExportLang): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const L = labels(lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bàn tròn';
  wb.created = new Date(record.generatedAt);
  const bold = (row: { font: unknown }) => {
    row.font = { bold: true };
  };

  const summary = wb.addWorksheet(SHEETS.summary);
  bold(summary.addRow([L.boards, ...SWOT_QUADRANTS.map((q) => L.quadrants[q]), L.total]));
  for (const b of record.boards) {
    const counts = SWOT_QUADRANTS.map((q) => b.cards.filter((c) => c.quadrant === q).length);
    summary.addRow([b.title, ...counts, counts.reduce((x, y) => x + y, 0)]);
  }
  summary.columns.forEach((c, i) => (c.width = i === 0 ? 40 : 14));

  const cards = wb.addWorksheet(SHEETS.cards);
  bold(cards.addRow([L.boards, L.item, L.proposedBy, L.department, L.startedAt, L.edits]));
  for (const b of record.boards) {
    for (const q of SWOT_QUADRANTS) {
      for (const c of b.cards.filter((x) => x.quadrant === q)) {
        cards.addRow([
          `${b.title} · ${L.quadrants[q]}`,
          c.text,
          c.author.participantId === null ? L.server : c.author.name,
          c.author.department ?? '',
          formatTime(c.createdAt, lang),
          c.edits.length,
        ]);
      }
    }
  }
  cards.columns.forEach((c, i) => (c.width = i === 1 ? 60 : 22));

  const priorities = wb.addWorksheet(SHEETS.priorities);
  const rounds = (boardId: string) => record.votes.filter((v) => v.boardId === boardId);
  for (const list of record.priorities) {
    bold(priorities.addRow([list.title]));
    bold(
      priorities.addRow([
        L.rank,
        L.item,
        L.proposedBy,
        L.score,
        ...rounds(list.boardId).map((v) => `${L.round} ${v.round}`),
      ]),
    );
    for (const item of list.items) {
      priorities.addRow([
        item.rank,
        item.text,
        authorLine(item.author, lang),
        item.score,
        ...rounds(list.boardId).map((v) => v.results.totals[item.id] ?? 0),
      ]);
    }
    if (list.decision) priorities.addRow([L.decision, list.decision.text]);
    priorities.addRow([]);
  }

  const byDept = wb.addWorksheet(SHEETS.votesByDepartment);
  bold(byDept.addRow([L.round, L.department, L.item, L.votes]));
  for (const v of record.votes) {
    const items = record.priorities.find((p) => p.boardId === v.boardId)?.items ?? [];
    const text = (id: string) => items.find((i) => i.id === id)?.text ?? id;
    for (const [dept, totals] of Object.entries(v.results.byDepartment)) {
      for (const [itemId, n] of Object.entries(totals))
        byDept.addRow([v.round, dept, text(itemId), n]);
    }
  }

  const indicators = wb.addWorksheet(SHEETS.indicators);
  bold(
    indicators.addRow([
      L.indicators,
      L.indicator,
      L.unit,
      L.plan,
      L.actual,
      L.target,
      L.method,
      L.forecast,
    ]),
  );
  for (const table of record.indicators) {
    for (const r of table.rows) {
      const first = r.forecasts[0];
      indicators.addRow([
        table.title,
        r.name,
        r.unit,
        r.plan,
        r.actual,
        r.target,
        first?.method ?? '',
        first?.result ?? null,
      ]);
      for (const f of r.forecasts.slice(1))
        indicators.addRow(['', '', '', null, null, null, f.method, f.result]);
    }
  }

  return Buffer.from(await wb.xlsx.writeBuffer());
}
