import { DEFAULT_SCHEDULE, workingMinutesBetween } from '../../src/domain/calendar';
import {
  batasTriwulan,
  hitungEvaluasi,
  labelTriwulan,
  sebaran,
  type BarisAuditEvaluasi,
  type DefinisiEvaluasi,
  type RekamanEvaluasi,
} from '../../src/domain/evaluasi';
import PENGADUAN from '../../src/sop-defs/pengaduan/definition.json';

/** `2026-11-23 10:00` WIB → the instant. */
const wib = (text: string): Date => new Date(`${text.replace(' ', 'T')}:00+07:00`);

const UJI: DefinisiEvaluasi = {
  model: 'uji',
  title: 'Layanan Uji',
  initial: 'a',
  states: [
    { key: 'a', label: 'Masuk' },
    { key: 'b', label: 'Diperiksa' },
    { key: 'c', label: 'Selesai', final: true },
    { key: 'batal', label: 'Batal', final: true },
  ],
  transitions: [
    { from: ['a'], to: 'b', label: 'Periksa', roles: ['operator'] },
    { from: ['b'], to: 'c', label: 'Paraf', roles: ['kasi'] },
    { from: ['a', 'b'], to: 'batal', label: 'Batalkan', roles: ['operator'], kind: 'batal' },
  ],
};

const NAMA_PERAN = { operator: 'Operator', kasi: 'Kasi', petugasPengaduan: 'Petugas Pengaduan', pejabatPengaduan: 'Pejabat Pengaduan' };

const rekaman = (
  documentId: string,
  masuk: string,
  tenggat: string | null,
  tahap: string,
  extra: Partial<RekamanEvaluasi> = {}
): RekamanEvaluasi => ({
  documentId,
  masuk: wib(masuk),
  tenggat: tenggat ? wib(tenggat) : null,
  tahap,
  nomor: `N-${documentId}`,
  ...extra,
});

let urutan = 0;
const langkah = (documentId: string, dari: string, ke: string, waktu: string, aktorPeran: string): BarisAuditEvaluasi => ({
  documentId,
  urutan: (urutan += 1),
  dari,
  ke,
  waktu: wib(waktu),
  aktorPeran,
});

const UJI_REKAMAN = [
  rekaman('R1', '2026-11-23 10:00', '2026-11-24 10:00', 'c'),
  rekaman('R2', '2026-11-23 10:00', '2026-11-24 10:00', 'c'),
  rekaman('R3', '2026-11-25 08:00', '2026-11-25 16:00', 'batal'),
  rekaman('R4', '2026-12-30 10:00', '2026-12-31 10:00', 'b'),
  rekaman('R5', '2026-09-28 10:00', '2026-09-29 10:00', 'a'),
  rekaman('R6', '2026-12-31 09:00', '2027-01-04 09:00', 'b'),
  rekaman('R7', '2027-01-04 09:00', '2027-01-05 09:00', 'a'),
];
const UJI_AUDIT = [
  { documentId: 'R1', urutan: 0, dari: null, ke: 'a', waktu: wib('2026-11-23 10:05'), aktorPeran: 'Operator' }, // creation: not a step
  langkah('R1', 'a', 'b', '2026-11-23 11:00', 'Operator'),
  { documentId: 'R1', urutan: 50, dari: 'b', ke: 'diubah', waktu: wib('2026-11-23 11:30'), aktorPeran: 'Operator' }, // an edit: not a step
  langkah('R1', 'b', 'c', '2026-11-23 14:00', 'Kasi'),
  langkah('R2', 'a', 'b', '2026-11-24 09:00', 'Operator'),
  langkah('R2', 'b', 'c', '2026-11-24 11:00', 'Operator, Kasi'),
  langkah('R3', 'a', 'batal', '2026-11-25 09:00', 'Operator'),
  langkah('R4', 'a', 'b', '2026-12-30 11:00', 'Operator'),
  langkah('R6', 'a', 'b', '2027-01-04 08:30', 'Operator'), // after the quarter: left out
];

