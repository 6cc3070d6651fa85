import { DIGEST_RUN_TABLE, ensureSopTables, schemaSnapshot } from '../../src/plugins/sop/server/src/index';
import { startApp, type TestApp } from '../helpers/app';
import { withStatements } from '../helpers/statements';

/**
 * schemaSnapshot answers, in one query, which tables exist with which columns (the catalog on
 * PostgreSQL, sqlite_master on SQLite); the boot's table checks read it instead of asking
 * information_schema table by table (issue 14, boot).
 */
describe('schemaSnapshot and the engine tables at boot', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp();
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('lists the tables that exist with their columns, and leaves out those that do not', async () => {
    const knex = app.strapi.db.connection;
    const { value: snapshot, sqls } = await withStatements(app, () =>
      schemaSnapshot(knex, ['sop_audit', 'sop_audit_head', 'tabel_yang_tidak_ada', 'pengaduan'])
    );
    expect(sqls).toHaveLength(1);
    expect([...snapshot.keys()].sort()).toEqual(['pengaduan', 'sop_audit', 'sop_audit_head']);
    expect(snapshot.get('sop_audit')).toEqual(new Set(Object.keys(await knex('sop_audit').columnInfo())));
    expect(snapshot.get('sop_audit')!.has('kunci')).toBe(true);
    expect(snapshot.get('pengaduan')!.has('nomor_tiket')).toBe(true);
    expect(await schemaSnapshot(knex, [])).toEqual(new Map());
  });

  it('a restart with every engine table in place asks one query and creates nothing; a missing one is created', async () => {
    const { strapi } = app;
    const knex = strapi.db.connection;
    const { sqls } = await withStatements(app, () => ensureSopTables(strapi));
    expect(sqls).toHaveLength(1);

    await knex.schema.dropTable(DIGEST_RUN_TABLE);
    expect((await schemaSnapshot(knex, [DIGEST_RUN_TABLE])).has(DIGEST_RUN_TABLE)).toBe(false);
    await ensureSopTables(strapi);
    expect((await schemaSnapshot(knex, [DIGEST_RUN_TABLE])).get(DIGEST_RUN_TABLE)).toEqual(new Set(['tanggal', 'waktu']));
  });
});
