/**
 * The meeting as a workbook (GET …/export/meeting.xlsx): a summary of the SWOT boards
 * (cards per quadrant), the cards with their authors, the priority lists with their votes per
 * round and scores, votes per department, and the indicator tables. Numbers are written as
 * numbers, so they parse back as such. Built with `exceljs`, loaded only when asked for.
 */
import { SWOT_QUADRANTS } from '@shared/doc/swot-board';
import type { SessionRecord } from '@shared/schemas/record';
import { authorLine, formatTime, labels, methodName, type ExportLang } from './labels';

/** Sheet names (Excel allows 31 characters, no `[]:*?/\`). */
export const SHEETS = {
  summary: 'SWOT',
  cards: 'Cards',
  priorities: 'Priorities',
  votesByDepartment: 'Votes by department',
  scores: 'Scores',
  decisions: 'Decisions',
  proposals: 'Proposals',
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
        L.department,
        L.cost,
        L.sources,
      ]),
    );
    for (const item of list.items) {
      priorities.addRow([
        item.rank,
        item.text,
        authorLine(item.author, lang),
        item.score,
        ...rounds(list.boardId).map((v) => v.results.totals[item.id] ?? 0),
        item.department,
        item.cost,
        item.sources.map((x) => x.text || x.id).join(', '),
      ]);
    }
    if (list.decision) priorities.addRow([L.decision, list.decision.text]);
    priorities.addRow([]);
  }
  priorities.columns.forEach((c, i) => (c.width = i === 1 ? 50 : 16));

  const byDept = wb.addWorksheet(SHEETS.votesByDepartment);
  bold(byDept.addRow([L.round, L.department, L.item, L.votes]));
  for (const v of record.votes) {
    const items = record.priorities.find((p) => p.boardId === v.boardId)?.items ?? [];
    const text = (id: string) => items.find((i) => i.id === id)?.text ?? id;
    for (const [dept, totals] of Object.entries(v.results.byDepartment)) {
      for (const [itemId, n] of Object.entries(totals))
        byDept.addRow([v.round, dept || L.noDepartment, text(itemId), n]);
    }
  }

  const scores = wb.addWorksheet(SHEETS.scores);
  const listTitle = (boardId: string) =>
    record.priorities.find((p) => p.boardId === boardId)?.title ?? '';
  for (const sr of record.scores) {
    bold(scores.addRow([listTitle(sr.boardId), `${L.round} ${sr.round}`, sr.status]));
    bold(
      scores.addRow([
        L.rank,
        L.item,
        L.score,
        'min',
        'max',
        'σ',
        L.votes,
        ...sr.criteria.map((c) => `${c.name} (×${c.weight})`),
      ]),
    );
    for (const i of sr.items)
      scores.addRow([
        i.rank,
        i.title,
        i.score,
        i.min,
        i.max,
        i.stdev,
        i.count,
        ...sr.criteria.map((c) => i.byCriterion[c.id] ?? null),
      ]);
    scores.addRow([L.voterNames, sr.voterNames.map((n) => n.name).join(', ')]);
    scores.addRow([]);
  }

  const decisions = wb.addWorksheet(SHEETS.decisions);
  bold(decisions.addRow([L.priorities, L.round, L.rank, L.item, L.total, L.decidedBy]));
  for (const list of record.priorities) {
    if (!list.decision) continue;
    for (const e of list.decision.ranking)
      decisions.addRow([
        list.title,
        list.decision.round,
        e.rank,
        e.title,
        e.value,
        authorLine(list.decision.confirmedBy, lang),
      ]);
  }

  const proposals = wb.addWorksheet(SHEETS.proposals);
  bold(
    proposals.addRow([
      L.proposals,
      L.commune,
      L.sector,
      L.item,
      L.cost,
      L.beneficiaries,
      L.proposedBy,
    ]),
  );
  for (const board of record.proposals)
    for (const c of board.communes)
      for (const sec of c.sectors)
        for (const p of sec.proposals)
          proposals.addRow([
            board.title,
            c.commune,
            sec.sector || L.unassigned,
            p.title,
            p.cost,
            p.beneficiaries,
            authorLine(p.author, lang),
          ]);

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
      L.completion,
      L.department,
      L.gap,
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
        first ? methodName(first.method, lang) : '',
        first?.result ?? null,
        r.completion,
        r.department,
        first?.gap ?? null,
      ]);
      for (const f of r.forecasts.slice(1))
        indicators.addRow([
          '',
          '',
          '',
          null,
          null,
          null,
          methodName(f.method, lang),
          f.result,
          null,
          '',
          f.gap,
        ]);
    }
  }

  return Buffer.from(await wb.xlsx.writeBuffer());
}
