import { posix } from 'node:path';
import { attribute, ownText, parseXml } from './xml';

// What a sheet's cells need from the rest of the workbook: the sheets in order with their state and part,
// the shared strings, which cell styles show a date, and whether serials count from 1904 (old Mac files).

export interface SheetPart {
  name: string;
  /** hidden or veryHidden in the workbook. */
  hidden: boolean;
  /** The part's name in the archive, lower-cased. */
  path: string;
}

export interface WorkbookParts {
  sheets: SheetPart[];
  date1904: boolean;
  /** Trimmed, as the importer reads every cell's text. */
  strings: string[];
  /** By style index (a cell's s attribute): whether its number format shows a date or time. */
  dateStyles: boolean[];
}

/** Parts by lower-cased name: writers differ in case (SharedStrings.xml). */
export type Parts = Map<string, Buffer>;

// Built-in formats that show dates or times; 27–36 and 50–58 are the East Asian ones (年月日) that WPS and
// Chinese Excel use without writing them out in styles.xml.
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/**
 * A custom format shows a date when, outside quoted text, [brackets] and escaped characters (\-, _), *0),
 * it has date or time letters.
 */
export const isDateFormat = (code: string): boolean =>
  /[ymdhsb]/i.test(
    code
      .replace(/\[[^\]]*]/g, '')
      .replace(/"[^"]*"/g, '')
      .replace(/[\\_*]./g, ''),
  );

const relationships = async (rels: Buffer | undefined) => {
  const byId = new Map<string, { target: string; type: string }>();
  if (!rels) return byId;
  await parseXml(rels, {
    open: (name, a) => {
      if (name === 'Relationship' && a.Id && a.Target)
        byId.set(a.Id, { target: a.Target, type: a.Type ?? '' });
    },
  });
  return byId;
};

/** A target relative to xl/ (or absolute from the archive's root) as an archive name. */
const partName = (target: string) =>
  (target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target))).toLowerCase();

const sharedStrings = async (xml: Buffer | undefined): Promise<string[]> => {
  const strings: string[] = [];
  if (!xml) return strings;
  let current = '';
  let inText = false;
  // Phonetic guides (rPh) carry furigana-like readings, not the cell's text.
  let inPhonetic = false;
  await parseXml(xml, {
    open: (name) => {
      if (name === 'si') current = '';
      else if (name === 't') inText = !inPhonetic;
      else if (name === 'rPh') inPhonetic = true;
    },
    close: (name) => {
      if (name === 'si') strings.push(ownText(current));
      else if (name === 't') inText = false;
      else if (name === 'rPh') inPhonetic = false;
    },
    text: (text) => {
      if (inText) current += text;
    },
  });
  return strings;
};

const dateStyles = async (xml: Buffer | undefined): Promise<boolean[]> => {
  const styles: boolean[] = [];
  if (!xml) return styles;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  await parseXml(xml, {
    open: (name, a) => {
      if (name === 'numFmt' && a.numFmtId) custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        const code = custom.get(id);
        styles.push(code === undefined ? DATE_FORMAT_IDS.has(id) : isDateFormat(code));
      }
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
};

/** Reads the workbook's own parts; the sheets' parts are read one by one afterwards. */
export const readWorkbookParts = async (parts: Parts): Promise<WorkbookParts> => {
  const rels = await relationships(parts.get('xl/_rels/workbook.xml.rels'));
  const sheets: SheetPart[] = [];
  let date1904 = false;
  await parseXml(parts.get('xl/workbook.xml') ?? Buffer.alloc(0), {
    open: (name, a) => {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet') return;
      const rel = rels.get(attribute(a, 'id') ?? '');
      // Chart sheets and dialog sheets hold no table.
      if (!rel || !rel.type.endsWith('/worksheet')) return;
      sheets.push({
        name: a.name ?? '',
        hidden: a.state === 'hidden' || a.state === 'veryHidden',
        path: partName(rel.target),
      });
    },
  });
  const target = (suffix: string, fallback: string) => {
    for (const rel of rels.values()) if (rel.type.endsWith(suffix)) return partName(rel.target);
    return fallback;
  };
  return {
    sheets,
    date1904,
    strings: await sharedStrings(parts.get(target('/sharedStrings', 'xl/sharedstrings.xml'))),
    dateStyles: await dateStyles(parts.get(target('/styles', 'xl/styles.xml'))),
  };
};
