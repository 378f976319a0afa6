import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  type ISectionOptions,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ReportPhoto } from '../../../electron/shared/schemas/reportPhotos';
import type { Paragraph as ModelParagraph, ReportDocument } from '../../../electron/shared/schemas/reports';
import { fitInto, imageSize } from './imageSize';

// The report as a Word document Chinese offices finish by hand: real headings (so the navigation pane and
// a table of contents work), body in 仿宋 三号 with a two-character indent, the 汇总表 as a real table on
// landscape pages whose header row repeats, page numbers in the footer.

const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋' };
const HEI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
const KAI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '楷体' };
const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };

/** Half-points: 三号 is 16 pt, 二号 22 pt, 五号 10.5 pt. */
const SIZE = { body: 32, title: 44, table: 21 };
/** Twips: A4 and the margins official documents use (37 mm top, 28 mm left, 26 mm right). */
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 2098, bottom: 1984, left: 1588, right: 1474 };

const pageFooter = () =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: SONG, size: 28 })],
      }),
    ],
  });

const bodyParagraph = (p: ModelParagraph) =>
  p.sub
    ? new Paragraph({
        heading: HeadingLevel.HEADING_2,
        indent: { firstLine: 640 },
        children: p.runs.map((r) => new TextRun({ text: r.text })),
      })
    : new Paragraph({
        indent: { firstLine: 640 },
        spacing: { line: 560, lineRule: 'exact' },
        children: p.runs.map((r) => new TextRun({ text: r.text })),
      });

/** A photo's bytes by attachment id; null when they cannot be read. */
export type PhotoBytes = (attachmentId: string) => Buffer | null;

/** Pixels at Word's 96 per inch: 14 cm wide, 10 cm high at most, so two photos share a page. */
const PHOTO_BOX = { width: 529, height: 378 };
const DOCX_TYPE: Record<string, 'jpg' | 'png' | 'gif'> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
};

/** The photo centred and kept with its caption "图 N 说明" below it. */
const photoParagraphs = (photo: ReportPhoto, bytes: Buffer | null): Paragraph[] => {
  const size = bytes ? imageSize(photo.mime, bytes) : null;
  const type = DOCX_TYPE[photo.mime];
  const image =
    bytes && size && type
      ? [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            keepNext: true,
            spacing: { before: 240 },
            children: [
              new ImageRun({
                type,
                data: bytes,
                transformation: fitInto(size, PHOTO_BOX),
                altText: { name: `图 ${photo.number}`, title: photo.caption, description: photo.caption },
              }),
            ],
          }),
        ]
      : [];
  return [
    ...image,
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: `图 ${photo.number}\u3000${photo.caption}`, font: SONG, size: 28 })],
    }),
  ];
};

const cell = (text: string | number, header = false) =>
  new TableCell({
    children: [
      new Paragraph({
        alignment: typeof text === 'number' || header ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [
          new TextRun({ text: String(text), bold: header, font: header ? HEI : SONG, size: SIZE.table }),
        ],
      }),
    ],
  });

/** Column widths in fiftieths of a percent, chosen for what each column usually holds. */
const COLUMN_SHARE = [4, 12, 14, 8, 6, 10, 10, 9, 16, 5, 6];

const summaryTable = (doc: ReportDocument) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: COLUMN_SHARE.map((s) => Math.round((s / 100) * (A4.height - 2 * 1440))),
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: doc.summaryColumns.map((c) => cell(c, true)),
      }),
      ...doc.summary.map((r) => new TableRow({ cantSplit: true, children: r.cells.map((c) => cell(c)) })),
    ],
  });

export const renderDocx = async (
  doc: ReportDocument,
  photoBytes: PhotoBytes = () => null,
): Promise<Uint8Array> => {
  const body: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun(doc.title)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: `${doc.institution}\u3000${doc.date}`, font: KAI })],
    }),
  ];
  const summary = doc.sections.find((s) => s.kind === 'summary');
  for (const s of doc.sections) {
    if (s.kind === 'summary') continue;
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(s.heading)] }));
    body.push(...s.paragraphs.filter((p) => !p.pending).map(bodyParagraph));
    for (const photo of s.photos) body.push(...photoParagraphs(photo, photoBytes(photo.attachmentId)));
  }
  const sections: ISectionOptions[] = [
    {
      properties: { page: { size: A4, margin: MARGIN } },
      footers: { default: pageFooter() },
      children: body,
    },
  ];
  if (summary)
    sections.push({
      properties: {
        page: {
          size: { ...A4, orientation: PageOrientation.LANDSCAPE },
          margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 },
        },
      },
      footers: { default: pageFooter() },
      children: [
        new Paragraph({
          heading: HeadingLevel.HEADING_1,
          alignment: AlignmentType.CENTER,
          children: [new TextRun(summary.heading)],
        }),
        summaryTable(doc),
      ],
    });
  const document = new Document({
    creator: doc.institution,
    title: doc.title,
    styles: {
      default: {
        document: { run: { font: FONT, size: SIZE.body } },
        title: { run: { font: { ...SONG, eastAsia: '方正小标宋简体' }, size: SIZE.title, bold: false } },
        heading1: {
          run: { font: HEI, size: SIZE.body, bold: false, color: '000000' },
          paragraph: { indent: { firstLine: 640 } },
        },
        heading2: { run: { font: KAI, size: SIZE.body, bold: false, color: '000000' } },
      },
    },
    sections,
  });
  return Packer.toBuffer(document);
};
