import crypto from 'crypto';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { freePort, requestJson, type HttpOutcome } from '../helpers/faults';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { BERITA_CONTOH, ROLE } from '../helpers/sop';

/**
 * PostgreSQL only (jest.config.js matches *.pg.test.ts only when TEST_DATABASE=postgres).
 *
 * Two server processes on one PostgreSQL database and 1,000 concurrent registrations
 * (berita `dicetak` → `diagendakan`), half on each: the agenda numbers come out unique
 * and gap-free, 1..1000. tests/sop/concurrency.test.ts does the same with 200.
 */
const UID = 'api::berita.berita';
const N = 1000;

describe('concurrency: 1,000 registrations on two server processes', () => {
  let app: TestApp;
  let operator: AdminSession;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    // 1,000 requests arrive at once and queue for 10 pooled connections per process; the
    // default 10 s acquire timeout would answer the tail 503 (busy, retry): here they wait.
    app = await startApp({ env: { DATABASE_CONNECTION_TIMEOUT: '120000' } });
    operator = await createAdminSession(app, ROLE.operator);
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await app?.destroy();
  });

  it(`gives ${N} concurrent registrations the numbers 1..${N}, each once`, async () => {
    // Test setup: one berita registered through the document service, then N copies of its
    // row at step 3 (dicetak) written straight into the table (documents().create one by
    // one would take most of a minute here).
    const template = (await app.strapi
      .documents(UID)
      .create({ data: { ...BERITA_CONTOH, perihal: 'Registrasi serentak' } as never })) as unknown as Record<string, unknown>;
    const row = (await app.strapi.db.query(UID).findOne({ where: { documentId: template.documentId } })) as Record<string, unknown>;
    const { id: _id, documentId: _documentId, ...copy } = row;
    const ids = Array.from({ length: N }, (_, i) => `serentak${String(i).padStart(4, '0')}${crypto.randomBytes(6).toString('hex')}`);
    await app.strapi.db.query(UID).createMany({
      data: ids.map((documentId, i) => ({ ...copy, documentId, perihal: `Registrasi serentak ${i + 1}`, tahap: 'dicetak', versi: 0 })),
    });
    await app.strapi.db.query(UID).delete({ where: { documentId: template.documentId } });

    servers.push(await startServerProcess(await freePort()), await startServerProcess(await freePort()));
    const started = Date.now();
    const responses: HttpOutcome[] = await Promise.all(
      ids.map((documentId, index) =>
        requestJson(
          `${servers[index % 2].url}/sop/berita/${documentId}/transisi`,
          'POST',
          { ke: 'diagendakan' },
          { Authorization: `Bearer ${operator.token}` }
        )
      )
    );
    const elapsed = Date.now() - started;
    const latencies = responses.map((response) => response.ms).sort((a, b) => a - b);
    // eslint-disable-next-line no-console
    console.log(
      `${N} registrations on 2 processes: ${elapsed} ms in all, ${Math.round((N / elapsed) * 1000)}/s, ` +
        `p50 ${latencies[Math.floor(N * 0.5)]} ms, p99 ${latencies[Math.floor(N * 0.99)]} ms`
    );
    const failed = responses.filter((response) => response.status !== 200);
    expect(
      failed.map((response) => ('error' in response ? response.error : `${response.status} ${JSON.stringify(response.body)}`)).slice(0, 5)
    ).toEqual([]);

    const rows = (await app.strapi.db.query(UID).findMany({
      where: { documentId: { $in: ids } },
      select: ['documentId', 'tahap', 'nomorAgenda', 'urutAgenda'],
    })) as { documentId: string; tahap: string; nomorAgenda: string; urutAgenda: number }[];
    expect(rows).toHaveLength(N);
    expect(rows.filter((row) => row.tahap !== 'diagendakan')).toEqual([]);
    const numbers = rows.map((row) => Number(row.urutAgenda)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(new Set(rows.map((row) => row.nomorAgenda)).size).toBe(N);
    // one audit row per registration, and the chain intact
    const audit = await app.strapi.db.connection('sop_audit').where({ model: 'berita', ke: 'diagendakan' }).count({ n: '*' }).first();
    expect(Number(audit?.n)).toBe(N);
    const verify = await app.http().get('/sop/audit/verify').set('Authorization', `Bearer ${operator.token}`);
    expect(verify.body.data).toMatchObject({ ok: true });
  }, 600_000); // 1,000 steps queue on a shared CI machine (the SQLite suite runs beside this one): time to finish, not a speed check
});
