import {
  definisiBaru,
  jenisSkema,
  modelOfUid,
  namaPengubah,
  nomorDrafBaru,
  moveAt,
  refBaru,
  removeAt,
  transisiBaru,
  withKey,
} from '../../src/plugins/sop/admin/src/alur/definisi';
import { validateDefinition } from '../../src/plugins/sop/server/src/engine';
import { APP_VOCABULARY } from '../../src/sop-defs/vocabulary';

/** The pure helpers of the "Alur SOP" editor (issue 13): what a new workflow starts from and how the params form reads a schema. */
describe('Alur SOP editor helpers', () => {
  it('a new workflow bound to a content type starts as a definition the engine accepts', () => {
    const definisi = definisiBaru('api::berita-keluar.berita-keluar', 'Pengiriman Berita Biasa', 'operator');
    expect(definisi.model).toBe('berita-keluar');
    expect(validateDefinition(definisi, APP_VOCABULARY)).toEqual({ ok: true });
  });

  it('a new step runs from the first state to the last', () => {
    const definisi = definisiBaru('api::surat.surat', 'Surat', 'operator');
    expect(transisiBaru(definisi)).toEqual({ from: ['diterima'], to: 'selesai', label: 'Langkah baru', roles: [] });
  });

  it('the params form reads a JSON Schema node as the input it renders; unions fall back to JSON text', () => {
    expect(jenisSkema({ type: 'string' })).toBe('string');
    expect(jenisSkema({ type: 'integer' })).toBe('number');
    expect(jenisSkema({ type: 'boolean' })).toBe('boolean');
    expect(jenisSkema({ enum: ['kasi', 'kabid'] })).toBe('enum');
    expect(jenisSkema({ type: 'array', items: { type: 'object', properties: { fakta: { type: 'string' } } } })).toBe('array');
    expect(jenisSkema({ type: 'object', properties: { buku: { type: 'string' } } })).toBe('object');
    expect(jenisSkema({ anyOf: [{ type: 'string' }, { type: 'number' }] })).toBe('json');
    expect(jenisSkema({ type: 'object' })).toBe('json');
  });

  it('a vocabulary entry is added with empty lists for its required arrays and its defaults', () => {
    const schema = {
      type: 'object',
      properties: { tanda: { type: 'array', items: { type: 'string' } }, pesan: { type: 'string', default: 'Belum lengkap' } },
      required: ['tanda'],
    };
    expect(refBaru('signaturesGiven', schema)).toEqual({ type: 'signaturesGiven', params: { tanda: [], pesan: 'Belum lengkap' } });
    expect(refBaru('createDistribusi', null)).toEqual({ type: 'createDistribusi' });
  });

  it('list and object edits copy, never mutate', () => {
    const list = ['a', 'b', 'c'];
    expect(moveAt(list, 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveAt(list, 0, -1)).toEqual(['a', 'b', 'c']);
    expect(removeAt(list, 1)).toEqual(['a', 'c']);
    expect(list).toEqual(['a', 'b', 'c']);
    expect(withKey({ a: 1, b: 2 } as { a: number; b?: number }, 'b', undefined)).toEqual({ a: 1 });
    expect(modelOfUid('api::berita-keluar.berita-keluar')).toBe('berita-keluar');
  });

  it('reads who changed a version and which draft was just made, whichever shape the server answers in', () => {
    expect(namaPengubah({ id: 1, nama: 'Admin Utama' })).toBe('Admin Utama');
    expect(namaPengubah('Sistem')).toBe('Sistem');
    expect(namaPengubah(null)).toBeNull();
    const versi = [
      { nomor: 1, status: 'aktif' },
      { nomor: 2, status: 'pensiun' },
      { nomor: 3, status: 'draf' },
    ];
    expect(nomorDrafBaru({ model: 'berita', versi })).toBe(3);
    expect(nomorDrafBaru({ nomor: 4 })).toBe(4);
    expect(nomorDrafBaru(undefined)).toBeUndefined();
  });
});
