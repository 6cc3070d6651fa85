/**
 * Issue 11 §2: what SQLite accepts, PostgreSQL must accept. Strapi makes every `string`,
 * `uid`, `email`, `password` and `enumeration` column `varchar(255)` on PostgreSQL whatever
 * `maxLength` says (SQLite ignores the length), so a longer limit is a 500 on PostgreSQL only.
 * This scans every content type and component, and checks that the SOP input schemas (zod)
 * refuse exactly what the content types they write would refuse.
 */
import fs from 'fs';
import path from 'path';
import type { z } from 'zod';
import { kartuKendaliInput } from '../../src/sop-defs/berita/workflow';
import { salinanInput } from '../../src/sop-defs/kriptogram/workflow';
import { tandaTerimaInput } from '../../src/sop-defs/distribusi/workflow';
import { tanggapanInput } from '../../src/sop-defs/pengaduan/workflow';
import { BATAS } from '../../src/domain/pengaduan';
import { CATATAN_MAX } from '../../src/plugins/sop/server/src/engine/decide';

type Attribute = { type: string; maxLength?: number; enum?: string[]; component?: string };
type Schema = { attributes: Record<string, Attribute> };

const ROOT = path.resolve(__dirname, '..', '..', 'src');
const VARCHAR_TYPES = new Set(['string', 'uid', 'email', 'password']);
const POSTGRES_VARCHAR = 255;

const walk = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : entry.name.endsWith('.json') ? [full] : [];
  });

const schemaFiles = [
  ...walk(path.join(ROOT, 'api')).filter((file) => file.endsWith(`${path.sep}schema.json`)),
  ...walk(path.join(ROOT, 'components')),
];

const load = (relative: string): Schema => JSON.parse(fs.readFileSync(path.join(ROOT, relative), 'utf8')) as Schema;
const limitOf = (relative: string, field: string): number => {
  const attribute = load(relative).attributes[field];
  if (!attribute) throw new Error(`${relative} has no attribute ${field}`);
  if (typeof attribute.maxLength !== 'number') throw new Error(`${relative}.${field} has no maxLength`);
  return attribute.maxLength;
};

type Zodish = { def: { type: string }; maxLength?: number | null; unwrap?: () => Zodish; shape?: Record<string, Zodish>; element?: Zodish };
const unwrap = (schema: Zodish): Zodish => (schema.def.type === 'optional' && schema.unwrap ? unwrap(schema.unwrap()) : schema);
const field = (schema: z.ZodType, ...keys: string[]): Zodish => {
  let current = unwrap(schema as unknown as Zodish);
  for (const key of keys) {
    if (key === '[]') current = unwrap(current.element!);
    else current = unwrap(current.shape![key]);
  }
  return current;
};
const zodMax = (schema: z.ZodType, ...keys: string[]): number | null | undefined => field(schema, ...keys).maxLength;

describe('schema limits (PostgreSQL varchar)', () => {
  it('finds the content types and components', () => {
    expect(schemaFiles.length).toBeGreaterThanOrEqual(15);
  });

  it.each(schemaFiles.map((file) => [path.relative(ROOT, file)]))('%s: no varchar attribute can exceed 255 characters', (relative) => {
    const offenders = Object.entries(load(relative).attributes).flatMap(([name, attribute]) => {
      if (VARCHAR_TYPES.has(attribute.type)) {
        if (typeof attribute.maxLength !== 'number') return [`${name} (${attribute.type}) has no maxLength: make it text with maxLength, or cap it`];
        if (attribute.maxLength > POSTGRES_VARCHAR) return [`${name} (${attribute.type}) maxLength ${attribute.maxLength} > 255: make it "text"`];
      }
      if (attribute.type === 'enumeration') {
        const long = (attribute.enum ?? []).filter((value) => value.length > POSTGRES_VARCHAR);
        if (long.length) return [`${name}: enumeration values longer than 255`];
      }
      if (attribute.type === 'text' && attribute.maxLength === undefined && !['isi', 'berkas'].includes(name)) {
        return [`${name} (text) has no maxLength: the limit must be the same on both databases`];
      }
      return [];
    });
    expect(offenders).toEqual([]);
  });

  it('a text column that holds a sealed (encrypted) value has room for the envelope of its longest input', () => {
    const nama = 'x'.repeat(zodMax(salinanInput, 'berkas', 'nama') ?? 0);
    // v1.<key id>.<iv>.<tag>.<ciphertext>, base64url; 3 bytes of UTF-8 per UTF-16 unit at most (BMP)
    const envelope = 2 + 1 + 16 + 1 + 16 + 1 + 22 + 1 + Math.ceil((Buffer.byteLength(nama.replace(/x/g, '\u20ac')) * 4) / 3);
    const attribute = load('api/salinan/content-types/salinan/schema.json').attributes.berkasNama;
    expect(attribute.type).toBe('text');
    expect(attribute.maxLength).toBeGreaterThanOrEqual(envelope);
  });
});

