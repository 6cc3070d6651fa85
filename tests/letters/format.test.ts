import {
  angkaTerbilang,
  formatNip,
  hariTanggal,
  salinanKe,
  tandaKlasifikasi,
  tanggalPanjang,
  tanggalPendek,
  terbilang,
  waktuPanjang,
} from '../../src/domain/letters/format';
import { dataUmum } from '../../src/domain/letters/kop';
import { agendaQuery, barisSuratMasuk, batasWaktu, namaBerkasAgenda, periodeTeks } from '../../src/domain/letters/agenda';
import { dataTandaTerima, kartuKendaliTersedia, type BeritaSumber } from '../../src/domain/letters/berita';
import { dataResi, type KriptogramSumber } from '../../src/domain/letters/kriptogram';

describe('Indonesian dates, numbers and marks for letters', () => {
  it('writes dates in Asia/Jakarta the Indonesian way', () => {
    expect(tanggalPanjang('2026-11-23T03:00:00.000Z')).toBe('23 November 2026');
    expect(tanggalPanjang('2026-11-22T17:30:00.000Z')).toBe('23 November 2026'); // 00.30 WIB
    expect(tanggalPanjang('2026-11-22T16:59:00.000Z')).toBe('22 November 2026');
    expect(tanggalPanjang('2026-02-01')).toBe('1 Februari 2026');
    expect(tanggalPanjang(null)).toBe('');
    expect(tanggalPanjang('bukan tanggal')).toBe('');
    expect(waktuPanjang('2026-11-23T03:05:00.000Z')).toBe('23 November 2026 pukul 10.05 WIB');
    expect(hariTanggal('2026-11-27T01:00:00.000Z')).toBe('Jumat, 27 November 2026');
    expect(tanggalPendek('2026-01-05T20:00:00.000Z')).toBe('06-01-2026');
  });

  it('spells numbers (terbilang)', () => {
    const cases: [number, string][] = [
      [0, 'nol'],
      [1, 'satu'],
      [10, 'sepuluh'],
      [11, 'sebelas'],
      [12, 'dua belas'],
      [19, 'sembilan belas'],
      [20, 'dua puluh'],
      [21, 'dua puluh satu'],
      [100, 'seratus'],
      [111, 'seratus sebelas'],
      [250, 'dua ratus lima puluh'],
      [1000, 'seribu'],
      [1250, 'seribu dua ratus lima puluh'],
      [2026, 'dua ribu dua puluh enam'],
      [100000, 'seratus ribu'],
      [1000000, 'satu juta'],
      [3000000000, 'tiga miliar'],
    ];
    for (const [angka, kata] of cases) expect(terbilang(angka)).toBe(kata);
    expect(angkaTerbilang(3)).toBe('3 (tiga)');
    expect(() => terbilang(-1)).toThrow(/tidak dapat dieja/);
    expect(() => terbilang(1.5)).toThrow();
  });

  it('copy numbers, classification marks and NIP', () => {
    expect(salinanKe(1, 3)).toBe('Salinan ke-1 dari 3');
    expect(tandaKlasifikasi('biasa')).toBe('');
    expect(tandaKlasifikasi('terbatas')).toBe('TERBATAS');
    expect(tandaKlasifikasi('rahasia')).toBe('RAHASIA');
    expect(tandaKlasifikasi('sangat_rahasia')).toBe('SANGAT RAHASIA');
    expect(formatNip('198001012005011002')).toBe('19800101 200501 1 002');
    expect(formatNip('19800101 200501 1 002')).toBe('19800101 200501 1 002');
    expect(formatNip('12345')).toBe('12345');
    expect(formatNip(null)).toBe('');
  });

  it('builds the letterhead of Permendagri 1/2023 from instansi', () => {
    const umum = dataUmum(
      {
        pemerintah: 'Pemerintah Kota Pekalongan',
        dinas: 'Dinas Komunikasi dan Informatika',
        alamat: 'Jl. Mataram No. 5 Pekalongan Barat',
        kota: 'Pekalongan',
        kodePos: '51111',
        telepon: '(0285) 421243',
        faksimili: '(0285) 420223',
        email: 'diskominfo@pekalongankota.go.id',
        website: 'https://kominfo.pekalongankota.go.id/',
        kepalaSeksi: { nama: 'Budi', nip: '198001012005011002', jabatan: 'Kepala Seksi Persandian dan Keamanan Informasi' },
      },
      { nama: 'Oki Operator', waktu: new Date('2026-11-23T04:15:00Z') }
    );
    expect(umum).toMatchObject({
      kopPemerintah: 'PEMERINTAH KOTA PEKALONGAN',
      kopDinas: 'DINAS KOMUNIKASI DAN INFORMATIKA',
      kopAlamat: 'Jl. Mataram No. 5 Pekalongan Barat, Pekalongan 51111',
      kopKontak: 'Telepon (0285) 421243, Faksimile (0285) 420223, Laman kominfo.pekalongankota.go.id, Pos-el diskominfo@pekalongankota.go.id',
      kasiNama: 'Budi',
      kasiNip: '19800101 200501 1 002',
      kabidJabatan: 'Kepala Bidang Aplikasi dan Persandian',
      kadisNip: '-',
      tanggalCetak: '23 November 2026',
      dicetak: 'Dicetak oleh Oki Operator pada 23 November 2026 pukul 11.15 WIB melalui Meja Sandi',
    });
    expect(umum.kadisNama).toMatch(/^…+$/);
    expect(dataUmum({ alamat: 'Jl. Merdeka 1, Kota Pekalongan', kota: 'Pekalongan' }, { nama: 'x', waktu: new Date() }).kopAlamat).toBe(
      'Jl. Merdeka 1, Kota Pekalongan'
    );
  });
});

