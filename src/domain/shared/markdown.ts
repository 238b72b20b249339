/**
 * Markdown tables for the report exports (`format=md`, and the command line). Every cell goes
 * through `mdCell`, so a name holding `|` or a line break (a unit's name, a campaign's title) stays
 * inside its cell and the table keeps its columns.
 */

/** One table cell: `\` and `|` escaped (`\\`, `\|`), line breaks as `<br>`, outer spaces trimmed. */
export function mdCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r\n|\r|\n/g, '<br>')
    .trim();
}

/** One table row: `| a | b |`. */
export function mdRow(cells: readonly (string | number | null | undefined)[]): string {
  return `| ${cells.map(mdCell).join(' | ')} |`;
}

/** A table: the header, its alignment row (`---` or `---:` for right-aligned figures) and the rows. */
export function mdTable(header: readonly string[], align: readonly ('left' | 'right')[], rows: readonly (readonly (string | number | null | undefined)[])[]): string[] {
  return [mdRow(header), `|${align.map((a) => (a === 'right' ? '---:' : '---')).join('|')}|`, ...rows.map(mdRow)];
}

/** A line of text outside a table (a title): line breaks become spaces, so it stays one line. */
export function mdLine(text: string): string {
  return text.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ').trim();
}