describe('SOP input schemas carry the limits of the fields they write', () => {
  const cases: [string, number | null | undefined, number][] = [
    [
      'dideskripsi salinan.perihal → salinan.perihal',
      zodMax(salinanInput, 'perihal'),
      limitOf('api/salinan/content-types/salinan/schema.json', 'perihal'),
    ],
    [
      'dideskripsi salinan.lampiran → salinan.lampiran',
      zodMax(salinanInput, 'lampiran'),
      limitOf('api/salinan/content-types/salinan/schema.json', 'lampiran'),
    ],
    [
      'dideskripsi salinan.penerima[].nama → naskah.penerima.nama',
      zodMax(salinanInput, 'penerima', '[]', 'nama'),
      limitOf('components/naskah/penerima.json', 'nama'),
    ],
    [
      'dideskripsi salinan.penerima[].jabatan → naskah.penerima.jabatan',
      zodMax(salinanInput, 'penerima', '[]', 'jabatan'),
      limitOf('components/naskah/penerima.json', 'jabatan'),
    ],
    [
      'dideskripsi salinan.penerima[].alamat → naskah.penerima.alamat',
      zodMax(salinanInput, 'penerima', '[]', 'alamat'),
      limitOf('components/naskah/penerima.json', 'alamat'),
    ],
    [
      'dicetak indeks → kartu-kendali.indeks',
      zodMax(kartuKendaliInput, 'indeks'),
      limitOf('api/kartu-kendali/content-types/kartu-kendali/schema.json', 'indeks'),
    ],
    [
      'dicetak kodeKlasifikasi → kartu-kendali.kodeKlasifikasi',
      zodMax(kartuKendaliInput, 'kodeKlasifikasi'),
      limitOf('api/kartu-kendali/content-types/kartu-kendali/schema.json', 'kodeKlasifikasi'),
    ],
    [
      'dicetak pengolah → kartu-kendali.pengolah',
      zodMax(kartuKendaliInput, 'pengolah'),
      limitOf('api/kartu-kendali/content-types/kartu-kendali/schema.json', 'pengolah'),
    ],
    [
      'dicetak catatan → kartu-kendali.catatan',
      zodMax(kartuKendaliInput, 'catatan'),
      limitOf('api/kartu-kendali/content-types/kartu-kendali/schema.json', 'catatan'),
    ],
    [
      'diterima diterimaOleh → distribusi.diterimaOleh',
      zodMax(tandaTerimaInput, 'diterimaOleh'),
      limitOf('api/distribusi/content-types/distribusi/schema.json', 'diterimaOleh'),
    ],
    [
      'selesai tanggapan → pengaduan.tanggapan',
      zodMax(tanggapanInput, 'tanggapan'),
      limitOf('api/pengaduan/content-types/pengaduan/schema.json', 'tanggapan'),
    ],
    ['pengaduan nama → pengaduan.nama', BATAS.namaMax, limitOf('api/pengaduan/content-types/pengaduan/schema.json', 'nama')],
    ['pengaduan kontak → pengaduan.kontak', BATAS.kontakMax, limitOf('api/pengaduan/content-types/pengaduan/schema.json', 'kontak')],
    ['pengaduan isi → pengaduan.isi', BATAS.isiMax, limitOf('api/pengaduan/content-types/pengaduan/schema.json', 'isi')],
    ['pengaduan layanan → pengaduan.layanan', BATAS.layananMax, limitOf('api/pengaduan/content-types/pengaduan/schema.json', 'layanan')],
  ];
  it.each(cases)('%s', (_name, zodLimit, schemaLimit) => {
    expect(zodLimit).toBe(schemaLimit);
  });

  it('a transition catatan has a limit the audit and record columns can hold', () => {
    expect(CATATAN_MAX).toBeLessThanOrEqual(limitOf('api/berita/content-types/berita/schema.json', 'catatan'));
    expect(CATATAN_MAX).toBeLessThanOrEqual(limitOf('api/kriptogram/content-types/kriptogram/schema.json', 'catatan'));
  });
});
