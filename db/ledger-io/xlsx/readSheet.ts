import { fromSerial } from '../parse/dates';
import { EMPTY, type Grid, type GridCell, type GridRow } from '../grid';
import { ownText, parseXml } from './xml';
import type { WorkbookParts } from './workbookParts';

// One worksheet's XML read as a stream of tags into the importer's compact rows: only cells with a value
// are kept, hidden rows are marked, and a merged range gives its first cell's value to every cell it
// covers (as Excel shows it). Rows are counted as they are read, so an oversized sheet is stopped early.

export interface SheetReading {
  /** Called with the rows read so far after every chunk of the sheet (progress, a turn for the event loop). */
  progress: (rows: number) => void | Promise<void>;
  /** Most rows read before `tooMany` is thrown. */
  maxRows: number;
  tooMany: () => Error;
}

/** "AB12" → 27 (0-based column); -1 when the reference has no letters. */
const columnOf = (ref: string): number => {
  let c = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i) & ~0x20;
    if (code < 65 || code > 90) break;
    c = c * 26 + (code - 64);
  }
  return i === 0 ? -1 : c - 1;
};

const rowOf = (ref: string): number => Number(ref.replace(/^[A-Za-z]+/, ''));

/** "D2:E3" → its corners; null when unreadable. */
const range = (ref: string) => {
  const [from, to = from] = ref.split(':');
  const box = { r1: rowOf(from!), c1: columnOf(from!), r2: rowOf(to!), c2: columnOf(to!) };
  return Object.values(box).every((v) => Number.isInteger(v) && v >= 0) ? box : null;
};

const dayOf = (serial: number, date1904: boolean): GridCell => {
  const ms = (serial + (date1904 ? 1462 : 0) - 25569) * 86_400_000;
  if (!Number.isFinite(serial) || Math.abs(ms) > 8.64e15) return { text: '' };
  const day = fromSerial(serial + (date1904 ? 1462 : 0));
  return { text: day, date: day };
};

interface Cell {
  type: string;
  style: number;
  value: string | undefined;
  inline: string;
  formula: boolean;
}

/** The cell as the importer sees it, or null when it holds nothing (a styled empty cell). */
const toCell = (c: Cell, book: WorkbookParts): GridCell | null => {
  if (c.formula && c.value === undefined && c.type !== 'inlineStr') return { text: '', uncalculated: true };
  const v = c.value;
  switch (c.type) {
    case 's':
      return v === undefined ? null : { text: book.strings[Number(v)] ?? '' };
    case 'inlineStr':
      return { text: ownText(c.inline) };
    case 'str':
      return { text: ownText(v ?? '') };
    case 'b':
      return v === undefined ? null : { text: v === '1' || v === 'true' ? '是' : '否' };
    case 'e':
      return { text: (v ?? '').trim() };
    case 'd': {
      const day = v && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null;
      return day ? { text: day, date: day } : { text: '' };
    }
    default: {
      if (v === undefined || v.trim() === '') return null;
      const n = Number(v);
      if (Number.isNaN(n)) return { text: ownText(v) };
      return book.dateStyles[c.style] ? dayOf(n, book.date1904) : { text: String(n), number: n };
    }
  }
};

/** The sheet's rows with a value (or under a merged range), in order, each as wide as the sheet. */
export const readSheet = async (
  name: string,
  hidden: boolean,
  xml: Buffer | AsyncIterable<Buffer>,
  book: WorkbookParts,
  reading: SheetReading,
): Promise<Grid> => {
  const rows: GridRow[] = [];
  const hiddenEmpty = new Set<number>();
  const merges: string[] = [];
  let read = 0;
  let width = 0;
  let row: GridRow | null = null;
  let lastRow = 0;
  let column = -1;
  const next: Cell = { type: 'n', style: 0, value: undefined, inline: '', formula: false };
  let cell: Cell | null = null;
  let capture: 'v' | 't' | null = null;
  let inPhonetic = false;
  let text = '';
  await parseXml(
    xml,
    {
      open: (tag, a) => {
        if (tag === 'c' && row) {
          column = a.r ? columnOf(a.r) : column + 1;
          // One cell is read at a time: its state is reset rather than made anew for each of them.
          cell = next;
          cell.type = a.t ?? 'n';
          cell.style = a.s ? Number(a.s) : 0;
          cell.value = undefined;
          cell.inline = '';
          cell.formula = false;
        } else if (tag === 'v' || (tag === 't' && cell && !inPhonetic)) {
          capture = tag;
          text = '';
        } else if (tag === 'f') {
          if (cell) cell.formula = true;
        } else if (tag === 'rPh') inPhonetic = true;
        else if (tag === 'row') {
          if (++read > reading.maxRows) throw reading.tooMany();
          lastRow = a.r ? Number(a.r) : lastRow + 1;
          row = { n: lastRow, hidden: a.hidden === '1' || a.hidden === 'true', cells: [] };
          column = -1;
        } else if (tag === 'mergeCell' && a.ref) merges.push(a.ref);
      },
      close: (tag) => {
        if (tag === 'v' && capture === 'v' && cell) cell.value = text;
        else if (tag === 't' && capture === 't' && cell) cell.inline += text;
        else if (tag === 'rPh') inPhonetic = false;
        else if (tag === 'c' && cell && row) {
          const value = column >= 0 ? toCell(cell, book) : null;
          if (value) {
            row.cells[column] = value;
            width = Math.max(width, column + 1);
          }
          cell = null;
        } else if (tag === 'row' && row) {
          if (row.cells.length > 0) rows.push(row);
          else if (row.hidden) hiddenEmpty.add(row.n);
          row = null;
        }
        if (tag === 'v' || tag === 't') capture = null;
      },
      text: (t) => {
        if (capture) text += t;
      },
    },
    () => reading.progress(read),
  );
  width = applyMerges(rows, merges, hiddenEmpty, width);
  for (const r of rows) for (let c = 0; c < width; c++) r.cells[c] ??= EMPTY;
  return { name, hidden, rows };
};

/**
 * Every cell a merged range covers takes the value of its first cell. Ranges are clipped to the rows and
 * columns that hold values: a merge reaching to row 1,048,576 adds nothing but empty cells.
 */
const applyMerges = (rows: GridRow[], merges: string[], hiddenEmpty: Set<number>, width: number): number => {
  if (merges.length === 0) return width;
  const byNumber = new Map(rows.map((r) => [r.n, r]));
  const last = rows.at(-1)?.n ?? 0;
  let added = false;
  let wide = width;
  for (const ref of merges) {
    const box = range(ref);
    if (!box) continue;
    const master = byNumber.get(box.r1)?.cells[box.c1] ?? EMPTY;
    const c2 = Math.min(box.c2, width - 1);
    for (let n = box.r1; n <= Math.min(box.r2, last); n++) {
      let r = byNumber.get(n);
      if (!r) {
        r = { n, hidden: hiddenEmpty.has(n), cells: [] };
        byNumber.set(n, r);
        rows.push(r);
        added = true;
      }
      for (let c = box.c1; c <= c2; c++) if (n !== box.r1 || c !== box.c1) r.cells[c] = master;
      wide = Math.max(wide, c2 + 1);
    }
  }
  if (added) rows.sort((a, b) => a.n - b.n);
  return wide;
};
