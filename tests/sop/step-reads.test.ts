import { KeyObject } from 'node:crypto';
import { createAdminSession, findRole, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { usePostgres } from '../helpers/env';
import { BERITA_CONTOH, cmCreate, ROLE, sopView, transit } from '../helpers/sop';
import { withStatements } from '../helpers/statements';
import { loadActor, type StaffActor } from '../../src/plugins/sop/server/src/index';

/**
 * Issue 14, the SOP step's reads: what one `POST /sop/berita/:documentId/transisi` sends to the
 * database (knex `query` events, from the request until its answer), and that the actor taken
 * from Strapi's own admin authentication of the request is as current as a fresh read.
 */

const UID = 'api::berita.berita';

/** The read of a role's holders (usersWithRole: active, not blocked, by role name); their roles are read right after it. */
const holders = (sql: string): boolean => /from [`"]?(public[`"]\.[`"])?admin_users[`"]? .*is_active/.test(sql);

/** Whether a statement is Strapi's read of one row of `table` by `column` (either database's quoting). */
const readsBy =
  (table: string, column: string) =>
  (sql: string): boolean =>
    new RegExp(`from [\`"]?(public[\`"]\\.[\`"])?${table}[\`"]? as [\`"]t0[\`"] where \\([\`"]t0[\`"]\\.[\`"]${column}[\`"] = `).test(sql);

/**
 * At most this many statements per step on PostgreSQL (measured 10, 11, 12, 12 — the first agenda
 * step of a boot also reads the holiday list; before issue 14's step work 34, 37, 40, 58; session 6
 * 22, 23, 24, 35). Session 7 took one from every step (the /sop routes no longer read the user's
 * admin permissions for a CASL ability they never use) and nine more from diteruskan_ke_kasi (the
 * kartu kendali inserted directly: no relation count, no delete of other links, no re-read in the
 * transaction, no populated re-read of the new kartu and its three paraf for the event after it).
 * Session 8 took the mandates (two reads) and the role holders to notify (two) out of the step:
 * each process keeps them 2 s (defineSnapshotCache; tests/sop/snapshot-cache.test.ts) — 18, 18, 19,
 * 22 — and then read the record with its relations and components in one statement, twice per step
 * (readPopulated; tests/sop/populated-read.test.ts), where Strapi's populate sent four to eight —
 * 11, 12, 13, 13 — and the request's user with their roles in one statement too.
 * SQLite sends one more per step (the audit row and its stream head in two statements) and one
 * more for the agenda number (drawn, then written: one writer at a time), where PostgreSQL
 * draws and writes it in one statement.
 */
const BATAS: Readonly<Record<string, number>> = { diperiksa: 10, dicetak: 11, diagendakan: 12, diteruskan_ke_kasi: 12 };
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
  const statementsOf = async (work: () => Promise<void>): Promise<string[]> => (await withStatements(app, work)).sqls;

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
      // ALUR_SYNC_MS; the holiday list, the mandates, the holders of a role: defineSnapshotCache) fall
      // into a step when they are cold (a role notified for the first time) or a slow machine lets them expire.
      const perLangkah = sqls.filter((sql) => !/from [`"]?(public[`"]\.[`"])?(sop_alur_versi|hari_libur|pelaksana)[`"]? /.test(sql) && !holders(sql));
      // the holders' roles are read with them, after the commit (the request's own roles are read before BEGIN)
      const rolesOfHolders = perLangkah.map((sql) => /admin_roles/.test(sql)).lastIndexOf(true);
      if (sqls.some(holders) && rolesOfHolders > perLangkah.indexOf('BEGIN;')) perLangkah.splice(rolesOfHolders, 1);
      if (perLangkah.length > batas) throw new Error(`${ke}: ${perLangkah.length} statements (at most ${batas}):\n${perLangkah.join('\n')}`);
      // the user: only Strapi's own authentication reads the admin user by id (no second read for the actor)
      expect(sqls.filter((sql) => /from "admin_users" t0 where t0\."id" = /.test(sql))).toHaveLength(1);
      // with its roles in the same statement (readPopulated): no read by id through Strapi's query engine, no roles read of its own before the step
      expect(sqls.filter(readsBy('admin_users', 'id'))).toHaveLength(0);
      expect(sqls.slice(0, sqls.indexOf('BEGIN;')).filter((sql) => /^select distinct .*admin_roles/.test(sql))).toHaveLength(0);
      // the record: once to decide in the transaction, once after the commit for the notification and the answer together
      // each in one statement with its relations and components (readPopulated), never Strapi's populate
      expect(sqls.filter((sql) => /from "berita" t0 where t0\."document_id" = /.test(sql))).toHaveLength(2);
      expect(sqls.filter(readsBy('berita', 'document_id'))).toHaveLength(0);
      // the history and its stream head: one statement
      expect(sqls.filter((sql) => /sop_audit_head/.test(sql) && !/^update|^with|^insert/i.test(sql.trim()))).toHaveLength(1);
      // the authentication reads the session, the user and their roles, never the admin permissions (no CASL ability)
      expect(sqls.filter((sql) => /admin_permissions/.test(sql))).toHaveLength(0);
      // the kartu kendali is written by two inserts, never read back by id
      expect(sqls.filter(readsBy('kartu_kendali', 'id'))).toHaveLength(0);
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

  it('authenticates every /sop request as Strapi does: a deactivated account, an ended session and a forged token are refused (401) at once', async () => {
    const session = await createAdminSession(app, ROLE.operator, { firstname: 'Oni', lastname: 'Operator' });
    const documentId = await register(session);
    expect((await sopView(app, session, 'berita', documentId)).status).toBe(200);
    // the verification key is handed to jsonwebtoken converted once (a KeyObject), the signature still checked
    const manager = (
      app.strapi as unknown as { sessionManager: (origin: string) => { sessionManager: { getJwtKey: (...args: unknown[]) => unknown } } }
    ).sessionManager('admin').sessionManager;
    const config = (manager as unknown as { getConfigForOrigin: (origin: string) => { algorithm?: string } }).getConfigForOrigin('admin');
    const key = manager.getJwtKey(config, config.algorithm ?? 'HS256', 'verify');
    expect(key).toBeInstanceOf(KeyObject);
    expect(manager.getJwtKey(config, config.algorithm ?? 'HS256', 'verify')).toBe(key);
    // a token whose signature does not match
    const [head, payload] = session.token.split('.');
    expect((await sopView(app, { ...session, token: `${head}.${payload}.AAAA` }, 'berita', documentId)).status).toBe(401);
    // the account deactivated by an administrator
    await app.strapi.db.query('admin::user').update({ where: { id: session.id }, data: { isActive: false } });
    expect((await transit(app, session, 'berita', documentId, 'diperiksa')).status).toBe(401);
    await app.strapi.db.query('admin::user').update({ where: { id: session.id }, data: { isActive: true } });
    expect((await sopView(app, session, 'berita', documentId)).status).toBe(200);
    // the session ended (logout, or revoked by an administrator): the still unexpired token no longer opens anything
    await app.strapi.db.query('admin::session').deleteMany({ where: { userId: String(session.id) } });
    expect((await transit(app, session, 'berita', documentId, 'diperiksa')).status).toBe(401);
    const stored = (await app.strapi.db.query(UID).findOne({ where: { documentId } })) as Record<string, unknown>;
    expect(stored.tahap).toBe('diterima');
  });

  it('writes the kartu kendali of diteruskan_ke_kasi as the document service would, linked to its berita, announced after the commit', async () => {
    const documentId = await register(operator);
    for (const ke of ['diperiksa', 'dicetak', 'diagendakan']) expect((await transit(app, operator, 'berita', documentId, ke)).status).toBe(200);
    const events: { uid?: string; entry?: Record<string, unknown> }[] = [];
    const listen = (event: { uid?: string; entry?: Record<string, unknown> }) => {
      if (event.uid === 'api::kartu-kendali.kartu-kendali') events.push(event);
    };
    app.strapi.eventHub.on('entry.create', listen as never);
    try {
      const step = await transit(app, operator, 'berita', documentId, 'diteruskan_ke_kasi', { data: { indeks: 'RAPAT', pengolah: 'Sekretariat' } });
      expect(step.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      app.strapi.eventHub.removeListener('entry.create', listen as never);
    }
    const berita = (await app.strapi.db.query(UID).findOne({ where: { documentId }, populate: { kartuKendali: true } })) as {
      id: number;
      nomorAgenda: string;
      perihal: string;
      pengirim: string;
      kartuKendali: Record<string, unknown> | null;
    };
    expect(berita.kartuKendali).toMatchObject({
      jenis: 'kartu_kendali',
      nomorUrut: berita.nomorAgenda,
      indeks: 'RAPAT',
      pengolah: 'Sekretariat',
      kodeKlasifikasi: null,
      catatan: null,
      lampiran: '',
      dari: berita.pengirim,
      kepada: 'Kepala Dinas Komunikasi dan Informatika',
    });
    const kartu = berita.kartuKendali as Record<string, unknown>;
    expect(String(kartu.documentId)).toMatch(/^[a-z0-9]{24}$/);
    expect(kartu.tanggal).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const stamp of ['createdAt', 'updatedAt', 'publishedAt']) expect(Number.isNaN(Date.parse(String(kartu[stamp])))).toBe(false);
    // the event the document service would have sent (webhooks), once, after the commit
    expect(events).toHaveLength(1);
    expect(events[0].entry).toMatchObject({ id: kartu.id, documentId: kartu.documentId, indeks: 'RAPAT' });
    // the view of the next step's actor shows it, and the kartu kendali prints
    const view = await sopView(app, operator, 'berita', documentId);
    expect(view.body.data).toMatchObject({ tahap: 'diteruskan_ke_kasi', riwayatRusak: null });
  });

  it('refuses (400) a kartu kendali value the document service would refuse, from a step run by server code (no HTTP input policy in front)', async () => {
    const documentId = await register(operator);
    for (const ke of ['diperiksa', 'dicetak', 'diagendakan']) expect((await transit(app, operator, 'berita', documentId, ke)).status).toBe(200);
    const actor = await loadActor(app.strapi, operator.id);
    expect(actor).not.toBeNull();
    // the running app's own engine (its module instance marks the step for the gate)
    const transitions = app.strapi.plugin('sop').service('transitions') as {
      perform: (params: { model: string; documentId: string; actor: StaffActor; request: Record<string, unknown> }) => Promise<unknown>;
    };
    const perform = (data: Record<string, unknown>) =>
      transitions.perform({ model: 'berita', documentId, actor: actor as StaffActor, request: { ke: 'diteruskan_ke_kasi', catatan: null, data } });
    await expect(perform({ indeks: 'RAPAT\u0007' })).rejects.toMatchObject({ name: 'ValidationError' });
    const stored = (await app.strapi.db.query(UID).findOne({ where: { documentId }, populate: { kartuKendali: true } })) as Record<string, unknown>;
    expect(stored).toMatchObject({ tahap: 'diagendakan', kartuKendali: null });
  });
});
