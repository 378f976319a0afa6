import type { ActivityType } from '../../electron/shared/domain';
import {
  IMPORT_FIELDS,
  type AnyImportField,
  type ImportField,
  type ImportInput,
} from '../../electron/shared/schemas/ledgerImport';
import { readHeader } from './columns';
import { cellAt, type GridCell } from './grid';
import { skipReason, type SkipReason } from './layout';
import { readRow, type RowReading } from './readRow';
import type { SheetChoice } from './sheets';
import { yearFor } from './yearContext';

// The chosen sheets' tables read row by row: each column's field (as guessed, or as the person set it by
// header name for the whole file), the year for dates without one, and every row either read or skipped.

export interface ReadRow extends RowReading {
  sheet: string;
  row: number;
  raw: Partial<Record<ImportField, string>>;
  /** The fields this row's sheet has a column for. */
  mapped: ImportField[];
}

export interface ColumnInfo {
  header: string;
  field: AnyImportField | null;
  notes: Set<string>;
}

export interface Tables {
  rows: ReadRow[];
  columns: Map<string, ColumnInfo>;
  skipped: Map<SkipReason, { sheet: string; row: number }[]>;
}

const isActivityField = (f: string): f is ImportField => (IMPORT_FIELDS as readonly string[]).includes(f);

const yuan = (scale: number) => `单位万元，按 ×${scale.toLocaleString('en-US')} 折成元`;

/** Reads every data row of the chosen sheets; `tick` is called per row, to report progress. */
export const readTables = async (
  choices: SheetChoice[],
  input: ImportInput,
  period: { periodStart: string; periodEnd: string },
  tick: (done: number) => Promise<void>,
): Promise<Tables> => {
  const columns = new Map<string, ColumnInfo>();
  const skipped: Tables['skipped'] = new Map();
  const rows: ReadRow[] = [];
  const fixes = new Map((input.fixes ?? []).map((f) => [`${f.sheet}\u0000${f.row}\u0000${f.field}`, f.text]));
  let done = 0;
  for (const { grid, table, chosen } of choices) {
    if (!chosen || !table) continue;
    const fieldColumn = new Map<ImportField, number>();
    const scales: Partial<Record<ImportField, number>> = {};
    let dateYear: number | null = null;
    table.headers.forEach((header, column) => {
      if (header === '') return;
      const reading = readHeader(header);
      const given = input.columns?.[header];
      const field = given === undefined ? reading.field : given && isActivityField(given) ? given : null;
      const info = columns.get(header) ?? { header, field, notes: new Set<string>() };
      columns.set(header, info);
      if (!field || fieldColumn.has(field)) return;
      fieldColumn.set(field, column);
      if (field === reading.field && reading.scale !== 1) {
        scales[field] = reading.scale;
        info.notes.add(yuan(reading.scale));
      } else if (field === reading.field && reading.unit && (field === 'hours' || field === 'days'))
        info.notes.add(`单位：${reading.unit}`);
      if (field === 'startDate') dateYear = reading.year;
    });
    const year = yearFor({
      header: dateYear,
      sheet: grid.name,
      title: table.titleText,
      fileName: input.fileName,
      period,
    });
    const dateHeader = table.headers[fieldColumn.get('startDate') ?? -1];
    if (dateHeader && year.year)
      columns.get(dateHeader)!.notes.add(`未写年份的日期按 ${year.year} 年（取自${year.from}）`);
    const mapped = [...fieldColumn.keys()];
    const ctx = {
      agreementId: input.agreementId,
      year: year.year,
      scales,
      typeMap: (input.typeMap ?? {}) as Record<string, ActivityType>,
      defaultType: input.defaultType ?? null,
    };
    const skip = (reason: SkipReason, row: number) => {
      const list = skipped.get(reason) ?? [];
      list.push({ sheet: grid.name, row });
      skipped.set(reason, list);
    };
    const data = grid.rows.slice(table.dataStart);
    let previous = table.headerRows.at(-1)!;
    for (const gridRow of data) {
      // Rows with nothing in them at all are not in the grid: the gap is the spacer.
      for (let n = previous + 1; n < gridRow.n; n++) skip('blank', n);
      previous = gridRow.n;
      const reason = skipReason(gridRow, table.headers);
      if (reason) skip(reason, gridRow.n);
      if (reason) continue;
      const cells: Partial<Record<ImportField, GridCell>> = {};
      const raw: Partial<Record<ImportField, string>> = {};
      for (const [field, column] of fieldColumn) {
        const fixed = fixes.size > 0 ? fixes.get(`${grid.name}\u0000${gridRow.n}\u0000${field}`) : undefined;
        const cell = fixed === undefined ? cellAt(gridRow, column) : { text: fixed.trim() };
        cells[field] = cell;
        raw[field] = cell.text;
      }
      // A template's pre-numbered empty rows: only 序号 or other unread columns are filled.
      if (Object.values(cells).every((c) => c.text === '' && !c.uncalculated)) {
        skip('blank', gridRow.n);
        continue;
      }
      rows.push({ sheet: grid.name, row: gridRow.n, raw, mapped, ...readRow(cells, ctx) });
      await tick(++done);
    }
  }
  return { rows, columns, skipped };
};
