import { describe, expect, it } from 'vitest';
import { rankDistricts, taskProgressMarkdown } from '../campaign/task-progress.js';
import { surveyProgressMarkdown, surveyProgressTable } from '../survey/progress-table.js';
import { tipSummary, tipSummaryMarkdown } from '../tip/summary.js';
import { mdCell, mdLine, mdRow, mdTable } from './markdown.js';

/** The cells of a GFM table row: split at pipes not escaped by a backslash (an escaped backslash escapes nothing). */
function mdCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) {
      cell += c + line[i + 1];
      i++;
    } else if (c === '|') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells.slice(1, -1).map((x) => x.trim());
}

describe('markdown table cells', () => {
  it('escapes pipes and backslashes and turns line breaks into <br>, so a row keeps its columns', () => {
    expect(mdCell('卧龙区|宛城区')).toBe('卧龙区\\|宛城区');
    expect(mdCell('第一行\n第二行\r\n第三行')).toBe('第一行<br>第二行<br>第三行');
    expect(mdCell('结尾是反斜杠\\')).toBe('结尾是反斜杠\\\\');
    expect(mdCell(35)).toBe('35');
    expect(mdCell(null)).toBe('');
    const row = mdRow(['a|b\n| c | d |', 'x\\|y', 3]);
    expect(row.split('\n')).toHaveLength(1);
    expect(mdCells(row)).toEqual(['a\\|b<br>\\| c \\| d \\|', 'x\\\\\\|y', '3']);
  });

  it('builds a table with its alignment row and keeps a title on one line', () => {
    expect(mdTable(['区', '件数'], ['left', 'right'], [['卧龙区', 3]])).toEqual(['| 区 | 件数 |', '|---|---:|', '| 卧龙区 | 3 |']);
    expect(mdLine('决战六月\n| 伪造 | 行 |')).toBe('决战六月 | 伪造 | 行 |');
  });
});

describe('the Markdown report exports', () => {
  const HOSTILE = '卧龙区|伪造列\n| 伪造行 | 1 | 2 |';
  /** Every table line of a document has as many cells as the table's header, and the hostile name is in one cell. */
  const expectIntactTable = (md: string) => {
    const table = md.split('\n').filter((l) => l.startsWith('|'));
    const width = mdCells(table[0]!).length;
    expect(table.length).toBeGreaterThan(3);
    for (const line of table) expect(mdCells(line), line).toHaveLength(width);
    expect(table.filter((l) => l.includes('伪造行'))).toHaveLength(1);
    expect(table.some((l) => mdCells(l)[0] === '卧龙区\\|伪造列<br>\\| 伪造行 \\| 1 \\| 2 \\|')).toBe(true);
  };

  it('keep their columns when a name holds a pipe and a line break: tips, survey progress, task progress', () => {
    expectIntactTable(tipSummaryMarkdown(tipSummary('2024-01-12', [{ district: HOSTILE, received: 3, assigned: 2, closed: 1, substantiated: 1 }])));
    expectIntactTable(surveyProgressMarkdown(surveyProgressTable('2024-01-12', [{ district: HOSTILE, grids: 10, started: 5, completed: 4 }])));
    const tasks = rankDistricts('决战六月', '2024-06-10', [{ district: HOSTILE, seal: { tasks: 4, done: 1 }, permit: { tasks: 2, done: 1 } }]);
    const md = taskProgressMarkdown(tasks, '决战六月\n| 伪造 | 标题 |');
    expectIntactTable(md);
    expect(md.split('\n')[0]).toBe('决战六月 | 伪造 | 标题 |');
  });
});
