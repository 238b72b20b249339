/**
 * A bulletin's content as a DOCX in the layout of GB/T 9704-2012 (see ../shared/REFERENCE.md):
 * A4, top 37 mm / left 28 mm margins, a 156 × 225 mm text block of 22 lines; the red header
 * (title, 第 N 期, office left and date right over a red rule); titles in 方正小标宋简体, body 三号
 * 仿宋_GB2312 with a two-character indent, headings in 黑体 / 楷体; tables with merged cells; the
 * 报/发 block between rules at the end; page numbers "— 1 —", odd pages right, even pages left.
 * Fonts are named; the reader's machine supplies them.
 */
import {
  AlignmentType, BorderStyle, Document, Footer, Packer, PageNumber, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType,
  type IBorderOptions, type ParagraphChild,
} from 'docx';
import type { BulletinContent, BulletinTable } from '../../../domain/bulletin/bulletin.js';

export const RED = 'E60012';
const mm = (x: number) => Math.round(x * 56.6929);
const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  hei: '黑体',
  kai: '楷体_GB2312',
  song: '宋体',
};
const SIZE = { hao1: 52, hao2: 44, hao3: 32, hao4: 28, xiao4: 24, head: 72 } as const;
/** 22 lines on a 225 mm block */
const LINE = Math.round((225 / 22) * 56.6929);

const run = (text: string, font: string, size: number, extra: { color?: string; bold?: boolean } = {}) =>
  new TextRun({ text, font: { ascii: font === FONT.body ? 'Times New Roman' : font, eastAsia: font, hAnsi: font === FONT.body ? 'Times New Roman' : font }, size, ...extra });
const para = (children: ParagraphChild[], opts: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; exact?: boolean; before?: number; after?: number; border?: 'bottom' | 'top' | 'both' } = {}) => {
  const rule: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
  return new Paragraph({
    children,
    ...(opts.align ? { alignment: opts.align } : {}),
    ...(opts.indent ? { indent: { firstLine: 2 * 20 * (SIZE.hao3 / 2) } } : {}),
    spacing: { ...(opts.exact === false ? {} : { line: LINE, lineRule: 'exact' as const }), before: opts.before ?? 0, after: opts.after ?? 0 },
    ...(opts.border ? { border: { ...(opts.border !== 'top' ? { bottom: rule } : {}), ...(opts.border !== 'bottom' ? { top: rule } : {}) } } : {}),
  });
};
const body = (text: string) => para([run(text, FONT.body, SIZE.hao3)], { align: AlignmentType.JUSTIFIED, indent: true });

function header(c: BulletinContent): (Paragraph | Table)[] {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  return [
    para([run(c.seriesTitle, FONT.title, SIZE.head, { color: RED })], { align: AlignmentType.CENTER, exact: false, before: mm(8), after: mm(6) }),
    para([run(c.numberText, FONT.body, SIZE.hao3)], { align: AlignmentType.CENTER, after: mm(4) }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: noBorders,
      rows: [
        new TableRow({
          children: [
            new TableCell({ width: { size: 65, type: WidthType.PERCENTAGE }, borders: noBorders, verticalAlign: VerticalAlign.BOTTOM, children: c.office.map((line) => para([run(line, FONT.body, SIZE.hao3)], { exact: false })) }),
            new TableCell({ width: { size: 35, type: WidthType.PERCENTAGE }, borders: noBorders, verticalAlign: VerticalAlign.BOTTOM, children: [para([run(c.dateText, FONT.body, SIZE.hao3)], { align: AlignmentType.RIGHT, exact: false })] }),
          ],
        }),
      ],
    }),
    // the red rule under the header
    new Paragraph({ children: [], spacing: { before: 0, after: mm(4) }, border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 1 } } }),
  ];
}

function contents(c: BulletinContent): Paragraph[] {
  if (!c.contents.length) return [];
  const out = [para([run('本期导读', FONT.hei, SIZE.hao3)], { align: AlignmentType.CENTER })];
  for (const g of c.contents) {
    if (g.group) out.push(para([run(g.group, FONT.hei, SIZE.hao3)]));
    for (const item of g.items) out.push(para([run(item, FONT.kai, SIZE.hao3)], { indent: true }));
  }
  return out;
}

