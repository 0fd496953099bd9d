/**
 * The whole record as Markdown (GET …/export/record.md). Text, so written by hand: one
 * function per section, all from `SessionRecord`.
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

/** Markdown-escapes text typed by participants, so a card cannot forge structure. */
export function mdEscape(text: string): string {
  return text
    .replace(/([\\`*_[\]<>|])/g, '\\$1')
    .replace(/^(\s*)([#+-]|\d+\.)/gm, '$1\\$2')
    .replace(/\r?\n/g, '  \n');
}

export function recordMarkdown(record: SessionRecord, lang: ExportLang): string {
  const L = labels(lang);
  const m = record.meeting;
  const out: string[] = [];
  const t = (ms: number | null) => formatTime(ms, lang);

  out.push(`# ${mdEscape(m.title)}`, '');
  out.push(`## 1. ${L.meetingDetails}`, '');
  if (m.district) out.push(`- ${L.district}: ${mdEscape(m.district)}`);
  if (m.planYear !== null) out.push(`- ${L.planYear}: ${m.planYear}`);
  if (m.place) out.push(`- ${L.place}: ${mdEscape(m.place)}`);
  out.push(`- ${L.startTime}: ${t(m.startedAt)}`);
  out.push(`- ${L.endTime}: ${t(m.endedAt)}`);
  if (m.chair) out.push(`- ${L.chair}: ${mdEscape(authorLine(m.chair, lang))}`);
  if (m.secretary) out.push(`- ${L.secretary}: ${mdEscape(authorLine(m.secretary, lang))}`);
  out.push('', `### ${L.attendance}`, '');
  for (const a of record.attendance) {
    const dept = a.department || L.noDepartment;
    const who = a.people.map((p) => mdEscape(p.name)).join(', ');
    out.push(`- ${mdEscape(dept)}: ${a.present ? `${L.present} — ${who}` : L.absent}`);
  }

  out.push('', `## 2. ${L.agenda}`, '');
  if (record.agenda.steps.length === 0) out.push(L.noAgenda);
  record.agenda.steps.forEach((s, i) => {
    out.push(
      `${i + 1}. ${mdEscape(s.title)} (${s.minutes} ${L.minutes}) — ${L.startedAt}: ${t(s.startedAt)}, ${L.endedAt}: ${t(s.endedAt)}`,
    );
  });

  out.push('', `## 3. ${L.boards}`, '');
  for (const board of record.boards) {
    out.push(`### ${mdEscape(board.title)}`, '');
    for (const q of SWOT_QUADRANTS) {
      const cards = board.cards.filter((c) => c.quadrant === q);
      out.push(`#### ${L.quadrants[q]}`, '');
      if (cards.length === 0) out.push(L.noCards);
      for (const c of cards) {
        const edits = c.edits.length
          ? `; ${L.edits}: ${c.edits.map((e) => `${mdEscape(authorLine(e, lang))} ${t(e.at)}`).join(', ')}`
          : '';
        out.push(
          `- ${mdEscape(c.text)} — _${L.proposedBy}: ${mdEscape(authorLine(c.author, lang))}, ${t(c.createdAt)}${edits}_`,
        );
      }
      out.push('');
    }
  }

  out.push(`## 4. ${L.priorities}`, '');
  if (record.priorities.length === 0 && record.proposals.length === 0) out.push(L.noPriorities);
  for (const list of record.priorities) {
    out.push(`### ${mdEscape(list.title)}`, '');
    out.push(
      `| ${L.rank} | ${L.item} | ${L.department} | ${L.cost} | ${L.score} | ${L.proposedBy} | ${L.sources} |`,
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const item of list.items) {
      const src = item.sources.map((x) => mdEscape(x.text || x.id)).join(', ');
      out.push(
        `| ${item.rank ?? ''} | ${mdEscape(item.text)} | ${mdEscape(item.department)} | ${item.cost ?? ''} | ${item.score ?? ''} | ${mdEscape(authorLine(item.author, lang))} | ${src} |`,
      );
    }
    out.push('');
    for (const v of record.votes.filter((x) => x.boardId === list.boardId)) {
      out.push(`**${L.round} ${v.round}** (${L.dotVote}; ${v.voters} ${L.voters})`, '');
      if (v.voterNames.length)
        out.push(`${L.voterNames}: ${v.voterNames.map((n) => mdEscape(n.name)).join(', ')}`, '');
      for (const item of list.items)
        out.push(`- ${mdEscape(item.text)}: ${v.results.totals[item.id] ?? 0}`);
      for (const [dept, totals] of Object.entries(v.results.byDepartment)) {
        const parts = list.items.map((i) => `${mdEscape(i.text)} ${totals[i.id] ?? 0}`).join('; ');
        out.push(`  - ${mdEscape(dept || L.noDepartment)}: ${parts}`);
      }
      out.push('');
    }
    for (const sr of record.scores.filter((x) => x.boardId === list.boardId)) {
      const criteria = sr.criteria.map((c) => `${mdEscape(c.name)} ×${c.weight}`).join(', ');
      out.push(
        `**${L.round} ${sr.round}** (${L.scoring}: ${criteria}; ${sr.voters} ${L.voters})`,
        '',
      );
      if (sr.voterNames.length)
        out.push(`${L.voterNames}: ${sr.voterNames.map((n) => mdEscape(n.name)).join(', ')}`, '');
      out.push(`| ${L.rank} | ${L.item} | ${L.score} | ${L.spread} |`, '| --- | --- | --- | --- |');
      for (const i of sr.items)
        out.push(
          `| ${i.rank} | ${mdEscape(i.title)} | ${formatNumber(i.score, lang)} | ${formatNumber(i.min, lang)} – ${formatNumber(i.max, lang)}, σ ${formatNumber(i.stdev, lang)} |`,
        );
      out.push('');
    }
    if (list.decision) {
      out.push(
        `**${L.decision}:** ${mdEscape(list.decision.text)} — _${L.decidedBy}: ${mdEscape(authorLine(list.decision.confirmedBy, lang))}, ${t(list.decision.confirmedAt)}_`,
        '',
      );
    }
  }
  for (const board of record.proposals) {
    out.push(`### ${L.proposals}: ${mdEscape(board.title)}`, '');
    for (const c of board.communes) {
      const missing = c.withoutCost ? `, ${L.withoutCost(c.withoutCost)}` : '';
      out.push(
        `#### ${L.commune} ${mdEscape(c.commune || '…')} — ${L.proposalsCount(c.count)}, ${L.total} ${formatNumber(c.totalCost, lang, 0)}${missing}`,
        '',
      );
      for (const sec of c.sectors) {
        out.push(`- ${L.sector}: ${mdEscape(sec.sector || L.unassigned)}`);
        for (const p of sec.proposals)
          out.push(
            `  - ${mdEscape(p.title)} (${p.cost === null ? '' : `${L.cost}: ${formatNumber(p.cost, lang, 0)}; `}${L.proposedBy}: ${mdEscape(authorLine(p.author, lang))})`,
          );
      }
      out.push('');
    }
  }

  out.push('', `## 5. ${L.indicators}`, '');
  if (record.indicators.length === 0) out.push(L.noIndicators);
  for (const table of record.indicators) {
    out.push(`### ${mdEscape(table.title)}`, '');
    out.push(
      `| ${L.indicator} | ${L.unit} | ${L.plan} ${table.lastYear} | ${L.actual} ${table.lastYear} | ${L.completion} | ${L.target} ${table.planYear} | ${L.forecast} |`,
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const r of table.rows) {
      const f = r.forecasts
        .filter((x) => x.result !== null)
        .map((x) => `${mdEscape(methodName(x.method, lang))}: ${formatNumber(x.result, lang)}`)
        .join('; ');
      const status = r.status ? ` (${L.status[r.status]})` : '';
      out.push(
        `| ${mdEscape(r.name)} | ${mdEscape(r.unit)} | ${r.plan ?? ''} | ${r.actual ?? ''} | ${r.completion === null ? '' : formatNumber(r.completion, lang, 1)}${status} | ${r.target ?? ''} | ${f}${r.largeGap ? ` — ${L.largeGap}` : ''} |`,
      );
    }
    out.push('');
  }

  out.push('', `## 6. ${L.conclusions}`, '');
  out.push(record.conclusions.trim() ? mdEscape(record.conclusions.trim()) : L.noConclusions);

  if (record.marks.length > 0) {
    out.push('', `## ${L.marks}`, '');
    for (const mark of record.marks)
      out.push(`- ${t(mark.at)}: ${mdEscape(mark.label)} (${mark.reason})`);
  }
  out.push('', `_${L.generatedAt}: ${t(record.generatedAt)}_`, '');
  return out.join('\n');
}
