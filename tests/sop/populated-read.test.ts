import { createAdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { ROLE, walkBeritaTo, type BeritaStaff } from '../helpers/sop';
import { withStatements } from '../helpers/statements';
import { readPopulated, type PopulateTree } from '../../src/plugins/sop/server/src/services/populated-read';

/**
 * Issue 14: a record and its relations and components in ONE statement (readPopulated) equals
 * what Strapi's own populate returns — one statement per relation and component field — for
 * records at every stage: no kartu yet, a kartu with its three paraf, distribusi copies with
 * their penerima.
 */

const UID = 'api::berita.berita';
const TREE: PopulateTree = { penerima: true, kartuKendali: { parafKasi: true, parafKabid: true, parafKadis: true }, distribusi: { penerima: true } };
const STRAPI_POPULATE = {
  penerima: true,
  kartuKendali: { populate: ['parafKasi', 'parafKabid', 'parafKadis'] },
  distribusi: { populate: ['penerima'] },
};

describe('readPopulated: one statement, the same row as Strapi populates it', () => {
  let app: TestApp;
  const staff: BeritaStaff = {};

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Siti', lastname: 'Kasi' });
    staff.kabid = await createAdminSession(app, ROLE.kabid, { firstname: 'Kabul', lastname: 'Kabid' });
    staff.kadis = await createAdminSession(app, ROLE.kadis, { firstname: 'Dina', lastname: 'Kadis' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  const statementsOf = <T>(work: () => Promise<T>) => withStatements(app, work);

  it.each(['diterima', 'diagendakan', 'diparaf_kadis', 'didistribusikan'])('a berita at %s', async (tahap) => {
    const documentId = await walkBeritaTo(app, staff, tahap);
    const strapiRow = await app.strapi.db.query(UID).findOne({ where: { documentId }, populate: STRAPI_POPULATE });
    const { value, sqls } = await statementsOf(() => readPopulated(app.strapi, UID, documentId, TREE));
    expect(sqls).toHaveLength(1);
    expect(value).toEqual(strapiRow);
    // the comparison means something: the later stages carry what the populate reads
    const row = value as { penerima: unknown[]; kartuKendali: { parafKadis: { waktu?: string } | null } | null; distribusi: { penerima: unknown }[] };
    expect(row.penerima.length).toBeGreaterThan(0);
    if (tahap === 'diparaf_kadis' || tahap === 'didistribusikan') expect(typeof row.kartuKendali?.parafKadis?.waktu).toBe('string');
    if (tahap === 'didistribusikan') expect(row.distribusi.every((copy) => copy.penerima !== null)).toBe(true);
    if (tahap === 'didistribusikan') expect(row.distribusi.length).toBeGreaterThan(0);
  });

  it('a distribusi copy with its penerima, its berita and (none) kriptogram', async () => {
    const documentId = await walkBeritaTo(app, staff, 'didistribusikan');
    const berita = await app.strapi.db.query(UID).findOne({ where: { documentId }, populate: ['distribusi'] });
    const copies = (berita as { distribusi: { documentId: string }[] }).distribusi;
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const tree = { penerima: true, berita: true, kriptogram: true } as const;
      const strapiRow = await app.strapi.db.query('api::distribusi.distribusi').findOne({ where: { documentId: copy.documentId }, populate: tree });
      const { value, sqls } = await statementsOf(() => readPopulated(app.strapi, 'api::distribusi.distribusi', copy.documentId, tree));
      expect(sqls).toHaveLength(1);
      expect(value).toEqual(strapiRow);
      expect((value as { berita: { documentId: string } }).berita.documentId).toBe(documentId);
    }
  });

  it('an admin user by id with their roles (the /sop authentication), as Strapi reads them', async () => {
    const id = staff.kasi!.id;
    const strapiRow = await app.strapi.db.query('admin::user').findOne({ where: { id }, populate: ['roles'] });
    const { value, sqls } = await statementsOf(() => readPopulated(app.strapi, 'admin::user', { id }, { roles: true }));
    expect(sqls).toHaveLength(1);
    expect(value).toEqual(strapiRow);
    expect((value as { roles: { name: string }[] }).roles.map((role) => role.name)).toEqual([ROLE.kasi]);
    expect(await readPopulated(app.strapi, 'admin::user', { id: 987654 }, { roles: true })).toBeNull();
  });

  it('inside a transaction it reads on the transaction (sees its uncommitted write); an unknown documentId is null', async () => {
    const documentId = await walkBeritaTo(app, staff, 'diterima');
    const seen = await app.strapi.db
      .transaction(async () => {
        await app.strapi.db.query(UID).update({ where: { documentId }, data: { perihal: 'Diubah dalam transaksi' } });
        const inside = await readPopulated(app.strapi, UID, documentId, TREE);
        throw Object.assign(new Error('batal'), { inside });
      })
      .catch((error: { inside?: { perihal?: string } }) => error.inside);
    expect(seen?.perihal).toBe('Diubah dalam transaksi');
    expect((await readPopulated(app.strapi, UID, documentId, TREE))?.perihal).not.toBe('Diubah dalam transaksi');
    expect(await readPopulated(app.strapi, UID, 'tidakadadokumenseperti1', TREE)).toBeNull();
  });
});
