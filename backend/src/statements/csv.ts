/**
 * CSV (RFC 4180) for statements. Text cells that a spreadsheet would read as a formula (starting
 * with = + - @, a tab or a carriage return; OWASP "CSV injection") get a leading apostrophe, so a
 * nickname like `=HYPERLINK(...)` shows as text. Numbers we write ourselves are left as numbers.
 */
export type Cell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: readonly Cell[]) => `${cells.map(csvCell).join(',')}\r\n`;
