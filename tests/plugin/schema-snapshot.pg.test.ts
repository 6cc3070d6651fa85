import knexFactory, { type Knex } from 'knex';
import { schemaSnapshot } from '../../src/plugins/sop/server/src/index';
import { POSTGRES_ADMIN_URL } from '../helpers/env';

/**
 * schemaSnapshot on PostgreSQL reads the current schema by its name, as knex's hasTable does: a
 * schema whose name needs quotes (DATABASE_SCHEMA=MejaSandi) is found, a same-named table of
 * another schema (`mejasandi`) is not, and views count as tables (session 13's reviewer).
 */
describe('schemaSnapshot on PostgreSQL, schema names and kinds', () => {
  const database = `meja_skema_${process.pid}_${Date.now()}`;
  let admin: Knex;
  let knex: Knex;

  beforeAll(async () => {
    admin = knexFactory({ client: 'pg', connection: POSTGRES_ADMIN_URL, pool: { min: 0, max: 1 } });
    await admin.raw(`create database ${database}`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${database}`;
    const setup = knexFactory({ client: 'pg', connection: url.toString(), pool: { min: 0, max: 1 } });
    await setup.raw('create schema "MejaSandi"');
    await setup.raw('create schema mejasandi');
    await setup.raw('create table "MejaSandi".sop_audit (id integer, kunci varchar(16))');
    await setup.raw('create view "MejaSandi".sop_audit_head as select 1 as urutan');
    await setup.raw('create table mejasandi.sop_agenda_counter (buku varchar(40))');
    await setup.destroy();
    knex = knexFactory({ client: 'pg', connection: url.toString(), searchPath: ['MejaSandi'], pool: { min: 0, max: 1 } });
  });

  afterAll(async () => {
    await knex?.destroy();
    await admin?.raw(`drop database if exists ${database} with (force)`);
    await admin?.destroy();
  });

  it('reads the quoted schema only, views included, as knex does', async () => {
    const snapshot = await schemaSnapshot(knex, ['sop_audit', 'sop_audit_head', 'sop_agenda_counter']);
    expect([...snapshot.keys()].sort()).toEqual(['sop_audit', 'sop_audit_head']);
    expect(snapshot.get('sop_audit')).toEqual(new Set(['id', 'kunci']));
    expect(snapshot.get('sop_audit_head')).toEqual(new Set(['urutan']));
    for (const table of ['sop_audit', 'sop_audit_head', 'sop_agenda_counter']) expect(snapshot.has(table)).toBe(await knex.schema.hasTable(table));
  });
});
