// Text normalisation shared by the cell readers: spreadsheets typed on Chinese keyboards mix full-width
// digits and punctuation with half-width ones, and mark an empty cell with a dash or a word.

const FULL_WIDTH = /[０-９．－／：～（）％，]/g;

/** Full-width digits and the punctuation dates and figures use, as their half-width forms. */
export const halfWidth = (s: string): string =>
  s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

const PLACEHOLDERS = new Set([
  '/',
  '\\',
  '-',
  '--',
  '—',
  '——',
  '–',
  '无',
  '空',
  '暂无',
  '略',
  '/',
  'n/a',
  '#n/a',
  '—/—',
]);

/** A cell that says "nothing here" (/, —, 无, 空): read as empty, not as a value to question. */
export const isPlaceholder = (s: string): boolean =>
  PLACEHOLDERS.has(halfWidth(s).replace(/\s/g, '').toLowerCase());