const PENGADUAN_REKAMAN = [
  rekaman('P1', '2026-11-02 10:00', '2027-01-29 10:00', 'selesai', {
    tenggatPengakuan: wib('2026-11-05 10:00'),
    tenggatRespons: wib('2026-11-20 10:00'),
    tenggatPenyelesaian: wib('2027-01-29 10:00'),
  }),
  rekaman('P2', '2026-11-02 10:00', '2027-01-29 10:00', 'diproses', {
    tenggatPengakuan: wib('2026-11-05 10:00'),
    tenggatRespons: wib('2026-11-20 10:00'),
    tenggatPenyelesaian: wib('2027-01-29 10:00'),
  }),
  rekaman('P3', '2026-12-01 10:00', '2027-02-26 10:00', 'diterima', {
    tenggatPengakuan: wib('2026-12-04 10:00'),
    tenggatRespons: wib('2026-12-18 10:00'),
    tenggatPenyelesaian: wib('2027-02-26 10:00'),
  }),
  rekaman('P4', '2026-12-07 10:00', '2027-03-05 10:00', 'ditolak', {
    tenggatPengakuan: wib('2026-12-10 10:00'),
    tenggatRespons: wib('2026-12-24 10:00'),
    tenggatPenyelesaian: wib('2027-03-05 10:00'),
  }),
];
const PENGADUAN_AUDIT = [
  langkah('P1', 'diterima', 'diproses', '2026-11-03 10:00', 'Petugas Pengaduan'),
  langkah('P1', 'diproses', 'selesai', '2026-11-18 10:00', 'Petugas Pengaduan'),
  langkah('P2', 'diterima', 'diproses', '2026-11-09 10:00', 'Petugas Pengaduan'),
  langkah('P4', 'diterima', 'ditolak', '2026-12-08 10:00', 'Pejabat Pengaduan'),
];

const hasil = hitungEvaluasi({
  triwulan: { tahun: 2026, triwulan: 4 },
  layanan: [
    { definisi: UJI, rekaman: UJI_REKAMAN, audit: UJI_AUDIT },
    { definisi: PENGADUAN as DefinisiEvaluasi, rekaman: PENGADUAN_REKAMAN, audit: PENGADUAN_AUDIT },
  ],
  schedule: DEFAULT_SCHEDULE,
  holidays: [],
  namaPeran: NAMA_PERAN,
});