function table(t: BulletinTable): (Paragraph | Table)[] {
  const cell = (text: string, opts: { head?: boolean; rowSpan?: number; columnSpan?: number }) =>
    new TableCell({
      verticalAlign: VerticalAlign.CENTER,
      ...(opts.rowSpan && opts.rowSpan > 1 ? { rowSpan: opts.rowSpan } : {}),
      ...(opts.columnSpan && opts.columnSpan > 1 ? { columnSpan: opts.columnSpan } : {}),
      children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, opts.head ? FONT.hei : FONT.body, SIZE.xiao4)] })],
    });
  const width = t.header[0]!.length;
  return [
    ...(t.title ? [para([run(t.title, FONT.title, SIZE.hao2)], { align: AlignmentType.CENTER, exact: false, before: mm(4), after: mm(2) })] : []),
    ...(t.note ? [para([run(t.note, FONT.body, SIZE.hao4)], { align: AlignmentType.CENTER, exact: false, after: mm(2) })] : []),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: Array.from({ length: width }, () => Math.floor(mm(156) / width)),
      layout: TableLayoutType.FIXED,
      rows: [
        ...t.header.map((r) => new TableRow({ tableHeader: true, children: r.map((c) => cell(c.text, { head: true, ...(c.rowSpan ? { rowSpan: c.rowSpan } : {}), ...(c.colSpan ? { columnSpan: c.colSpan } : {}) })) })),
        ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c.text, { ...(c.rowSpan ? { rowSpan: c.rowSpan } : {}), ...(c.colSpan ? { columnSpan: c.colSpan } : {}) })) })),
      ],
    }),
  ];
}

function blocks(c: BulletinContent): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const b of c.blocks) {
    if (b.kind === 'article') {
      out.push(para([run(b.title, FONT.title, SIZE.hao2)], { align: AlignmentType.CENTER, exact: false, before: mm(6), after: mm(4) }));
      for (const p of b.paragraphs) out.push(body(p));
    } else if (b.kind === 'table') {
      out.push(...table(b.table));
    } else {
      out.push(para([run(b.title, FONT.title, SIZE.hao2)], { align: AlignmentType.CENTER, exact: false, before: mm(6), after: mm(4) }));
      out.push(body(b.intro));
      for (const p of b.paragraphs) out.push(para([run(p.heading, FONT.kai, SIZE.hao3, { bold: true }), run(` ${p.body}`, FONT.body, SIZE.hao3)], { align: AlignmentType.JUSTIFIED, indent: true }));
    }
  }
  return out;
}

/** 版记: 报 / 发 between rules, 四号 仿宋. */
function distribution(c: BulletinContent): Paragraph[] {
  return [
    para([], { before: mm(10) }),
    para([run(c.distribution.report, FONT.body, SIZE.hao4)], { border: 'top', exact: false, before: 0, after: mm(2) }),
    para([run(c.distribution.send, FONT.body, SIZE.hao4)], { border: 'bottom', exact: false, after: 0 }),
  ];
}

const pageNumber = (align: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
  new Footer({ children: [new Paragraph({ alignment: align, children: [run('— ', FONT.song, SIZE.hao4), new TextRun({ children: [PageNumber.CURRENT], font: FONT.song, size: SIZE.hao4 }), run(' —', FONT.song, SIZE.hao4)] })] });

export async function bulletinDocx(c: BulletinContent, meta: { title: string; issuedOn: string }): Promise<Buffer> {
  const doc = new Document({
    creator: 'Wellseal',
    title: meta.title,
    description: meta.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: { ascii: 'Times New Roman', eastAsia: FONT.body }, size: SIZE.hao3 } } } },
    sections: [
      {
        properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(20) } } },
        footers: { default: pageNumber(AlignmentType.RIGHT), even: pageNumber(AlignmentType.LEFT) },
        children: [
          ...header(c),
          ...(c.corrects ? [para([run(c.corrects, FONT.kai, SIZE.hao3)], { indent: true })] : []),
          ...contents(c),
          ...blocks(c),
          ...distribution(c),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
