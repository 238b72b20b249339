import { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
/**
 * A bulletin's content as one HTML page in the same layout as the DOCX: the web preview shows it,
 * and headless Chromium prints it to PDF (A4, GB/T 9704 margins, "— N —" page numbers, odd pages
 * right and even pages left). Chinese glyphs come from the installed CJK fonts and are embedded
 * in the PDF by the browser.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { BulletinContent, BulletinTable } from '../../../domain/bulletin/bulletin.js';
import { AppError } from '../../http/errors.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const SERIF = `'FangSong_GB2312', '仿宋_GB2312', 'FangSong', 'Noto Serif CJK SC', 'Noto Serif SC', serif`;
const TITLE = `'FZXiaoBiaoSong-B05S', '方正小标宋简体', 'Noto Serif CJK SC', serif`;
const HEI = `'SimHei', '黑体', 'Noto Sans CJK SC', sans-serif`;
const KAI = `'KaiTi_GB2312', '楷体_GB2312', 'KaiTi', 'Noto Serif CJK SC', serif`;

function table(t: BulletinTable): string {
  const tr = (cells: BulletinTable['rows'][number], tag: 'th' | 'td') =>
    `<tr>${cells.map((c) => `<${tag}${c.rowSpan ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan ? ` colspan="${c.colSpan}"` : ''}>${esc(c.text)}</${tag}>`).join('')}</tr>`;
  return `${t.title ? `<h2 class="table-title">${esc(t.title)}</h2>` : ''}${t.note ? `<p class="note">${esc(t.note)}</p>` : ''}
<table><thead>${t.header.map((r) => tr(r, 'th')).join('')}</thead><tbody>${t.rows.map((r) => tr(r, 'td')).join('')}</tbody></table>`;
}

export function bulletinHtml(c: BulletinContent, opts: { screen?: boolean } = {}): string {
  const blocks = c.blocks
    .map((b) => {
      if (b.kind === 'article') return `<h2>${esc(b.title)}</h2>${b.paragraphs.map((p) => `<p class="body">${esc(p)}</p>`).join('')}`;
      if (b.kind === 'table') return table(b.table);
      return `<h2>${esc(b.title)}</h2><p class="body">${esc(b.intro)}</p>${b.paragraphs.map((p) => `<p class="body"><b class="kai">${esc(p.heading)}</b> ${esc(p.body)}</p>`).join('')}`;
    })
    .join('\n');
  const contents = c.contents.length
    ? `<section class="contents"><h3>本期导读</h3>${c.contents.map((g) => `${g.group ? `<p class="group">${esc(g.group)}</p>` : ''}${g.items.map((i) => `<p class="item">${esc(i)}</p>`).join('')}`).join('')}</section>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(c.seriesTitle)} ${esc(c.numberText)}</title>
<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; font: 14pt 'SimSun', 'Noto Serif CJK SC', serif; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font: 14pt 'SimSun', 'Noto Serif CJK SC', serif; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${SERIF}; font-size: 16pt; line-height: 28.9pt; color: #000; }
${opts.screen ? 'body { background: #e9e9e9; } main { background: #fff; width: 156mm; margin: 16px auto; padding: 37mm 26mm 35mm 28mm; box-shadow: 0 1px 6px rgba(0,0,0,.2); }' : ''}
.masthead { text-align: center; }
.masthead h1 { color: #E60012; font-family: ${TITLE}; font-size: 36pt; line-height: 1.3; margin: 6mm 0 5mm; font-weight: normal; letter-spacing: 1pt; }
.masthead .number { margin: 0 0 4mm; }
.office-line { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 2.25pt solid #E60012; padding-bottom: 2mm; margin-bottom: 6mm; line-height: 1.5; }
.office-line .date { white-space: nowrap; }
.contents h3 { text-align: center; font-family: ${HEI}; font-weight: normal; font-size: 16pt; margin: 0; }
.contents .group { font-family: ${HEI}; margin: 0; }
.contents .item { font-family: ${KAI}; margin: 0; text-indent: 2em; }
h2 { font-family: ${TITLE}; font-weight: normal; font-size: 22pt; line-height: 1.4; text-align: center; margin: 8mm 0 4mm; break-after: avoid; }
p { margin: 0; }
p.body { text-indent: 2em; text-align: justify; }
.kai { font-family: ${KAI}; }
.note { text-align: center; font-size: 14pt; margin-bottom: 2mm; }
table { width: 100%; border-collapse: collapse; font-size: 12pt; line-height: 1.6; margin-bottom: 4mm; }
th, td { border: 0.75pt solid #000; text-align: center; padding: 1mm 1.5mm; }
th { font-family: ${HEI}; font-weight: normal; }
tr { break-inside: avoid; }
table, .table-title, .note { break-inside: avoid; }
.table-title, .note { break-after: avoid; }
.colophon { margin-top: 12mm; border-top: 0.75pt solid #000; border-bottom: 0.75pt solid #000; font-size: 14pt; line-height: 1.9; padding: 1mm 0; break-inside: avoid; }
.corrects { font-family: ${KAI}; text-indent: 2em; }
</style></head>
<body><main>
<header class="masthead"><h1>${esc(c.seriesTitle)}</h1><p class="number">${esc(c.numberText)}</p></header>
<div class="office-line"><div class="office">${c.office.map(esc).join('<br>')}</div><div class="date">${esc(c.dateText)}</div></div>
${c.corrects ? `<p class="corrects">${esc(c.corrects)}</p>` : ''}
${contents}
${blocks}
<footer class="colophon"><p>${esc(c.distribution.report)}</p><p>${esc(c.distribution.send)}</p></footer>
</main></body></html>`;
}

const run = promisify(execFile);

/** At most two Chromium processes print at once (each takes ~200 MB and a core); more requests wait their turn. */
const printing = pLimit(2);

/**
 * An issued bulletin never changes: its PDF is printed once and kept (a few recent ones, in memory),
 * and leaders opening it at the same moment share the one print.
 */
const issuedPdfs = new LRUCache<string, Promise<Buffer>>({ max: 16 });

export function issuedBulletinPdf(key: string, c: BulletinContent, chromium: string): Promise<Buffer> {
  let pdf = issuedPdfs.get(key);
  if (!pdf) {
    pdf = bulletinPdf(c, chromium);
    pdf.catch(() => issuedPdfs.delete(key));
    issuedPdfs.set(key, pdf);
  }
  return pdf;
}

/** Prints the HTML to PDF with headless Chromium (the path comes from the config: CHROMIUM_PATH). */
export function bulletinPdf(c: BulletinContent, chromium: string): Promise<Buffer> {
  return printing(() => printPdf(c, chromium));
}

async function printPdf(c: BulletinContent, chromium: string): Promise<Buffer> {
  if (!fs.existsSync(chromium)) throw new AppError(503, 'pdf_unavailable', `服务器未安装 Chromium（${chromium}），无法生成 PDF；请下载 Word 版，或由管理员安装 chromium 和 fonts-noto-cjk`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wellseal-pdf-'));
  try {
    const html = path.join(dir, 'bulletin.html');
    const pdf = path.join(dir, 'bulletin.pdf');
    fs.writeFileSync(html, bulletinHtml(c));
    await run(chromium, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      `--user-data-dir=${path.join(dir, 'profile')}`, '--no-pdf-header-footer', '--print-to-pdf-no-header', `--print-to-pdf=${pdf}`, `file://${html}`,
    ], { timeout: 60_000 }).catch((err: Error) => {
      throw new AppError(503, 'pdf_failed', `生成 PDF 失败（Chromium：${err.message.split('\n')[0]!.slice(0, 120)}），请稍后重试或下载 Word 版`);
    });
    return fs.readFileSync(pdf);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
