/**
 * CSV for the hiring committee and ATS import (RFC 4180), with candidate text
 * neutralised against spreadsheet formula injection: a cell starting with
 * `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'`, so a
 * spreadsheet shows it as text instead of running it (OWASP's advice).
 * Numbers stay numbers: only strings are neutralised.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type CsvValue = string | number | boolean | null | undefined;

function cell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? neutraliseCell(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
