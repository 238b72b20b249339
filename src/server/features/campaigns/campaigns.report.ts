import ExcelJS from 'exceljs';
import { xlsxBuffer } from '../../files/sheet.js';
import type { TaskProgressTable } from '../../../domain/campaign/task-progress.js';

/** 日通报 as an xlsx laid out like the printed notice: three rows per district, merged cells. */
export async function taskProgressXlsx(t: TaskProgressTable, title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wellseal';
  const ws = wb.addWorksheet('日通报');
  const [y, m, d] = t.asOf.split('-').map(Number);
  ws.mergeCells('A1:G1');
  ws.getCell('A1').value = title;
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A2:G2');
  ws.getCell('A2').value = `(${y}. ${m}. ${d})`;
  ws.getCell('A2').alignment = { horizontal: 'center' };
  ws.addRow(['辖区', '分类', '总任务数', '累计完成数', '累计完成比例', '完成比例', '排名']).font = { bold: true };
  const block = (name: string, rows: { label: string; tasks: number; done: number; share: string }[], share: string, rank: number | '') => {
    const start = ws.rowCount + 1;
    for (const r of rows) ws.addRow(['', r.label, r.tasks, r.done, r.share, '', '']);
    ws.mergeCells(start, 1, start + 2, 1);
    ws.mergeCells(start, 6, start + 2, 6);
    ws.mergeCells(start, 7, start + 2, 7);
    ws.getCell(start, 1).value = name;
    ws.getCell(start, 6).value = share;
    ws.getCell(start, 7).value = rank;
  };
  for (const r of t.rows) {
    block(r.district, [{ label: '应封停', ...r.seal }, { label: '应纳管', ...r.permit }, { label: '合计', ...r.all }], r.share, r.rank);
  }
  block('总计', [{ label: '应封停', ...t.total.seal }, { label: '应纳管', ...t.total.permit }, { label: '合计', ...t.total.all }], t.total.all.share, '');
  ws.columns = [{ width: 12 }, { width: 10 }, { width: 12 }, { width: 12 }, { width: 14 }, { width: 12 }, { width: 8 }];
  for (let r = 3; r <= ws.rowCount; r++) {
    for (let c = 1; c <= 7; c++) {
      const cell = ws.getCell(r, c);
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
    }
  }
  return xlsxBuffer(wb);
}
