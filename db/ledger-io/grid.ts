// A sheet as the importer sees it, whatever the file format: rows of cells with what Excel knew about
// each (a real date, a number, a formula it never calculated), hidden rows and sheets. A cell merged over
// several is read in each of them (the parser gives every covered cell the merged value).

export interface GridCell {
  /** What a person sees in the cell; a date cell as YYYY-MM-DD. */
  text: string;
  /** The day, when the cell is a date cell (whatever its number format). */
  date?: string;
  /** The value, when the cell holds a number (an Excel date typed as a serial arrives this way). */
  number?: number;
  /** A formula whose result was never saved: its value is unknown, not empty. */
  uncalculated?: true;
}

export interface GridRow {
  /** The row's number in the sheet, 1-based, as the person sees it. */
  n: number;
  hidden: boolean;
  cells: GridCell[];
}

export interface Grid {
  name: string;
  hidden: boolean;
  rows: GridRow[];
}

export interface Book {
  format: 'xlsx' | 'csv';
  sheets: Grid[];
}

export const EMPTY: GridCell = Object.freeze({ text: '' });

export const cellAt = (row: GridRow | undefined, column: number): GridCell => row?.cells[column] ?? EMPTY;