describe('evaluasi kinerja triwulanan (pure)', () => {
  it('the quarter runs from 1 Oktober 00.00 WIB to 1 Januari 00.00 WIB', () => {
    expect(batasTriwulan({ tahun: 2026, triwulan: 4 })).toEqual({
      mulai: new Date('2026-09-30T17:00:00.000Z'),
      akhir: new Date('2026-12-31T17:00:00.000Z'),
    });
    expect(batasTriwulan({ tahun: 2026, triwulan: 1 }).mulai.toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(labelTriwulan({ tahun: 2026, triwulan: 4 })).toBe('Triwulan IV 2026 (1 Oktober – 31 Desember 2026, WIB)');
    expect(labelTriwulan({ tahun: 2024, triwulan: 1 })).toBe('Triwulan I 2024 (1 Januari – 31 Maret 2024, WIB)');
    expect(hasil.triwulan).toMatchObject({ mulai: '2026-09-30T17:00:00.000Z', akhir: '2026-12-31T17:00:00.000Z' });
  });

  it('median (mean of the two middle values) and nearest-rank 90th percentile', () => {
    expect(sebaran([])).toEqual({ jumlah: 0, medianMenit: null, p90Menit: null });
    expect(sebaran([5])).toEqual({ jumlah: 1, medianMenit: 5, p90Menit: 5 });
    expect(sebaran([360, 60, 60])).toEqual({ jumlah: 3, medianMenit: 60, p90Menit: 360 });
    expect(sebaran([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ jumlah: 10, medianMenit: 5.5, p90Menit: 9 });
    expect(sebaran([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toEqual({ jumlah: 11, medianMenit: 6, p90Menit: 10 });
  });

  it('volume, finished on time and the share per service', () => {
    expect(hasil.layanan).toEqual([
      // R1 on time, R2 late, R3 void, R4 and R6 open; R5 before, R7 after the quarter; 1 / (5 − 1)
      {
        model: 'uji',
        layanan: 'Layanan Uji',
        masuk: 5,
        selesai: 2,
        tepatWaktu: 1,
        selesaiTerlambat: 1,
        batal: 1,
        terbuka: 2,
        tanpaTenggat: 0,
        persenTepatWaktu: 25,
        terlambat: 3,
      },
      // P1 finished on time, P4 rejected (a void), P2 and P3 open; 1 / (4 − 1)
      {
        model: 'pengaduan',
        layanan: 'Pengaduan',
        masuk: 4,
        selesai: 1,
        tepatWaktu: 1,
        selesaiTerlambat: 0,
        batal: 1,
        terbuka: 2,
        tanpaTenggat: 0,
        persenTepatWaktu: 33.3,
        terlambat: 0,
      },
    ]);
  });

  it('median and 90th percentile per step, in working minutes', () => {
    expect(hasil.satuanWaktu).toMatch(/menit kerja/);
    expect(
      hasil.langkah.map(({ model, langkah, dari, ke, peran, jumlah, medianMenit, p90Menit }) => [
        model,
        langkah,
        dari,
        ke,
        peran,
        jumlah,
        medianMenit,
        p90Menit,
      ])
    ).toEqual([
      // R1 10.00→11.00 = 60; R2 Mon 10.00→Tue 09.00 = 300 + 60 = 360; R4 10.00→11.00 = 60
      ['uji', 'Periksa', 'Masuk', 'Diperiksa', 'Operator', 3, 60, 360],
      // R1 11.00→14.00 minus the 12–13 break = 120; R2 09.00→11.00 = 120
      ['uji', 'Paraf', 'Diperiksa', 'Selesai', 'Kasi', 2, 120, 120],
      // R3 08.00→09.00
      ['uji', 'Batalkan', 'Masuk', 'Batal', 'Operator', 1, 60, 60],
      // P1 Mon 10.00→Tue 10.00 = 420; P2 Mon 2 Nov 10.00→Mon 9 Nov 10.00 = 300 + 3×420 + 180 + 120 = 1860
      ['pengaduan', expect.any(String), 'Diterima', 'Diproses petugas', 'Petugas Pengaduan', 2, 1140, 1860],
      // P1 Tue 3 Nov 10.00 → Wed 18 Nov 10.00 = 300 + 420 + 420 + 180 + 1860 + 420 + 420 + 120
      ['pengaduan', expect.any(String), 'Diproses petugas', 'Selesai', 'Petugas Pengaduan', 1, 4140, 4140],
      ['pengaduan', expect.any(String), 'Diterima', 'Ditolak', 'Pejabat Pengaduan', 1, 420, 420],
    ]);
  });

  it('median and 90th percentile per role (a step counts for the role of the transition the actor held)', () => {
    expect(hasil.peran).toEqual([
      { peran: 'Kasi', jumlah: 2, medianMenit: 120, p90Menit: 120 },
      { peran: 'Operator', jumlah: 4, medianMenit: 60, p90Menit: 360 },
      { peran: 'Pejabat Pengaduan', jumlah: 1, medianMenit: 420, p90Menit: 420 },
      { peran: 'Petugas Pengaduan', jumlah: 3, medianMenit: 1860, p90Menit: 4140 },
    ]);
  });

  it('overdue: finished late, or open past the deadline at the end of the quarter (older records too)', () => {
    // R5: Tue 29 Sep 10.00 → 1 Jan 00.00: 300 + 420 + 420 + 180 (to Fri 2 Oct) + 12 weeks × 1860 + 4 × 420
    expect(workingMinutesBetween(wib('2026-09-29 10:00'), wib('2027-01-01 00:00'), DEFAULT_SCHEDULE, [])).toBe(25320);
    expect(hasil.terlambat.map(({ documentId, keadaan, tahap, lewatMenit, selesai }) => [documentId, keadaan, tahap, lewatMenit, selesai])).toEqual([
      ['R5', 'Belum selesai, melewati tenggat', 'Masuk', 25320, null],
      ['R2', 'Selesai melewati tenggat', 'Selesai', 60, wib('2026-11-24 11:00').toISOString()],
      ['R4', 'Belum selesai, melewati tenggat', 'Diperiksa', 300, null],
    ]);
    expect(hasil.terlambat[1]).toMatchObject({ nomor: 'N-R2', layanan: 'Layanan Uji', tenggat: wib('2026-11-24 10:00').toISOString() });
  });

  it('complaints by their state at the end of the quarter and by timer', () => {
    expect(hasil.pengaduan?.jumlah).toBe(4);
    expect(hasil.pengaduan?.perTahap.map(({ tahap, jumlah }) => [tahap, jumlah])).toEqual([
      ['diterima', 1],
      ['diproses', 1],
      ['diteruskan_ke_pejabat', 0],
      ['selesai', 1],
      ['ditolak', 1],
    ]);
    expect(
      hasil.pengaduan?.perTimer.map(({ timer, tepat, terlambat, berjalan, tanpaTenggat }) => [timer, tepat, terlambat, berjalan, tanpaTenggat])
    ).toEqual([
      // P1, P4 met; P2 acknowledged late, P3 never and past the deadline
      ['pengakuan', 2, 2, 0, 0],
      // P1 answered on 18 Nov, P4 rejected; P2 and P3 still running past 20 Nov / 18 Dec
      ['respons', 2, 2, 0, 0],
      // P1 and P4 closed; P2 and P3 running, deadlines in 2027
      ['penyelesaian', 2, 0, 2, 0],
    ]);
  });

  it('the same figures whatever the order of the audit rows and whether times come as Date or as ms (the loader of a large quarter)', () => {
    const reversed = <T extends { waktu: Date | number }>(rows: readonly T[]): T[] =>
      [...rows].reverse().map((row) => ({ ...row, waktu: row.waktu instanceof Date ? row.waktu.getTime() : row.waktu }));
    const again = hitungEvaluasi({
      triwulan: { tahun: 2026, triwulan: 4 },
      layanan: [
        { definisi: UJI, rekaman: UJI_REKAMAN, audit: reversed(UJI_AUDIT) },
        { definisi: PENGADUAN as DefinisiEvaluasi, rekaman: PENGADUAN_REKAMAN, audit: reversed(PENGADUAN_AUDIT) },
      ],
      schedule: DEFAULT_SCHEDULE,
      holidays: [],
      namaPeran: NAMA_PERAN,
    });
    expect(again).toEqual(hasil);
  });

  it('a quarter without records gives zeros and no share', () => {
    const kosong = hitungEvaluasi({
      triwulan: { tahun: 2025, triwulan: 1 },
      layanan: [{ definisi: UJI, rekaman: [], audit: [] }],
      schedule: DEFAULT_SCHEDULE,
      holidays: [],
      namaPeran: NAMA_PERAN,
    });
    expect(kosong.layanan[0]).toMatchObject({ masuk: 0, persenTepatWaktu: null, terlambat: 0 });
    expect(kosong).toMatchObject({ langkah: [], peran: [], terlambat: [], pengaduan: null });
  });

  describe('each record under its own workflow version (alurVersi)', () => {
    // Version 2 of the test service: "c" is no longer final, it is initialled ("Diparaf") and then archived ("d").
    const UJI_V2: DefinisiEvaluasi = {
      ...UJI,
      states: [UJI.states[0], UJI.states[1], { key: 'c', label: 'Diparaf' }, { key: 'd', label: 'Diarsipkan', final: true }, UJI.states[3]],
      transitions: [
        UJI.transitions[0],
        UJI.transitions[1],
        { from: ['c'], to: 'd', label: 'Arsipkan', roles: ['operator'] },
        { ...UJI.transitions[2], from: ['a', 'b', 'c'] },
      ],
    };
    const REKAMAN = [
      // V1: version 1 (no alurVersi), finished at "c" on 23 Nov 14.00, due 24 Nov 10.00: on time
      rekaman('V1', '2026-11-23 10:00', '2026-11-24 10:00', 'c'),
      // V2a: version 2, at "c" since 23 Nov 14.00, due 24 Nov 10.00: open and overdue (version 1 would call it finished)
      rekaman('V2a', '2026-11-23 10:00', '2026-11-24 10:00', 'c', { alurVersi: 2 }),
      // V2b: version 2, archived 24 Nov 09.00, due 25 Nov 10.00: on time
      rekaman('V2b', '2026-11-23 10:00', '2026-11-25 10:00', 'd', { alurVersi: 2 }),
      // V2c: version 2, received 1 Dec 10.00, due 2 Dec 10.00, archived now but its first step came on 5 Jan:
      // at the quarter's end it was open in version 2's initial state "a", and overdue
      rekaman('V2c', '2026-12-01 10:00', '2026-12-02 10:00', 'd', { alurVersi: 2 }),
    ];
    const AUDIT = [
      langkah('V1', 'a', 'b', '2026-11-23 11:00', 'Operator'),
      langkah('V1', 'b', 'c', '2026-11-23 14:00', 'Kasi'),
      langkah('V2a', 'a', 'b', '2026-11-23 11:00', 'Operator'),
      langkah('V2a', 'b', 'c', '2026-11-23 14:00', 'Kasi'),
      langkah('V2b', 'a', 'b', '2026-11-23 11:00', 'Operator'),
      langkah('V2b', 'b', 'c', '2026-11-23 13:00', 'Kasi'),
      langkah('V2b', 'c', 'd', '2026-11-24 09:00', 'Operator'),
      langkah('V2c', 'a', 'b', '2027-01-05 09:00', 'Operator'),
      langkah('V2c', 'b', 'c', '2027-01-05 10:00', 'Kasi'),
      langkah('V2c', 'c', 'd', '2027-01-05 11:00', 'Operator'),
    ];
    const perVersi = hitungEvaluasi({
      triwulan: { tahun: 2026, triwulan: 4 },
      layanan: [
        {
          definisi: UJI,
          versi: new Map([
            [1, UJI],
            [2, UJI_V2],
          ]),
          rekaman: REKAMAN,
          audit: AUDIT,
        },
      ],
      schedule: DEFAULT_SCHEDULE,
      holidays: [],
      namaPeran: NAMA_PERAN,
    });
    const menit = (dari: string, sampai: string) => workingMinutesBetween(wib(dari), wib(sampai), DEFAULT_SCHEDULE, []);

    it("finished, open and overdue by the record's own version; a record without a step before the end is open in its first state", () => {
      expect(perVersi.layanan[0]).toEqual({
        model: 'uji',
        layanan: 'Layanan Uji',
        masuk: 4,
        selesai: 2, // V1 (at "c", final in version 1), V2b (at "d")
        tepatWaktu: 2,
        selesaiTerlambat: 0,
        batal: 0,
        terbuka: 2, // V2a (at "c", not final in version 2), V2c (in "a" at the end)
        tanpaTenggat: 0,
        persenTepatWaktu: 50,
        terlambat: 2,
      });
      expect(perVersi.terlambat.map(({ documentId, keadaan, tahap, selesai }) => ({ documentId, keadaan, tahap, selesai }))).toEqual([
        { documentId: 'V2a', keadaan: 'Belum selesai, melewati tenggat', tahap: 'Diparaf', selesai: null },
        { documentId: 'V2c', keadaan: 'Belum selesai, melewati tenggat', tahap: 'Masuk', selesai: null },
      ]);
      expect(perVersi.terlambat[0].lewatMenit).toBe(menit('2026-11-24 10:00', '2027-01-01 00:00'));
    });

    it('steps named by their version: the same step of both versions is one row, a changed one two', () => {
      const rows = perVersi.langkah.map(({ langkah: nama, dari, ke, peran, jumlah, medianMenit }) => ({
        nama,
        dari,
        ke,
        peran,
        jumlah,
        medianMenit,
      }));
      expect(rows).toEqual(
        expect.arrayContaining([
          { nama: 'Periksa', dari: 'Masuk', ke: 'Diperiksa', peran: 'Operator', jumlah: 3, medianMenit: 60 },
          { nama: 'Paraf', dari: 'Diperiksa', ke: 'Selesai', peran: 'Kasi', jumlah: 1, medianMenit: 120 }, // 11.00–14.00 less the 12–13 break,
          { nama: 'Paraf', dari: 'Diperiksa', ke: 'Diparaf', peran: 'Kasi', jumlah: 2, medianMenit: 90 }, // (120 + 60) / 2,
          {
            nama: 'Arsipkan',
            dari: 'Diparaf',
            ke: 'Diarsipkan',
            peran: 'Operator',
            jumlah: 1,
            medianMenit: menit('2026-11-23 13:00', '2026-11-24 09:00'),
          },
        ])
      );
      expect(rows).toHaveLength(4);
    });
  });
});
