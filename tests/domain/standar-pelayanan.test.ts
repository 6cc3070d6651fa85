import { DEFAULT_SCHEDULE, tenggat } from '../../src/domain/calendar';
import {
  completeness,
  inconsistencies,
  jamIndonesia,
  KOMPONEN,
  scheduleFromStandard,
  type StandarPelayanan,
} from '../../src/domain/standar-pelayanan';
import { STANDAR_SEED } from '../../src/bootstrap/standar-pelayanan';

const [beritaBiasa, naskahDikecualikan] = STANDAR_SEED as unknown as [StandarPelayanan, StandarPelayanan];

describe('the 14 components', () => {
  it('are the fourteen of Permenpan RB 15/2014, each once', () => {
    expect(KOMPONEN).toHaveLength(14);
    expect(new Set(KOMPONEN.map((komponen) => komponen.key)).size).toBe(14);
  });
});

describe('completeness', () => {
  it('counts 14/14 for the berita biasa standard (a lone "-" as persyaratan states "none")', () => {
    expect(completeness(beritaBiasa)).toEqual({ terisi: 14, total: 14, kosong: [] });
  });

  it('names what the naskah dinas standard lacks', () => {
    const result = completeness(naskahDikecualikan);
    expect(result.total).toBe(14);
    expect(result.terisi).toBe(6);
    expect(result.kosong).toEqual([
      'Dasar Hukum',
      'Sarana, Prasarana, dan/atau Fasilitas',
      'Kompetensi Pelaksana',
      'Pengawasan Internal',
      'Jumlah Pelaksana',
      'Jaminan Pelayanan',
      'Jaminan Keamanan dan Keselamatan Pelayanan',
      'Evaluasi Kinerja Pelaksana',
    ]);
  });

  it('treats blank text, blank list items and an empty complaint block as empty', () => {
    const result = completeness({
      biaya: '   ',
      dasarHukum: [{ nomor: 1, uraian: ' ' }],
      prosedur: [],
      penangananPengaduan: { telepon: [{ nomor: '' }], pengaduanLangsung: [] },
    });
    expect(result.terisi).toBe(0);
    expect(result.kosong).toHaveLength(14);
  });

  it('counts a complaint block with only an e-mail address', () => {
    expect(completeness({ penangananPengaduan: { email: 'a@b.go.id' } }).terisi).toBe(1);
  });
});

