import type { ReportTemplate } from '../../electron/shared/domain';
import {
  SUMMARY_COLUMNS,
  type Paragraph,
  type ReportDocument,
  type ReportScope,
} from '../../electron/shared/schemas/reports';
import type { ReadDb } from '../client';
import { readFacts } from './facts';
import { Book, plainText } from './figures';
import { placePhotos, type PhotoLink, type SectionText } from './photos';
import { summaryRows } from './summaryTable';
import { templateSections } from './templates';

// One annual report as a document model: the template's sections, generated ones written afresh from the
// records on every read (so adding or deleting an activity shows at once) unless a person rewrote them,
// narrative ones as saved. Screen, print view, Word and Excel all render this.

export interface SavedSection {
  key: string;
  body: string;
  edited: boolean;
}

export interface ReportHeader {
  reportId: string;
  template: ReportTemplate;
  title: string;
  institution: string;
  /** The date printed in the title block (the day the report is produced). */
  date: string;
}

const toParagraphs = (body: string): Paragraph[] =>
  body
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ runs: [{ text: line }], sub: /^（[一二三四五六七八九十]+）/.test(line) }));

/** Marks each generated sub-heading that has nothing under it before the next one. */
const markPending = (paragraphs: Paragraph[]): Paragraph[] =>
  paragraphs.map((p, i) => {
    const next = paragraphs[i + 1];
    return p.sub && (!next || next.sub) ? { ...p, pending: true } : p;
  });

export const bodyText = (paragraphs: Paragraph[]): string =>
  paragraphs.map((p) => plainText(p.runs)).join('\n');

/**
 * The figures a text shows, each once, in reading order. The book holds more (every activity of a task has
 * its own, though only the first few are named): those stay server-side for the Excel 主要数据 sheet, so
 * the document carries only what a reader can click (a department's report: 5,700 of 40,600).
 */
const shownFigures = (paragraphs: Paragraph[]): string[] => [
  ...new Set(paragraphs.flatMap((p) => p.runs.flatMap((r) => (r.figure === undefined ? [] : [r.figure])))),
];

/** The document, and the book that keeps each figure's records for when they are asked for. */
export interface BuiltReport {
  doc: ReportDocument;
  book: Book;
}

export const buildReport = (
  db: ReadDb,
  header: ReportHeader,
  scope: ReportScope,
  saved: SavedSection[],
  photos: PhotoLink[] = [],
): BuiltReport => {
  const facts = readFacts(db, scope);
  const book = new Book();
  const savedByKey = new Map(saved.map((s) => [s.key, s]));
  const sections: SectionText[] = templateSections(header.template).map((spec) => {
    const mine = savedByKey.get(spec.key);
    if (spec.kind !== 'generated') {
      const body = mine?.body ?? '';
      return {
        key: spec.key,
        heading: spec.heading,
        kind: spec.kind,
        edited: false,
        paragraphs: spec.kind === 'narrative' ? markPending(toParagraphs(body)) : [],
        body,
        figures: [],
      };
    }
    const generated = markPending(spec.write(facts, book));
    const figures = shownFigures(generated);
    const edited = mine?.edited === true;
    return {
      key: spec.key,
      heading: spec.heading,
      kind: 'generated',
      edited,
      paragraphs: edited ? markPending(toParagraphs(mine.body)) : generated,
      body: edited ? mine.body : bodyText(generated),
      figures,
    };
  });
  const scopeLabel =
    scope.agreementId && facts.agreements[0]
      ? facts.agreements[0].title
      : `全部协议（${facts.agreements.length} 项）`;
  const doc: ReportDocument = {
    reportId: header.reportId,
    template: header.template,
    agreementId: scope.agreementId,
    year: scope.year,
    title: header.title,
    institution: header.institution,
    scopeLabel,
    date: header.date,
    sections: placePhotos(sections, photos),
    summaryColumns: [...SUMMARY_COLUMNS],
    summary: sections.some((s) => s.kind === 'summary') ? summaryRows(facts) : [],
    figures: Object.fromEntries(
      sections.flatMap((s) => s.figures).map((id) => [id, book.registered(id)!] as const),
    ),
  };
  return { doc, book };
};
