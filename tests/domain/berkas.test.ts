import type { RoleKey } from '../../src/domain/roles';
import { fileAccess, isPublicFile, lockingRelation, type FileReader, type FileRelation, type FileRules } from '../../src/domain/berkas';

const relation = (overrides: Partial<FileRelation>): FileRelation => ({
  uid: 'api::berita.berita',
  field: 'lampiran',
  model: 'berita',
  documentId: 'doc1',
  tahap: 'diperiksa',
  governed: true,
  stepRecorded: true,
  tingkat: 'biasa',
  ...overrides,
});

const reader = (id: number, roles: RoleKey[], isSuperAdmin = false): FileReader => ({ id, roles, isSuperAdmin });

/** Grants: the Operator reads every berita field; the Caraka only some; nobody else reads berita. */
const rules = (actor: FileReader): FileRules => ({
  mayReadField: (uid, field) =>
    actor?.isSuperAdmin === true ||
    (uid === 'api::berita.berita' &&
      (actor?.roles.includes('operator') === true || (actor?.roles.includes('caraka') === true && field !== 'lampiran'))) ||
    (uid === 'api::kriptogram.kriptogram' &&
      (actor?.roles.includes('kasi') === true || actor?.roles.includes('sandiman') === true || actor?.roles.includes('kabid') === true)),
  mayReadPlaintext: (sandimanId) => actor?.roles.includes('kasi') === true || (actor?.roles.includes('sandiman') === true && sandimanId === actor.id),
});

const check = (relations: FileRelation[], createdBy: number | null, actor: FileReader) => fileAccess(relations, createdBy, actor, rules(actor));

describe('file access rules (src/domain/berkas.ts)', () => {
  const operator = reader(1, ['operator']);
  const caraka = reader(2, ['caraka']);
  const kasi = reader(3, ['kasi']);
  const sandiman = reader(4, ['sandiman']);
  const sandimanLain = reader(5, ['sandiman']);
  const kabid = reader(6, ['kabid']);
  const superAdmin = reader(7, [], true);

  it('a file only in public media fields is public; any other field makes it private', () => {
    const logo = relation({ uid: 'api::instansi.instansi', field: 'logo', governed: false, stepRecorded: false, tingkat: null });
    expect(isPublicFile([logo])).toBe(true);
    expect(check([logo], 9, null)).toEqual({ allowed: true, public: true, audit: [] });
    expect(isPublicFile([logo, relation({})])).toBe(false);
    expect(check([logo, relation({})], 9, null)).toMatchObject({ allowed: false, status: 401 });
    // a new media field on any type is private without any declaration
    expect(isPublicFile([relation({ uid: 'api::berita.berita', field: 'emlAsli' })])).toBe(false);
  });

  it("an unattached file is its uploader's (and a Super Admin's) alone", () => {
    expect(check([], 1, operator)).toMatchObject({ allowed: true, public: false });
    expect(check([], 1, caraka)).toMatchObject({ allowed: false, status: 403 });
    expect(check([], null, operator)).toMatchObject({ allowed: false, status: 403 });
    expect(check([], 1, superAdmin)).toMatchObject({ allowed: true });
    expect(check([], 1, null)).toMatchObject({ allowed: false, status: 401 });
  });

  it('follows the field grant of every record the file belongs to', () => {
    expect(check([relation({})], 9, operator)).toMatchObject({ allowed: true });
    expect(check([relation({})], 9, caraka)).toMatchObject({ allowed: false, status: 403 });
    expect(check([relation({ field: 'perihal' })], 9, caraka)).toMatchObject({ allowed: true });
    // attached to two records: both must allow
    expect(check([relation({ field: 'perihal' }), relation({ field: 'lampiran' })], 9, caraka)).toMatchObject({ allowed: false });
  });

  it('Rahasia / Sangat Rahasia: audited; kriptogram material needs to know', () => {
    const rahasia = relation({ tingkat: 'rahasia' });
    expect(check([rahasia], 9, operator)).toEqual({ allowed: true, public: false, audit: [rahasia] });
    expect(check([relation({ tingkat: 'terbatas' })], 9, operator)).toEqual({ allowed: true, public: false, audit: [] });

    const kriptogram = relation({
      uid: 'api::kriptogram.kriptogram',
      field: 'berkasKriptogram',
      model: 'kriptogram',
      tingkat: 'sangat_rahasia',
      kriptogramSandimanId: 4,
    });
    expect(check([kriptogram], 4, sandiman)).toMatchObject({ allowed: true, audit: [kriptogram] });
    expect(check([kriptogram], 4, kasi)).toMatchObject({ allowed: true });
    expect(check([kriptogram], 4, sandimanLain)).toMatchObject({ allowed: false, status: 403 });
    expect(check([kriptogram], 4, kabid)).toMatchObject({ allowed: false, status: 403 });
    expect(check([kriptogram], 4, superAdmin)).toMatchObject({ allowed: false, status: 403 });
    // before assignment the registering Sandiman reads it, no other Sandiman
    expect(check([{ ...kriptogram, kriptogramSandimanId: null, kriptogramPencatatId: 5 }], 5, sandimanLain)).toMatchObject({ allowed: true });
    expect(check([{ ...kriptogram, kriptogramSandimanId: null, kriptogramPencatatId: 5 }], 5, sandiman)).toMatchObject({
      allowed: false,
      status: 403,
    });
    expect(check([{ ...kriptogram, kriptogramSandimanId: null, kriptogramPencatatId: null }], 5, sandimanLain)).toMatchObject({ allowed: false });
    expect(check([{ ...kriptogram, kriptogramSandimanId: null, kriptogramPencatatId: 5 }], 5, kasi)).toMatchObject({ allowed: true });
    // a Terbatas kriptogram follows the grant alone
    expect(check([{ ...kriptogram, tingkat: 'terbatas' }], 4, kabid)).toMatchObject({ allowed: true, audit: [] });
  });

  it('locks a file once a step is recorded on a governed record it belongs to', () => {
    expect(lockingRelation([relation({ stepRecorded: false })])).toBeNull();
    expect(lockingRelation([relation({ governed: false, stepRecorded: false, uid: 'api::instansi.instansi', field: 'logo' })])).toBeNull();
    const bukti = relation({ uid: 'api::distribusi.distribusi', field: 'bukti', model: 'distribusi' });
    expect(lockingRelation([relation({ stepRecorded: false }), bukti])).toBe(bukti);
    expect(lockingRelation([])).toBeNull();
  });
});