describe('inconsistencies', () => {
  it('flags "5 (lima) hari kerja" against "Waktu penyelesaian : 1 hari" in the first seed, and nothing else', () => {
    const flags = inconsistencies(beritaBiasa);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toContain('Jangka waktu penyelesaian tidak konsisten');
    expect(flags[0]).toContain('"5 (lima) hari kerja"');
    expect(flags[0]).toContain('"1 hari"');
  });

  it('finds nothing in the second seed', () => {
    expect(inconsistencies(naskahDikecualikan)).toEqual([]);
  });

  it('flags a completion time that differs from the text', () => {
    expect(inconsistencies({ jangkaWaktu: '2 (dua) hari kerja', waktuPenyelesaianHariKerja: 1 })).toEqual([
      'Waktu penyelesaian (1 hari kerja) berbeda dengan teks jangka waktu penyelesaian ("2 (dua) hari kerja").',
    ]);
  });

  it('flags hours that validateSchedule refuses', () => {
    const flags = inconsistencies({ jamLayanan: [{ hari: 'senin', buka: '16.00', tutup: '08.00' }] });
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatch(/^Jam layanan tidak valid: Jadwal hari Senin: jam buka \(16\.00\) harus sebelum jam tutup \(08\.00\)/);
  });

  it('flags a break with only one end, a day listed twice and a malformed time', () => {
    expect(inconsistencies({ jamLayanan: [{ hari: 'senin', buka: '08.00', tutup: '16.00', istirahatMulai: '12.00' }] })[0]).toContain(
      'jam mulai dan jam selesai istirahat harus diisi keduanya'
    );
    expect(
      inconsistencies({
        jamLayanan: [
          { hari: 'jumat', buka: '08.00', tutup: '11.00' },
          { hari: 'jumat', buka: '08.00', tutup: '11.30' },
        ],
      })[0]
    ).toContain('Hari Jumat tercantum lebih dari sekali');
    expect(inconsistencies({ jamLayanan: [{ hari: 'senin', buka: '8 pagi', tutup: '16.00' }] })[0]).toContain('"8 pagi" tidak valid');
  });

  it('flags structured hours that contradict the hours written in the text', () => {
    const jamLayanan = (beritaBiasa.jamLayanan ?? []).map((row) => (row.hari === 'jumat' ? { ...row, tutup: '11.30' } : row));
    expect(
      inconsistencies({
        ...beritaBiasa,
        jangkaWaktu: '- Senin-Kamis 08.00 - 16.00 WIB\nIstirahat 12.00 - 13.00 WIB\n- Jumat 08.00 - 11.00 WIB',
        jamLayanan,
      })
    ).toEqual(['Jam layanan hari Jumat (08.00 - 11.30) berbeda dengan teks jangka waktu (08.00 - 11.00).']);
    const noBreak = (beritaBiasa.jamLayanan ?? []).map((row) => (row.hari === 'rabu' ? { hari: 'rabu', buka: '08.00', tutup: '16.00' } : row));
    expect(inconsistencies({ jangkaWaktu: 'Senin-Kamis 08.00 - 16.00\nIstirahat 12.00 - 13.00', jamLayanan: noBreak })).toEqual([
      'Istirahat hari Rabu pada jam layanan (tanpa istirahat) berbeda dengan teks jangka waktu (12.00 - 13.00).',
    ]);
    expect(inconsistencies({ jangkaWaktu: 'Sabtu 08.00 - 12.00', jamLayanan: beritaBiasa.jamLayanan })).toEqual([
      'Teks jangka waktu menyebut hari Sabtu 08.00 - 12.00, tetapi jam layanan tidak mencantumkan hari Sabtu.',
    ]);
  });

  it('flags procedure steps out of order', () => {
    expect(
      inconsistencies({
        prosedur: [
          { nomor: 1, uraian: 'a' },
          { nomor: 3, uraian: 'b' },
        ],
      })
    ).toEqual(['Nomor langkah prosedur tidak berurutan 1 sampai 2 (tertulis: 1, 3).']);
  });
});

describe('scheduleFromStandard', () => {
  it('turns the first seed’s hours into exactly the office’s default schedule', () => {
    expect(scheduleFromStandard(beritaBiasa.jamLayanan)).toEqual(DEFAULT_SCHEDULE);
  });

  it('normalises 08:00 to 08.00 and drops empty break fields', () => {
    expect(scheduleFromStandard([{ hari: 'sabtu', buka: '8:00', tutup: '12:00', istirahatMulai: '', istirahatSelesai: null }])).toEqual({
      sabtu: { buka: '08.00', tutup: '12.00' },
    });
  });

  it('refuses no open day, an unknown day and a missing closing time', () => {
    expect(() => scheduleFromStandard([])).toThrow('tidak memiliki satu pun hari buka');
    expect(() => scheduleFromStandard([{ hari: 'senen', buka: '08.00', tutup: '16.00' }])).toThrow('Hari "senen"');
    expect(() => scheduleFromStandard([{ hari: 'senin', buka: '08.00' }])).toThrow('jam tutup wajib diisi');
  });

  it('drives the SLA: Friday closing at 11.30 moves a Thursday 15.00 deadline by 30 minutes', () => {
    const jumat1130 = scheduleFromStandard((beritaBiasa.jamLayanan ?? []).map((row) => (row.hari === 'jumat' ? { ...row, tutup: '11.30' } : row)));
    const kamis1500 = new Date('2026-11-26T08:00:00.000Z');
    expect(tenggat(kamis1500, DEFAULT_SCHEDULE).toISOString()).toBe('2026-11-30T04:00:00.000Z'); // Senin 11.00 WIB
    expect(tenggat(kamis1500, jumat1130).toISOString()).toBe('2026-11-30T03:30:00.000Z'); // Senin 10.30 WIB
  });
});

describe('jamIndonesia', () => {
  it('writes times the Indonesian way', () => {
    expect(jamIndonesia('8:05')).toBe('08.05');
    expect(jamIndonesia('16.00')).toBe('16.00');
    expect(jamIndonesia('siang')).toBe('siang');
    expect(jamIndonesia(null)).toBe('');
  });
});
