import { PassThrough } from 'stream';
import type ExcelJS from 'exceljs';
import { printableText } from '../domain/input';
import type { BarisAgenda, KolomAgenda } from '../domain/letters/agenda';

// Loaded on first use, not at boot (issue 14's boot budget; see src/api/pengaduan/lib/rate-limit.ts).
const excelJs = (): typeof ExcelJS => require('exceljs') as typeof ExcelJS;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FONT = { name: 'Arial', size: 10 } as const;
const THIN = { style: 'thin' } as const;
/** Thin borders on every side of a table cell. */
export const XLSX_BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** The grey fill of a header row. */
export const XLSX_HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };

/**
 * A text cell's value: printable text (control characters dropped, src/domain/input.ts) as an
 * inline string (`t="inlineStr"`), as the hand-written writer before ExcelJS wrote them — each
 * cell's text stands in the sheet's XML, not in a shared-strings table.
 */
export const inlineText = (text: string): ExcelJS.CellRichTextValue => ({ richText: [{ text: printableText(text) }] });

/** A workbook being written (ExcelJS's streaming writer: no shared strings, rows kept in memory until the end). */
export type XlsxBook = { workbook: ExcelJS.stream.xlsx.WorkbookWriter; selesai: () => Promise<Buffer> };

/** A new workbook by Meja Sandi; `selesai()` commits every sheet and resolves to the .xlsx bytes. */
export const newWorkbook = (): XlsxBook => {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('error', reject);
  });
  const workbook = new (excelJs().stream.xlsx.WorkbookWriter)({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Meja Sandi';
  return {
    workbook,
    selesai: async () => {
      await workbook.commit();
      await ended;
      return Buffer.concat(chunks);
    },
  };
};

/** Writes a header row (bold, grey, bordered, centred and wrapped) at `rowNumber` from column A. */
export const writeHeader = (sheet: ExcelJS.Worksheet, rowNumber: number, titles: readonly string[]): void => {
  titles.forEach((title, index) => {
    const cell = sheet.getCell(rowNumber, index + 1);
    cell.value = inlineText(title);
    cell.font = { ...FONT, bold: true };
    cell.fill = XLSX_HEADER_FILL;
    cell.border = XLSX_BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
};

/** Writes one bordered body cell: a number centred, a text wrapped and top-aligned (control characters dropped). */
export const writeBodyCell = (sheet: ExcelJS.Worksheet, rowNumber: number, column: number, value: string | number | null): void => {
  const cell = sheet.getCell(rowNumber, column);
  cell.value = typeof value === 'number' ? value : inlineText(value ?? '');
  cell.font = FONT;
  cell.border = XLSX_BORDER;
  cell.alignment = typeof value === 'number' ? { horizontal: 'center', vertical: 'top' } : { vertical: 'top', wrapText: true };
  if (typeof value === 'number' && Number.isInteger(value)) cell.numFmt = '0';
};

/** Writes a line of text at the top of a sheet (a title in bold 13 pt when `judul`). */
export const writeLine = (sheet: ExcelJS.Worksheet, rowNumber: number, text: string, judul = false): void => {
  const cell = sheet.getCell(rowNumber, 1);
  cell.value = inlineText(text);
  cell.font = judul ? { ...FONT, size: 13, bold: true } : FONT;
};

/**
 * A buku agenda as an .xlsx workbook (one sheet "Agenda", written with ExcelJS): title,
 * letterhead and period lines, a header row frozen, filterable and repeated on every printed
 * page, one row per entry with a running number; A4 landscape, fitted to the page width.
 * Takes the book's title, period text, letterhead line, columns and rows; resolves to the bytes.
 */
export const agendaXlsx = async (params: {
  judul: string;
  periode: string;
  instansi: string;
  kolom: readonly KolomAgenda[];
  baris: readonly BarisAgenda[];
}): Promise<Buffer> => {
  const kolom = [{ key: 'no', judul: 'No.', lebar: 5 }, ...params.kolom];
  const HEADER_ROW = 5;
  const book = newWorkbook();
  const sheet = book.workbook.addWorksheet('Agenda', {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
  });
  sheet.columns = kolom.map((k) => ({ width: k.lebar }));
  writeLine(sheet, 1, params.judul.toUpperCase(), true);
  writeLine(sheet, 2, params.instansi);
  writeLine(sheet, 3, `Periode: ${params.periode}`);
  writeHeader(
    sheet,
    HEADER_ROW,
    kolom.map((k) => k.judul)
  );
  params.baris.forEach((baris, index) => {
    const row = HEADER_ROW + 1 + index;
    kolom.forEach((k, column) => writeBodyCell(sheet, row, column + 1, k.key === 'no' ? index + 1 : (baris[k.key] ?? '')));
  });
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW + params.baris.length, column: kolom.length } };
  return book.selesai();
};
