/**
 * Issue 11 §2 on a database made by the old schema: the columns that were `varchar(255)`
 * (berita.perihal, salinan.perihal, the recipient's alamat, kartu kendali kepada, instansi
 * alamat, salinan berkasNama) become `text` at the next start through Strapi's own schema
 * sync, keeping their rows. PostgreSQL only: SQLite has no column lengths.
 */
import { startApp, type TestApp } from '../helpers/app';

const COLUMNS: [string, string][] = [
  ['berita', 'perihal'],
  ['salinan', 'perihal'],
  ['salinan', 'berkas_nama'],
  ['components_naskah_penerima', 'alamat'],
  ['kartu_kendali', 'kepada'],
  ['instansi', 'alamat'],
];

const columnType = async (app: TestApp, table: string, column: string): Promise<string> => {
  const result = (await app.strapi.db.connection.raw('select data_type from information_schema.columns where table_name = ? and column_name = ?', [
    table,
    column,
  ])) as { rows: { data_type: string }[] };
  return result.rows[0]?.data_type ?? 'missing';
};

describe('upgrade: varchar(255) columns of the old schema become text on start', () => {
  let first: TestApp | undefined;
  let app: TestApp | undefined;

  afterAll(async () => {
    // a failure between the two starts must not leave the first server running
    await first?.stop();
    if (app) await app.destroy();
    else await first?.database.drop();
  });

  it('alters the columns and keeps the rows', async () => {
    first = await startApp();
    const knex = first.strapi.db.connection;
    for (const [table, column] of COLUMNS) {
      expect(await columnType(first, table, column)).toBe('text');
      await knex.raw(`alter table ?? alter column ?? type varchar(255)`, [table, column]);
    }
    const perihal = 'P'.repeat(250);
    await knex('berita').insert({ document_id: 'lama0000000000000000000001', perihal, pengirim: 'BSSN', tahap: 'diterima', versi: 0 });
    // what the old build stored: another schema hash, so the next start syncs
    await knex('strapi_database_schema').update({ hash: 'skema-lama' });
    await first.stop();

    app = await startApp({ database: first.database });
    for (const [table, column] of COLUMNS) expect([table, column, await columnType(app, table, column)]).toEqual([table, column, 'text']);
    const row = (await app.strapi.db.connection('berita').where({ document_id: 'lama0000000000000000000001' }).first()) as { perihal: string };
    expect(row.perihal).toBe(perihal);
    await app.strapi.db
      .connection('berita')
      .where({ document_id: 'lama0000000000000000000001' })
      .update({ perihal: 'Q'.repeat(300) });
  });
});
