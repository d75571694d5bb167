/**
 * Parses CSV text (RFC 4180, as pandas writes it): comma-separated fields, fields in double
 * quotes may hold commas, newlines and `""` for a quote; CRLF or LF line ends. Returns rows of
 * cells, the header included; blank lines are skipped.
 *
 * @example
 * parseCsv('prompt,a\n"x, ""y""",True\n'); // [['prompt', 'a'], ['x, "y"', 'True']]
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  const endRow = () => {
    if (fieldStarted || row.length > 0) {
      row.push(field);
      rows.push(row);
    }
    row = [];
    field = '';
    fieldStarted = false;
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index++;
        } else quoted = false;
      } else field += char;
      continue;
    }
    if (char === '"') {
      quoted = true;
      fieldStarted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
      fieldStarted = true;
    } else if (char === '\n') {
      endRow();
    } else if (char === '\r') {
      if (text[index + 1] !== '\n') endRow();
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  endRow();
  return rows;
}