describe('buku agenda query and rows', () => {
  it('validates the period and bounds it by Jakarta dates', () => {
    const query = agendaQuery.parse({ dari: '2026-11-23', sampai: '2026-11-24' });
    expect(query.format).toBe('docx');
    const { mulai, sebelum } = batasWaktu(query);
    expect(mulai.toISOString()).toBe('2026-11-22T17:00:00.000Z');
    expect(sebelum.toISOString()).toBe('2026-11-24T17:00:00.000Z');
    expect(periodeTeks(query)).toBe('23 November 2026 s.d. 24 November 2026');
    expect(periodeTeks({ dari: '2026-11-23', sampai: '2026-11-23' })).toBe('23 November 2026');
    expect(namaBerkasAgenda('surat-masuk', query)).toBe('agenda-surat-masuk-2026-11-23-sd-2026-11-24');
    expect(agendaQuery.safeParse({ dari: '2024-02-29', sampai: '2024-02-29' }).success).toBe(true);
    expect(agendaQuery.safeParse({ dari: '2026-02-29', sampai: '2026-03-01' }).success).toBe(false);
    expect(agendaQuery.safeParse({ dari: '2025-01-01', sampai: '2025-12-31' }).success).toBe(true);
    expect(agendaQuery.safeParse({ dari: '2024-01-01', sampai: '2024-12-31' }).success).toBe(true); // 366 days
    expect(agendaQuery.safeParse({ dari: '2024-01-01', sampai: '2025-01-01' }).success).toBe(false);
  });

  it('orders rows by year and agenda number and marks a voided one', () => {
    const base = {
      waktuDiterima: '2026-11-23T03:00:00.000Z',
      nomorSurat: null,
      tanggalSurat: null,
      pengirim: 'BSSN',
      perihal: 'Hal',
      sifat: 'biasa',
      derajatKecepatan: 'biasa',
      penerima: [],
      tahap: 'diagendakan',
      tahapLabel: 'Diagendakan',
    };
    const rows = barisSuratMasuk([
      { ...base, nomorAgenda: '0010/2026', urutAgenda: 10, tahunAgenda: 2026 },
      { ...base, nomorAgenda: '0002/2026', urutAgenda: 2, tahunAgenda: 2026, tahap: 'batal', tahapLabel: 'Batal' },
      { ...base, nomorAgenda: '0099/2025', urutAgenda: 99, tahunAgenda: 2025 },
    ]);
    expect(rows.map((row) => row.nomorAgenda)).toEqual(['0099/2025', '0002/2026', '0010/2026']);
    expect(rows[1].keterangan).toMatch(/^BATAL/);
    expect(rows[0]).toMatchObject({ nomorSurat: '-', tanggalSurat: '-', tanggalDiterima: '23-11-2026', jamDiterima: '10.00' });
  });
});

