/**
 * The minutes (Biên bản hội nghị) as .docx, in the layout of Decree 30/2020/NĐ-CP: issuing
 * body top left, national motto top right with the place and date in italics, the title
 * centred, then time and place, attendance, chair and secretary, the content step by step,
 * the conclusions, the closing sentence and the two signature blocks. Times New Roman on A4.
 * Built with `docx`, loaded only when the minutes are asked for.
 */
import type { SessionRecord } from '@shared/schemas/record';
import { authorLine, formatTime, labels, type ExportLang } from './labels';
import { minutesContent } from './record-content';

/** Body text size in half-points (13 pt). */
const BODY = 26;
/** A4 in twentieths of a point, with the Decree's margins (top/bottom 20 mm, left 30, right 15). */
const PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: 1134, bottom: 1134, left: 1701, right: 850 },
};

export async function minutesDocx(record: SessionRecord, lang: ExportLang): Promise<Buffer> {
  const d = await import('docx');
  const L = labels(lang);
  const m = record.meeting;
  const t = (ms: number | null) => formatTime(ms, lang);

  const none = { style: d.BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const noBorders = {
    top: none,
    bottom: none,
    left: none,
    right: none,
    insideHorizontal: none,
    insideVertical: none,
  };
  const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
    new d.TextRun({ text, bold: o.bold, italics: o.italics, size: o.size ?? BODY });
  const centred = (runs: InstanceType<typeof d.TextRun>[], after = 0) =>
    new d.Paragraph({ alignment: d.AlignmentType.CENTER, spacing: { after }, children: runs });
  const para = (text: string, o: { bold?: boolean; italics?: boolean; indent?: boolean } = {}) =>
    new d.Paragraph({
      alignment: d.AlignmentType.JUSTIFIED,
      spacing: { after: 80 },
      indent: o.indent ? { firstLine: 567 } : undefined,
      children: [run(text, o)],
    });
  const labelled = (label: string, value: string) =>
    new d.Paragraph({
      spacing: { after: 80 },
      indent: { firstLine: 567 },
      children: [run(`${label}: `, { bold: true }), run(value)],
    });
  const cell = (children: InstanceType<typeof d.Paragraph>[], widthPct: number) =>
    new d.TableCell({
      borders: noBorders,
      width: { size: widthPct, type: d.WidthType.PERCENTAGE },
      children,
    });

  const issuing = m.issuingBody || m.district || '…';
  const numberCode = m.documentNumber || `...${L.numberSuffix}...`;
  const header = new d.Table({
    width: { size: 100, type: d.WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new d.TableRow({
        children: [
          cell(
            [
              ...(m.supervisingBody
                ? [centred([run(m.supervisingBody.toUpperCase(), { size: 24 })])]
                : []),
              centred([run(issuing.toUpperCase(), { bold: true, size: 24 })]),
              centred([run('———', { size: 20 })]),
              centred([run(`${L.number}: ${numberCode}`, { size: 24 })]),
            ],
            40,
          ),
          cell(
            [
              centred([run(L.nationalMotto, { bold: true, size: 24 })]),
              centred([run(L.nationalSlogan, { bold: true })]),
              centred([run('———————', { size: 20 })]),
              centred([
                run(L.dateLine(m.place || m.district, new Date(m.endedAt ?? record.generatedAt)), {
                  italics: true,
                }),
              ]),
            ],
            60,
          ),
        ],
      }),
    ],
  });

  const body: (InstanceType<typeof d.Paragraph> | InstanceType<typeof d.Table>)[] = [];
  body.push(centred([run(L.minutesTitle, { bold: true, size: 28 })], 0));
  body.push(centred([run(m.title, { bold: true, size: 28 })], 240));
  body.push(labelled(L.startTime, t(m.startedAt)));
  body.push(labelled(L.place, m.place || m.district || '…'));
  body.push(para(`${L.attendance}:`, { bold: true, indent: true }));
  for (const a of record.attendance) {
    const dept = a.department || L.noDepartment;
    const who = a.people.map((p) => p.name).join(', ');
    body.push(
      para(`- ${dept}: ${a.present ? `${L.present} (${who})` : L.absent}`, { indent: true }),
    );
  }
  body.push(labelled(L.chair, m.chair ? authorLine(m.chair, lang) : '…'));
  body.push(labelled(L.secretary, m.secretary ? authorLine(m.secretary, lang) : '…'));
  body.push(para(`${L.content}:`, { bold: true, indent: true }));

  for (const line of minutesContent(record, lang)) {
    if (line.level === 'step') body.push(para(line.text, { bold: true, indent: true }));
    else if (line.level === 'board') body.push(para(line.text, { bold: true, indent: true }));
    else if (line.level === 'group') body.push(para(line.text, { italics: true, indent: true }));
    else body.push(para(line.text, { indent: true }));
  }

  body.push(para(`${L.conclusions}:`, { bold: true, indent: true }));
  const conclusions = record.conclusions.trim();
  if (conclusions)
    for (const line of conclusions.split(/\r?\n/)) body.push(para(line, { indent: true }));
  else body.push(para(L.noConclusions, { indent: true }));
  body.push(para(L.closing(t(m.endedAt)), { indent: true }));

  const signature = (title: string, person: string) =>
    cell(
      [
        centred([run(title, { bold: true })]),
        centred([run(L.signHint, { italics: true, size: 22 })], 1400),
        centred([run(person, { bold: true })]),
      ],
      50,
    );
  body.push(
    new d.Table({
      width: { size: 100, type: d.WidthType.PERCENTAGE },
      borders: noBorders,
      rows: [
        new d.TableRow({
          children: [
            signature(L.signSecretary, m.secretary?.name ?? ''),
            signature(L.signChair, m.chair?.name ?? ''),
          ],
        }),
      ],
    }),
  );
  body.push(
    new d.Paragraph({
      spacing: { before: 240 },
      children: [run(L.recipients, { bold: true, italics: true, size: 24 })],
    }),
  );
  for (const line of L.recipientsLines)
    body.push(new d.Paragraph({ children: [run(line, { size: 22 })] }));

  const doc = new d.Document({
    creator: 'Bàn tròn',
    title: `${L.minutesTitle} ${m.title}`,
    styles: { default: { document: { run: { font: 'Times New Roman', size: BODY } } } },
    sections: [
      {
        properties: { page: PAGE },
        children: [header, new d.Paragraph({ children: [] }), ...body],
      },
    ],
  });
  return d.Packer.toBuffer(doc);
}
