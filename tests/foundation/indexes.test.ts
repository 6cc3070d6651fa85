import fs from 'fs';
import path from 'path';
import { startApp, type TestApp } from '../helpers/app';

/**
 * Every index the migrations in database/migrations/ name exists after the first boot of a new
 * database (their tables appear only in that boot's schema sync: database/indeks.js), and the
 * lookup of a record's copies (distribusi by indukUid + indukDocumentId) is served by its index
 * rather than a scan of every copy ever sent.
 */

type IndexDefinition = { table: string; name: string; columns: string[] };

const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', 'database', 'migrations');

const migrationIndexes = async (): Promise<IndexDefinition[]> => {
  const files = fs.readdirSync(MIGRATIONS_DIR).filter((file) => file.endsWith('.js'));
  const migrations = (await Promise.all(files.map((file) => import(path.join(MIGRATIONS_DIR, file))))) as { INDEXES?: IndexDefinition[] }[];
  return migrations.flatMap((migration) => migration.INDEXES ?? []);
};

describe('indexes made by the migrations', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp();
  });

  afterAll(async () => {
    await app?.destroy();
  });

  const existingIndexes = async (): Promise<Set<string>> => {
    const knex = app.strapi.db.connection;
    if (app.database.client === 'postgres') {
      const result = (await knex.raw('select indexname as name from pg_indexes where schemaname = current_schema()')) as { rows: { name: string }[] };
      return new Set(result.rows.map((row) => row.name));
    }
    const rows = (await knex.raw("select name from sqlite_master where type = 'index'")) as { name: string }[];
    return new Set(rows.map((row) => row.name));
  };

  it('every index a migration names is in the new database, the copies index among them', async () => {
    const expected = await migrationIndexes();
    expect(expected.map((index) => index.name)).toEqual(
      expect.arrayContaining(['distribusi_induk_idx', 'berita_updated_at_idx', 'berita_daftar_agenda_idx'])
    );
    const present = await existingIndexes();
    expect(expected.filter((index) => !present.has(index.name)).map((index) => index.name)).toEqual([]);
  });

  it("a record's copies are looked up through distribusi_induk_idx, not by reading the whole table", async () => {
    const knex = app.strapi.db.connection;
    const where = 'select id from distribusi where induk_uid = ? and induk_document_id = ?';
    const bindings = ['api::berita.berita', 'abc123'];
    if (app.database.client === 'postgres') {
      // a near-empty table is cheaper to scan; forbid the scan so the plan shows whether the index can serve
      const plan = await knex.transaction(async (trx) => {
        await trx.raw('set local enable_seqscan = off');
        const result = (await trx.raw(`explain ${where}`, bindings)) as { rows: { 'QUERY PLAN': string }[] };
        return result.rows.map((row) => row['QUERY PLAN']).join('\n');
      });
      expect(plan).toContain('distribusi_induk_idx');
    } else {
      const rows = (await knex.raw(`explain query plan ${where}`, bindings)) as { detail: string }[];
      expect(rows.map((row) => row.detail).join('\n')).toMatch(/USING (COVERING )?INDEX distribusi_induk_idx/);
    }
  });
});
