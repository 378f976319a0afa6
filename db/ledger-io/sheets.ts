import type { Grid } from './grid';
import { findTable, type Table } from './layout';

// Which sheets hold the ledger: the one whose header matches best, not the first non-empty one; never an
// instruction sheet (填表说明) or a hidden one unless the person picks it; and with a sheet per month
// (1月 … 12月), all of them.

const INSTRUCTIONS = /(说明|填表|填报要求|注意事项|目录|封面|示例|模板|字典|选项)/;
const MONTH_SHEET = /^(?:\d{4}\s*年\s*)?\d{1,2}\s*月份?(?:台账)?$/;

export interface SheetChoice {
  grid: Grid;
  table: Table | null;
  chosen: boolean;
  note: string | null;
}

/** Every sheet with its table and whether it is imported: the person's pick, else the best match. */
export const chooseSheets = (
  grids: Grid[],
  picked: string[] | undefined,
  score: (cells: string[]) => number,
): SheetChoice[] => {
  const all = grids.map((grid) => ({ grid, table: findTable(grid, score) }));
  const why = (g: Grid, table: Table | null): string | null =>
    g.hidden ? '隐藏的工作表' : INSTRUCTIONS.test(g.name) ? '说明页' : table ? null : '没有找到表头';
  const eligible = all.filter(({ grid, table }) => why(grid, table) === null);
  const best = eligible.reduce<(typeof all)[number] | null>(
    (b, s) => (!b || s.table!.score > b.table!.score ? s : b),
    null,
  );
  const months = best && MONTH_SHEET.test(best.grid.name.trim());
  const chosen = (s: (typeof all)[number]) =>
    picked
      ? picked.includes(s.grid.name)
      : s === best || (!!months && eligible.includes(s) && MONTH_SHEET.test(s.grid.name.trim()));
  return all.map((s) => ({ ...s, chosen: chosen(s), note: why(s.grid, s.table) }));
};
