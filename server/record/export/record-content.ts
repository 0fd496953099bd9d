/**
 * The content of the meeting as lines, step by step through the agenda: for each step, what
 * was proposed on its board and what was decided (a SWOT board's cards, a priority list's
 * items with its vote and scoring rounds and its decision, commune proposals by commune and
 * sector, indicators with their evaluation and forecasts). The minutes (.docx) lay these out;
 * boards no step names follow the steps, so nothing of the record is left out.
 */
import { SWOT_QUADRANTS } from '@shared/doc/swot-board';
import type { SessionRecord } from '@shared/schemas/record';
import {
  authorLine,
  formatNumber,
  formatTime,
  labels,
  methodName,
  type ExportLang,
} from './labels';

export type ContentLevel = 'step' | 'board' | 'group' | 'item';

export interface ContentLine {
  level: ContentLevel;
  text: string;
}

export function boardContent(
  record: SessionRecord,
  boardId: string,
  lang: ExportLang,
): ContentLine[] {
  const L = labels(lang);
  const num = (n: number | null, digits?: number) => formatNumber(n, lang, digits);
  const out: ContentLine[] = [];
  const line = (level: ContentLevel, text: string) => out.push({ level, text });

  const swot = record.boards.find((b) => b.id === boardId);
  if (swot) {
    line('board', swot.title);
    for (const q of SWOT_QUADRANTS) {
      const cards = swot.cards.filter((c) => c.quadrant === q);
      if (cards.length === 0) continue;
      line('group', `${L.quadrants[q]}:`);
      for (const c of cards)
        line('item', `- ${c.text} (${L.proposedBy}: ${authorLine(c.author, lang)})`);
    }
  }

  const list = record.priorities.find((p) => p.boardId === boardId);
  if (list) {
    line('board', `${L.priorities}: ${list.title}`);
    const title = (id: string) => list.items.find((i) => i.id === id)?.text ?? id;
    for (const item of list.items) {
      const cost = item.cost === null ? '' : `; ${L.cost}: ${num(item.cost, 0)}`;
      const dept = item.department ? `; ${L.department}: ${item.department}` : '';
      const src = item.sources.length
        ? `; ${L.sources}: ${item.sources.map((s) => s.text || s.id).join(', ')}`
        : '';
      line(
        'item',
        `- ${item.text} (${L.proposedBy}: ${authorLine(item.author, lang)}${dept}${cost}${src})`,
      );
    }
    for (const v of record.votes.filter((x) => x.boardId === boardId)) {
      line(
        'group',
        `${L.round} ${v.round} – ${L.dotVote}: ${v.voters} ${L.voters}${v.voterNames.length ? ` (${v.voterNames.map((n) => n.name).join(', ')})` : ''}`,
      );
      for (const item of list.items)
        line('item', `- ${item.text}: ${num(v.results.totals[item.id] ?? 0)}`);
      for (const [dept, totals] of Object.entries(v.results.byDepartment)) {
        const parts = Object.entries(totals)
          .map(([id, n]) => `${title(id)} ${num(n)}`)
          .join('; ');
        line('item', `  ${dept || L.noDepartment}: ${parts}`);
      }
    }
    for (const s of record.scores.filter((x) => x.boardId === boardId)) {
      line(
        'group',
        `${L.round} ${s.round} – ${L.scoring} (${s.criteria.map((c) => `${c.name} ×${num(c.weight)}`).join(', ')}): ${s.voters} ${L.voters}${s.voterNames.length ? ` (${s.voterNames.map((n) => n.name).join(', ')})` : ''}`,
      );
      for (const i of s.items)
        line(
          'item',
          `${i.rank}. ${i.title}: ${L.score} ${num(i.score)} (${num(i.min)} – ${num(i.max)}, σ ${num(i.stdev)})`,
        );
    }
    if (list.decision) {
      line(
        'group',
        `${L.decision} (${L.round} ${list.decision.round}; ${L.decidedBy}: ${authorLine(list.decision.confirmedBy, lang)}, ${formatTime(list.decision.confirmedAt, lang)}):`,
      );
      for (const e of list.decision.ranking) line('item', `${e.rank}. ${e.title}`);
    }
  }

  const proposals = record.proposals.find((p) => p.boardId === boardId);
  if (proposals) {
    line('board', `${L.proposals}: ${proposals.title}`);
    for (const c of proposals.communes) {
      const missing = c.withoutCost ? `, ${L.withoutCost(c.withoutCost)}` : '';
      line(
        'group',
        `${L.commune} ${c.commune || '…'}: ${L.proposalsCount(c.count)}, ${L.total} ${num(c.totalCost, 0)}${missing}`,
      );
      for (const s of c.sectors) {
        line('item', `${L.sector}: ${s.sector || L.unassigned}`);
        for (const p of s.proposals) {
          const cost = p.cost === null ? '' : `; ${L.cost}: ${num(p.cost, 0)}`;
          line('item', `- ${p.title} (${L.proposedBy}: ${authorLine(p.author, lang)}${cost})`);
        }
      }
    }
  }

  const table = record.indicators.find((t) => t.boardId === boardId);
  if (table) {
    line('board', `${L.indicators}: ${table.title}`);
    for (const r of table.rows) {
      const status = r.status ? ` – ${L.status[r.status]}` : '';
      line(
        'item',
        `- ${r.name} (${r.unit}): ${L.plan} ${table.lastYear} ${num(r.plan)}, ${L.actual} ${num(r.actual)}, ${L.completion} ${num(r.completion, 1)}${status}; ${L.target} ${table.planYear} ${num(r.target)}`,
      );
      const f = r.forecasts
        .filter((x) => x.result !== null)
        .map((x) => `${methodName(x.method, lang)} ${num(x.result)}`)
        .join('; ');
      if (f) line('item', `  ${L.forecast}: ${f}${r.largeGap ? ` (${L.largeGap})` : ''}`);
    }
  }
  return out;
}

/** The content section of the minutes: each agenda step with its board, then other boards. */
export function minutesContent(record: SessionRecord, lang: ExportLang): ContentLine[] {
  const t = (ms: number | null) => formatTime(ms, lang);
  const out: ContentLine[] = [];
  const shown = new Set<string>();
  record.agenda.steps.forEach((step, i) => {
    out.push({
      level: 'step',
      text: `${i + 1}. ${step.title} (${t(step.startedAt)} – ${t(step.endedAt)})`,
    });
    if (step.boardId && !shown.has(step.boardId)) {
      shown.add(step.boardId);
      out.push(...boardContent(record, step.boardId, lang));
    }
  });
  const ids = [
    ...record.boards.map((b) => b.id),
    ...record.proposals.map((p) => p.boardId),
    ...record.priorities.map((p) => p.boardId),
    ...record.indicators.map((p) => p.boardId),
  ];
  for (const id of ids) {
    if (shown.has(id)) continue;
    shown.add(id);
    out.push(...boardContent(record, id, lang));
  }
  return out;
}
