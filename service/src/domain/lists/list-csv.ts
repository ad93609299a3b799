// Spreadsheets run a cell that starts with one of these as a formula (CSV injection, OWASP);
// tab and carriage return count too, because some programs strip them before looking.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: a would-be formula is defused with a leading apostrophe, then the cell is quoted (RFC 4180). */
export function csvCell(value: string | number | boolean | Date | null | undefined): string {
  let text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** One CSV record with its CRLF line end. */
export function csvRow(values: (string | number | boolean | Date | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** Lets Excel read the file as UTF-8 (accents in names), which it does not do by default. */
export const CSV_BOM = '\uFEFF';
