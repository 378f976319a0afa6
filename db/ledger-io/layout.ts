import { headerScore } from './columns';
import { cellAt, type Grid, type GridRow } from './grid';

// Where the table is in a sheet: the header under a title block of any length, one row or two (参训人数
// merged over 教师 / 学生 / 干部), and which rows below it are data and which are totals, signatures,
// spacers, notes or hidden.

/** The header is looked for this far down: title blocks, dates and units come first. */
export const HEADER_SEARCH_ROWS = 40;

export interface Table {
  /** Excel numbers of the header rows (one or two). */
  headerRows: number[];
  /** One name a column: two-row headers composed as 参训人数·教师. */
  headers: string[];
  /** Index in grid.rows of the first row below the header. */
  dataStart: number;
  /** Text of the rows above the header (the title block), for the year it may name. */
  titleText: string;
  score: number;
}

const texts = (row: GridRow | undefined, width: number) =>
  Array.from({ length: width }, (_, c) => cellAt(row, c).text);

/**
 * The names of a two-row header: a cell of the upper row spanning a few columns (merged, or left blank to
 * the right of its group) over different lower cells gives "upper·lower"; others keep their one name.
 * Null when the upper row has no such group. A title merged over the whole table is no group.
 */
const composed = (upper: GridRow, lower: GridRow, width: number): string[] | null => {
  const low = texts(lower, width);
  const over = texts(upper, width);
  for (let c = 1; c < width; c++)
    if (over[c] === '' && low[c] !== '' && low[c - 1] !== '' && over[c - 1] !== '') over[c] = over[c - 1]!;
  const used = over.filter((t, c) => t !== '' || low[c] !== '').length;
  let group = false;
  const names = over.map((u, c) => {
    let span = 1;
    for (let l = c - 1; l >= 0 && over[l] === u; l--) span++;
    for (let r = c + 1; r < width && over[r] === u; r++) span++;
    if (u !== '' && span >= 2 && span <= used * 0.75 && low[c] !== '' && low[c] !== u) {
      group = true;
      return `${u}·${low[c]}`;
    }
    return u !== '' ? u : low[c]!;
  });
  return group ? names : null;
};

/** The header of the sheet's table and where its data starts, or null when no row reads as a header. */
export const findTable = (grid: Grid, score = headerScore): Table | null => {
  const width = Math.max(0, ...grid.rows.slice(0, HEADER_SEARCH_ROWS + 1).map((r) => r.cells.length));
  let best: Table | null = null;
  const top = grid.rows.slice(0, HEADER_SEARCH_ROWS);
  top.forEach((row, i) => {
    const single = texts(row, width);
    const options: [number[], string[], number][] = [[[row.n], single, i + 1]];
    const next = grid.rows[i + 1];
    if (next) {
      const two = composed(row, next, width);
      if (two) options.push([[row.n, next.n], two, i + 2]);
    }
    for (const [headerRows, headers, dataStart] of options) {
      const s = score(headers);
      if (s >= 2 && (!best || s > best.score))
        best = {
          headerRows,
          headers,
          dataStart,
          titleText: grid.rows
            .slice(0, i)
            .flatMap((r) => r.cells.map((c) => c.text))
            .join(' '),
          score: s,
        };
    }
  });
  return best;
};

export type SkipReason = 'blank' | 'total' | 'signature' | 'note' | 'hidden' | 'header';

const TOTAL = /^(合\s*计|小\s*计|总\s*计|累\s*计|共\s*计|总\s*数)([:：(（\s\d]|$)/;
const SIGNATURE =
  /^(填表人|填报人|制表人|审核人|审批人|复核人|负责人|单位负责人|分管领导|经办人|填表日期|填报日期|制表日期|审核日期|单位[(（]?盖章|签字|联系人|联系电话)/;
const NOTE = /^(注|说明|备注|填表说明)\s*[:：]/;

// The columns a repeated header row is recognised by, once per header (not once per row).
const namedColumns = new WeakMap<string[], number[]>();
const named = (headers: string[]): number[] => {
  let columns = namedColumns.get(headers);
  if (!columns) {
    columns = headers.flatMap((h, i) => (h === '' || h.includes('·') ? [] : [i]));
    namedColumns.set(headers, columns);
  }
  return columns;
};

/** Why a row below the header is not an activity, or null when it is data. */
export const skipReason = (row: GridRow, headers: string[]): SkipReason | null => {
  // The first three filled cells decide, and how many are filled: a ledger row is read once, so no
  // per-cell lists are made for it.
  const first: string[] = [];
  let filled = 0;
  for (const c of row.cells)
    if (c.text !== '' || c.uncalculated) {
      filled++;
      if (first.length < 3) first.push(c.text.replace(/\s/g, ''));
    }
  if (filled === 0) return 'blank';
  if (row.hidden) return 'hidden';
  if (first.some((t) => TOTAL.test(t))) return 'total';
  // A signature line starts with who signs; a note in a data row that names a 负责人 is no signature.
  if (filled <= 4 && SIGNATURE.test(first[0]!)) return 'signature';
  if (NOTE.test(first[0]!) && filled <= 2) return 'note';
  // A header repeated on every printed page.
  const columns = named(headers);
  if (columns.length > 0 && columns.every((i) => row.cells[i]?.text === headers[i])) return 'header';
  return null;
};
