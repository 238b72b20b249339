import ExcelJS from 'exceljs';
import { xlsxBuffer } from '../../files/sheet.js';
import { formatChineseDate } from '../../../domain/shared/dates.js';
import type { SurveyReportView } from './survey.schema.js';

/** The bulletin table as an xlsx laid out like the printed one (title, cut-off line, 合计 first). */
export async function surveyReportXlsx(t: SurveyReportView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wellseal';
  const ws = wb.addWorksheet('排查进度');
  ws.mergeCells('A1:E1');
  ws.getCell('A1').value = '四区自备井排查进度表';
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A2:E2');
  ws.getCell('A2').value = `截止日期：${formatChineseDate(t.asOf)}`;
  ws.addRow(['区域 \\ 类别', '网格总数', '已开展排查网格数', '已完成排查网格数', '排查完成率']).font = { bold: true };
  ws.addRow(['合计', t.total.grids, t.total.started, t.total.completed, t.total.rate]).font = { bold: true };
  for (const r of t.rows) ws.addRow([r.district, r.grids, r.started, r.completed, r.rate]);
  ws.columns = [{ width: 20 }, { width: 12 }, { width: 18 }, { width: 18 }, { width: 12 }];
  for (let r = 3; r <= ws.rowCount; r++) {
    for (let c = 1; c <= 5; c++) {
      const cell = ws.getCell(r, c);
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      if (c > 1) cell.alignment = { horizontal: 'center' };
    }
  }
  return xlsxBuffer(wb);
}
