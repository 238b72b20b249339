import ExcelJS from 'exceljs';
import { xlsxBuffer } from '../../files/sheet.js';
import { formatChineseDate } from '../../../domain/shared/dates.js';
import type { TipSummary } from '../../../domain/tip/summary.js';

/** 举报线索办理情况表 as an xlsx laid out like the printed table (合计 first). */
export async function tipSummaryXlsx(t: TipSummary): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wellseal';
  const ws = wb.addWorksheet('举报线索');
  ws.mergeCells('A1:F1');
  ws.getCell('A1').value = '中心城区自备井专项整治“飓风”行动举报线索办理情况表';
  ws.getCell('A1').font = { bold: true, size: 15 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A2:F2');
  ws.getCell('A2').value = `截止日期：${formatChineseDate(t.asOf)}`;
  ws.addRow(['区域 \\ 类别', '受理（件）', '交办（件）', '办结（件）', '办结率', '有效（件）']).font = { bold: true };
  ws.addRow(['合计', t.total.received, t.total.assigned, t.total.closed, t.total.closureRate, t.total.substantiated]).font = { bold: true };
  for (const r of t.rows) ws.addRow([r.district, r.received, r.assigned, r.closed, r.closureRate, r.substantiated]);
  ws.columns = [{ width: 20 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 10 }, { width: 12 }];
  return xlsxBuffer(wb);
}
