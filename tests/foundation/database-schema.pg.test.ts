import { Client } from 'pg';
import { verifyAuditTrail } from '../../src/plugins/sop/server/src/services/audit';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { createTestDatabase, startApp, type TestApp } from '../helpers/app';
import { BERITA_CONTOH, ROLE, walkBeritaTo } from '../helpers/sop';

/**
 * PostgreSQL only. The app in a schema of its own (DATABASE_SCHEMA, config/database.ts): the
 * SOP's own statements — the complaint's one statement, the step's claim, readPopulated, the
 * audit rows and the agenda draw — name tables without a schema and rely on the search_path
 * Strapi's PostgreSQL dialect sets on every pooled connection. Here they must all land in that
 * schema and nothing in `public`.
 */
const SCHEMA = 'meja_lain';

describe('DATABASE_SCHEMA: every statement in the configured schema', () => {
  let app: TestApp;
  let operator: AdminSession;

  const tablesIn = async (schema: string): Promise<number> => {
    const { rows } = (await app.strapi.db.connection.raw(
      'select count(*)::int as n from information_schema.tables where table_catalog = current_database() and table_schema = ?',
      [schema]
    )) as { rows: { n: number }[] };
    return rows[0].n;
  };

  beforeAll(async () => {
    const database = await createTestDatabase({ empty: true }); // the app makes its tables in another schema, none in public
    const client = new Client({
      host: database.env.DATABASE_HOST,
      port: Number(database.env.DATABASE_PORT),
      database: database.env.DATABASE_NAME,
      user: database.env.DATABASE_USERNAME,
      password: database.env.DATABASE_PASSWORD,
    });
    await client.connect();
    try {
      await client.query(`create schema ${SCHEMA}`);
    } finally {
      await client.end();
    }
    app = await startApp({ database, env: { DATABASE_SCHEMA: SCHEMA, PENGADUAN_RATE_LIMIT: '1000' } });
    operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    await createAdminSession(app, ROLE.kasi, { firstname: 'Kasi', lastname: 'Persandian' });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('creates the tables in the schema, not in public', async () => {
    expect(await tablesIn(SCHEMA)).toBeGreaterThan(20);
    expect(await tablesIn('public')).toBe(0);
  });

  it('files a complaint and walks a berita to the Kasi there, with an intact audit trail', async () => {
    const complaint = await app
      .http()
      .post('/api/pengaduan')
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({
          data: { nama: 'Rahmat Hidayat', kontak: '0812-3456-7890', isi: 'Lampu jalan di depan kantor kelurahan padam sejak seminggu.' },
        })
      );
    expect(complaint.status).toBe(201);
    expect(complaint.body.data.nomorTiket).toMatch(/^ADU-\d{4}-000001$/);

    const documentId = await walkBeritaTo(app, { operator }, 'diteruskan_ke_kasi', { ...BERITA_CONTOH, indeks: 'RAPAT', kodeKlasifikasi: '005' });
    const berita = (await app.strapi.db.query('api::berita.berita').findOne({ where: { documentId } })) as {
      tahap: string;
      nomorAgenda: string | null;
    };
    expect(berita.tahap).toBe('diteruskan_ke_kasi');
    expect(berita.nomorAgenda).toMatch(/\d/);

    const { rows } = (await app.strapi.db.connection.raw(
      `select (select count(*)::int from ${SCHEMA}.pengaduan) as pengaduan, (select count(*)::int from ${SCHEMA}.sop_audit) as audit`
    )) as { rows: { pengaduan: number; audit: number }[] };
    expect(rows[0].pengaduan).toBe(1);
    expect(rows[0].audit).toBeGreaterThanOrEqual(6);
    expect(await tablesIn('public')).toBe(0);
    expect(await verifyAuditTrail(app.strapi.db.connection)).toMatchObject({ ok: true, count: rows[0].audit });
  });
});
