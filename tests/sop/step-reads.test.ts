import { createAdminSession, findRole, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { usePostgres } from '../helpers/env';
import { BERITA_CONTOH, cmCreate, ROLE, sopView, transit } from '../helpers/sop';

/**
 * Issue 14, the SOP step's reads: what one `POST /sop/berita/:documentId/transisi` sends to the
 * database (knex `query` events, from the request until its answer), and that the actor taken
 * from Strapi's own admin authentication of the request is as current as a fresh read.
 */
type QueryEvent = { sql: string };
type Knexish = {
  on: (event: 'query', listener: (query: QueryEvent) => void) => void;
  off: (event: 'query', listener: (query: QueryEvent) => void) => void;
};

const UID = 'api::berita.berita';

/** Whether a statement is Strapi's read of one row of `table` by `column` (either database's quoting). */
const readsBy =
  (table: string, column: string) =>
  (sql: string): boolean =>
    new RegExp(`from [\`"]?(public[\`"]\\.[\`"])?${table}[\`"]? as [\`"]t0[\`"] where \\([\`"]t0[\`"]\\.[\`"]${column}[\`"] = `).test(sql);

/**
 * At most this many statements per step on PostgreSQL (measured 22, 23, 25, 35 — the first agenda
 * step of a boot also reads the holiday list; before issue 14's step work 34, 37, 40, 58).
 * SQLite sends one more per step (the audit row and its stream head in two statements) and one
 * more for the agenda number (drawn, then written: one writer at a time), where PostgreSQL
 * draws and writes it in one statement.
 */
const BATAS: Readonly<Record<string, number>> = { diperiksa: 22, dicetak: 23, diagendakan: 25, diteruskan_ke_kasi: 35 };
const SELISIH_SQLITE: Readonly<Record<string, number>> = { diperiksa: 1, dicetak: 1, diagendakan: 2, diteruskan_ke_kasi: 1 };

describe('SOP step: statements per step and the actor from the admin authentication', () => {
  let app: TestApp;
  let operator: AdminSession;

  beforeAll(async () => {
    app = await startApp();
    operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    await createAdminSession(app, ROLE.kasi, { firstname: 'Kasi', lastname: 'Persandian' });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  /** The statements sent while `work` runs, in order. */
  const statementsOf = async (work: () => Promise<void>): Promise<string[]> => {
    const knex = app.strapi.db.connection as unknown as Knexish;
    const sqls: string[] = [];
    const listen = (query: QueryEvent) => sqls.push(query.sql);
    knex.on('query', listen);
    try {
      await work();
    } finally {
      knex.off('query', listen);
    }
    return sqls;
  };

  const register = async (session: AdminSession): Promise<string> => {
    const created = await cmCreate(app, session, UID, BERITA_CONTOH);
    expect(created.status).toBe(201);
    return String(created.body.data.documentId);
  };

  it('walks the operator steps within a bounded number of statements, reading the user and the record no more than needed', async () => {
    const documentId = await register(operator);
    const steps: [string, Record<string, unknown> | undefined][] = [
      ['diperiksa', undefined],
      ['dicetak', undefined],
      ['diagendakan', undefined],
      ['diteruskan_ke_kasi', { indeks: 'RAPAT', kodeKlasifikasi: '005' }],
    ];
    for (const [ke, data] of steps) {
      let status = 0;
      let body: { data?: { tahap?: string; nomorAgenda?: string | null } } = {};
      const sqls = await statementsOf(async () => {
        const response = await transit(app, operator, 'berita', documentId, ke, data ? { data } : {});
        status = response.status;
        body = response.body as typeof body;
      });
      expect(status).toBe(200);
      expect(body.data?.tahap).toBe(ke);
      const batas = BATAS[ke] + (usePostgres() ? 0 : (SELISIH_SQLITE[ke] ?? 0));
      // Not per step: the process's caches refreshed at most every 2 s (the active workflow versions,
      // ALUR_SYNC_MS; the holiday list, HARI_LIBUR_CACHE_MS) fall into a step only when a slow machine lets them expire.
      const perLangkah = sqls.filter((sql) => !/from [`"]?(sop_alur_versi|hari_libur)[`"]? /.test(sql));
      if (perLangkah.length > batas) throw new Error(`${ke}: ${perLangkah.length} statements (at most ${batas}):\n${perLangkah.join('\n')}`);
      // the user: only Strapi's own authentication reads the admin user by id (no second read for the actor)
      expect(sqls.filter(readsBy('admin_users', 'id'))).toHaveLength(1);
      // the record: once to decide in the transaction, once after the commit for the notification and the answer together
      expect(sqls.filter(readsBy('berita', 'document_id'))).toHaveLength(2);
      // the history and its stream head: one statement
      expect(sqls.filter((sql) => /sop_audit_head/.test(sql) && !/^update|^with|^insert/i.test(sql.trim()))).toHaveLength(1);
    }
    const view = await sopView(app, operator, 'berita', documentId);
    expect(view.body.data).toMatchObject({ tahap: 'diteruskan_ke_kasi', riwayatRusak: null });
    expect((view.body.data.riwayat as unknown[]).length).toBeGreaterThanOrEqual(5);
  });

  it('answers the step with the record as committed: the agenda number drawn in the step, and the print buttons of the new tahap', async () => {
    const documentId = await register(operator);
    await transit(app, operator, 'berita', documentId, 'diperiksa');
    const dicetak = await transit(app, operator, 'berita', documentId, 'dicetak');
    expect(dicetak.status).toBe(200);
    const agenda = await transit(app, operator, 'berita', documentId, 'diagendakan');
    expect(agenda.status).toBe(200);
    const stored = (await app.strapi.db.query(UID).findOne({ where: { documentId } })) as Record<string, unknown>;
    expect(agenda.body.data.nomorAgenda).toBe(stored.nomorAgenda);
    expect(stored).toMatchObject({ tahunAgenda: 2026, tahap: 'diagendakan', versi: 3 });
    expect(typeof stored.urutAgenda).toBe('number');
    expect(stored.nomorAgenda).toBe(`${String(stored.urutAgenda).padStart(4, '0')}/2026`);
    // the step's answer equals a fresh view of the record (print buttons, next actors, history)
    const fresh = await sopView(app, operator, 'berita', documentId);
    expect(agenda.body.data).toEqual(fresh.body.data);
  });

  it("takes the roles from the request's own authentication: a role taken away mid-session is refused at the next step", async () => {
    const session = await createAdminSession(app, ROLE.operator, { firstname: 'Oka', lastname: 'Operator' });
    const documentId = await register(session);
    expect((await transit(app, session, 'berita', documentId, 'diperiksa')).status).toBe(200);
    // the same session, now only Kasi (an administrator changed the user's roles)
    const kasi = await findRole(app.strapi, ROLE.kasi);
    await app.strapi.db.query('admin::user').update({ where: { id: session.id }, data: { roles: [kasi.id] } });
    const refused = await transit(app, session, 'berita', documentId, 'dicetak');
    expect(refused.status).toBe(403);
    const stored = (await app.strapi.db.query(UID).findOne({ where: { documentId } })) as Record<string, unknown>;
    expect(stored.tahap).toBe('diperiksa');
  });

  it("refuses a blocked account (403), which Strapi's admin authentication itself lets through", async () => {
    const session = await createAdminSession(app, ROLE.operator, { firstname: 'Ola', lastname: 'Operator' });
    const documentId = await register(session);
    await app.strapi.db.query('admin::user').update({ where: { id: session.id }, data: { blocked: true } });
    const refused = await transit(app, session, 'berita', documentId, 'diperiksa');
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toMatch(/tidak aktif/);
  });
});