describe('document data builders', () => {
  const berita: BeritaSumber = {
    documentId: 'b1',
    tahap: 'diagendakan',
    tahapLabel: 'Diagendakan',
    nomorAgenda: '0012/2026',
    perihal: 'Hal',
    pengirim: 'BSSN',
    nomorSurat: null,
    tanggalSurat: null,
    waktuDiterima: null,
    isiRingkas: null,
    sifat: 'biasa',
    derajatKecepatan: 'biasa',
    penerima: [],
    kartuKendali: null,
    distribusi: [
      {
        documentId: 'd2',
        nomorSalinan: 2,
        jumlahSalinan: 2,
        tahap: 'gagal',
        penerima: { jabatan: 'Kepala Dinas Kesehatan', kategori: 'kepala_opd', saluran: 'caraka' },
        carakaNama: null,
        diterimaOleh: null,
        waktuDiterima: null,
        catatan: 'Kantor tutup',
      },
      {
        documentId: 'd1',
        nomorSalinan: 1,
        jumlahSalinan: 2,
        tahap: 'diterima',
        penerima: { nama: 'H. Wali Kota', jabatan: 'Wali Kota', kategori: 'walikota', saluran: 'ajudan' },
        carakaNama: 'Cakra',
        diterimaOleh: 'Bagus',
        waktuDiterima: '2026-11-24T02:30:00.000Z',
        catatan: null,
      },
    ],
  };

  it('the kartu kendali is not there before step 5', () => {
    expect(kartuKendaliTersedia(berita)).toMatch(/langkah 5.*Tahap sekarang: Diagendakan/);
  });

  it('tanda terima: copies in order, the first without a page break, blanks for what is not known yet', () => {
    const data = dataTandaTerima(berita, {}) as { salinan: Record<string, unknown>[] };
    expect(data.salinan.map((copy) => [copy.salinanKe, copy.halamanBaru])).toEqual([
      ['Salinan ke-1 dari 2', false],
      ['Salinan ke-2 dari 2', true],
    ]);
    expect(data.salinan[0]).toMatchObject({
      waktuTerima: '24 November 2026 pukul 09.30 WIB',
      diterimaOleh: 'Bagus',
      saluran: 'Melalui ajudan',
      status: 'Telah diterima',
    });
    expect(data.salinan[1]).toMatchObject({
      diterimaOleh: expect.stringMatching(/^…+$/),
      status: 'Gagal diantar: Kantor tutup',
      kategori: 'Kepala OPD',
    });
    const one = dataTandaTerima(berita, {}, 'd2') as { salinan: Record<string, unknown>[] };
    expect(one.salinan).toHaveLength(1);
    expect(one.salinan[0]).toMatchObject({ salinanKe: 'Salinan ke-2 dari 2', halamanBaru: false });
  });

  it('a resi names no perihal', () => {
    const kriptogram: KriptogramSumber = {
      documentId: 'k1',
      tahap: 'dinomori',
      tahapLabel: 'Dinomori',
      nomorAgenda: '0001/2026',
      nomorKriptogram: 'KR-1',
      asal: 'JKS',
      waktuDiterima: null,
      klasifikasi: 'rahasia',
      derajatKecepatan: 'segera',
      sandimanId: 1,
      sandimanNama: 'Sandi',
      salinan: {
        documentId: 's1',
        nomor: '048/001/XI/2026',
        perihal: 'Rahasia sekali',
        lampiran: null,
        penerima: [],
        parafSandiman: null,
        tandaTanganKasi: null,
      },
      distribusi: [],
    };
    expect(JSON.stringify(dataResi(kriptogram, {}))).not.toContain('Rahasia sekali');
  });
});
