import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { usePostgres } from '../helpers/env';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { BERITA_CONTOH, ROLE, transit } from '../helpers/sop';

const UID = 'api::berita.berita';

describe('concurrency', () => {
  let app: TestApp;
  let operator: AdminSession;

  beforeAll(async () => {
    app = await startApp();
    operator = await createAdminSession(app, ROLE.operator);
  });

  afterAll(async () => {
    await app?.destroy();
  });

  const createBerita = async (perihal: string): Promise<string> => {
    const created = await app.strapi.documents(UID).create({ data: { ...BERITA_CONTOH, perihal } as never });
    return created.documentId;
  };

  it('50 concurrent identical transitions: exactly one succeeds, one audit row', async () => {
    const documentId = await createBerita('Berita rebutan');
    const responses = await Promise.all(Array.from({ length: 50 }, () => transit(app, operator, 'berita', documentId, 'diperiksa')));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    const rows = await app.strapi.db.connection('sop_audit').where({ document_id: documentId }).orderBy('urutan');
    expect(rows.map((row: { ke: string }) => row.ke)).toEqual(['diterima', 'diperiksa']);
    const record = await app.strapi.db.query(UID).findOne({ where: { documentId } });
    expect(record).toMatchObject({ tahap: 'diperiksa', versi: 1 });
  });

  it(`agenda numbers stay unique and gap-free under 200 concurrent registrations${usePostgres() ? ' on two server processes' : ''}`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < 200; i += 1) ids.push(await createBerita(`Registrasi serentak ${i + 1}`));
    // Test setup: put every berita at step 3 (dicetak) directly in the database.
    await app.strapi.db.query(UID).updateMany({ where: { documentId: { $in: ids } }, data: { tahap: 'dicetak' } });

    let second: ServerProcess | undefined;
    try {
      if (usePostgres()) {
        second = await startServerProcess(20000 + (process.pid % 10000));
      }
      const responses = await Promise.all(
        ids.map((documentId, index) => {
          const target = second && index % 2 === 1 ? second.http() : app.http();
          return target.post(`/sop/berita/${documentId}/transisi`).set('Authorization', `Bearer ${operator.token}`).send({ ke: 'diagendakan' });
        })
      );
      expect(responses.map((response) => response.status).filter((status) => status !== 200)).toEqual([]);
    } finally {
      await second?.stop();
    }
    const rows = (await app.strapi.db.query(UID).findMany({
      where: { documentId: { $in: ids } },
      select: ['nomorAgenda', 'urutAgenda', 'tahunAgenda'],
    })) as { nomorAgenda: string; urutAgenda: number }[];
    const numbers = rows.map((row) => Number(row.urutAgenda)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(rows.map((row) => row.nomorAgenda)).size).toBe(200);
  });
});
