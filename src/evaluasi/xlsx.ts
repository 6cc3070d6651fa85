import type { Evaluasi } from '../domain/evaluasi';
import { newWorkbook, writeBodyCell, writeHeader, writeLine } from '../letters/xlsx';
import { tabelEvaluasi } from './tabel';

/** The first row of each table: after the title, letterhead, quarter and print lines. */
export const EVALUASI_HEADER_ROW = 6;

/**
 * The quarter's evaluation as an .xlsx workbook (ExcelJS): one sheet per table of
 * ./tabel (volume, time per step, time per role, overdue, complaints by status and by
 * timer), each headed by the title, the letterhead line, the quarter (WIB) and who printed
 * it when; header row frozen and filterable. Resolves to the bytes.
 */
export const evaluasiXlsx = async (evaluasi: Evaluasi, kepala: { instansi: string; dicetak: string }): Promise<Buffer> => {
  const book = newWorkbook();
  for (const tabel of tabelEvaluasi(evaluasi)) {
    const sheet = book.workbook.addWorksheet(tabel.lembar, {
      views: [{ state: 'frozen', ySplit: EVALUASI_HEADER_ROW, topLeftCell: `A${EVALUASI_HEADER_ROW + 1}` }],
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: `${EVALUASI_HEADER_ROW}:${EVALUASI_HEADER_ROW}`,
      },
    });
    sheet.columns = tabel.kolom.map((kolom) => ({ width: kolom.lebar }));
    writeLine(sheet, 1, `EVALUASI KINERJA — ${tabel.judul.toUpperCase()}`, true);
    writeLine(sheet, 2, kepala.instansi);
    writeLine(sheet, 3, evaluasi.triwulan.label);
    writeLine(sheet, 4, kepala.dicetak);
    writeHeader(
      sheet,
      EVALUASI_HEADER_ROW,
      tabel.kolom.map((kolom) => kolom.judul)
    );
    tabel.baris.forEach((baris, index) => baris.forEach((value, column) => writeBodyCell(sheet, EVALUASI_HEADER_ROW + 1 + index, column + 1, value)));
    sheet.autoFilter = {
      from: { row: EVALUASI_HEADER_ROW, column: 1 },
      to: { row: EVALUASI_HEADER_ROW + tabel.baris.length, column: tabel.kolom.length },
    };
  }
  return book.selesai();
};
