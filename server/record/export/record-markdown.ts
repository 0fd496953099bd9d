/**
 * The whole record as Markdown (GET …/export/record.md). Text, so written by hand: one
 * function per section, all from `SessionRecord`.
 */
import { SWOT_QUADRANTS } from '@shared/doc/swot-board';
import type { SessionRecord } from '@shared/schemas/record';
import { authorLine, formatTime, labels, type ExportLang } from './labels';

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
  if (record.priorities.length === 0 && record.votes.length === 0) out.push(L.noPriorities);
  for (const list of record.priorities) {
    out.push(`### ${mdEscape(list.title)}`, '');
    out.push(`| ${L.rank} | ${L.item} | ${L.score} |`, '| --- | --- | --- |');
    for (const item of list.items) {
      out.push(`| ${item.rank ?? ''} | ${mdEscape(item.text)} | ${item.score ?? ''} |`);
    }
    out.push('');
    for (const v of record.votes.filter((x) => x.boardId === list.boardId)) {
      out.push(`**${L.round} ${v.round}** (${v.voters} ${L.voters})`, '');
      for (const item of list.items)
        out.push(`- ${mdEscape(item.text)}: ${v.results.totals[item.id] ?? 0}`);
      for (const [dept, totals] of Object.entries(v.results.byDepartment)) {
        const parts = list.items.map((i) => `${mdEscape(i.text)} ${totals[i.id] ?? 0}`).join('; ');
        out.push(`  - ${mdEscape(dept)}: ${parts}`);
      }
      out.push('');
    }
    if (list.decision) out.push(`**${L.decision}:** ${mdEscape(list.decision.text)}`, '');
  }

  out.push('', `## 5. ${L.indicators}`, '');
  if (record.indicators.length === 0) out.push(L.noIndicators);
  for (const table of record.indicators) {
    out.push(`### ${mdEscape(table.title)}`, '');
    out.push(
      `| ${L.indicator} | ${L.unit} | ${L.plan} | ${L.actual} | ${L.target} | ${L.forecast} |`,
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const r of table.rows) {
      const f = r.forecasts.map((x) => `${mdEscape(x.method)}: ${x.result ?? ''}`).join('; ');
      out.push(
        `| ${mdEscape(r.name)} | ${mdEscape(r.unit)} | ${r.plan ?? ''} | ${r.actual ?? ''} | ${r.target ?? ''} | ${f} |`,
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
