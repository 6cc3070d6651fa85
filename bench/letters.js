#!/usr/bin/env node
'use strict';
/**
 * Letters per second (issue 5's closing figures).
 *
 *   npm run bench:letters            # BENCH_N=1000 BENCH_ROUNDS=3 BENCH_WARMUP=50
 *
 * Renders BENCH_N kartu kendali through Meja Sandi's own code path — the data builder and
 * the render function the download route uses (`dataUmum` + `dataKartuKendali` +
 * `readTemplate` + `renderDocx`, the instansi logo swapped into word/media/) — and the same
 * template with the same data through bare docxtemplater + pizzip, alternating document by
 * document in the same process. Prints the median rate of each (documents/s), the ratio ours/bare, a table
 * and one JSON line. The TypeScript sources are compiled on the fly with @swc/core.
 */
const fs = require('fs');
const path = require('path');
const swc = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformFileSync(filename, {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: false,
  });
  module._compile(code, filename);
};

const APP_DIR = path.resolve(__dirname, '..');
const TEMPLATES = path.join(APP_DIR, 'templates');
const N = Number(process.env.BENCH_N || 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const WARMUP = Number(process.env.BENCH_WARMUP || 50);

const PizZip = require('pizzip');
const Docxtemplater = require('docxtemplater');
const { renderDocx, readTemplate } = require('../src/letters/render.ts');
const { normaliseLogo } = require('../src/letters/logo.ts');
const { dataKartuKendali } = require('../src/domain/letters/berita.ts');
const { dataUmum } = require('../src/domain/letters/kop.ts');

const INSTANSI = {
  pemerintah: 'Pemerintah Kota Pekalongan',
  dinas: 'Dinas Komunikasi dan Informatika',
  alamat: 'Jl. Mataram No. 5 Pekalongan Barat',
  kota: 'Pekalongan',
  kodePos: '51111',
  telepon: '(0285) 421243',
  email: 'diskominfo@pekalongankota.go.id',
  website: 'kominfo.pekalongankota.go.id',
  kepalaDinas: { nama: 'Drs. Ahmad Yani, M.Si.', nip: '196812121990031004', jabatan: 'Kepala Dinas Komunikasi dan Informatika' },
  kepalaBidang: { nama: 'Sri Wahyuni, S.T.', nip: '197505052000032003', jabatan: 'Kepala Bidang Aplikasi dan Persandian' },
  kepalaSeksi: { nama: 'Budi Santoso, S.Kom.', nip: '198001012005011002', jabatan: 'Kepala Seksi Persandian dan Keamanan Informasi' },
};

/** A berita as the loader returns it at `diparaf_kadis`: kartu kendali filled, three paraf given. */
const berita = (i) => ({
  documentId: `bench${String(i).padStart(19, '0')}`,
  tahap: 'diparaf_kadis',
  nomorAgenda: `${String(i + 1).padStart(4, '0')}/2026`,
  perihal: 'Undangan Rapat Koordinasi Persandian dan Keamanan Informasi Tingkat Provinsi',
  pengirim: 'Badan Siber dan Sandi Negara',
  nomorSurat: `B-${100 + (i % 900)}/BSSN/11/2026`,
  tanggalSurat: '2026-11-20',
  waktuDiterima: '2026-11-23T03:00:00.000Z',
  isiRingkas:
    'Undangan rapat koordinasi persandian tingkat provinsi pada hari Kamis, 26 November 2026 pukul 09.00 WIB di Semarang; peserta Kepala Seksi Persandian dan satu orang Sandiman.',
  sifat: 'biasa',
  derajatKecepatan: 'segera',
  penerima: [
    { nama: 'H. Wali Kota', jabatan: 'Wali Kota Pekalongan', kategori: 'walikota', saluran: 'ajudan' },
    { nama: 'dr. Kepala Dinkes', jabatan: 'Kepala Dinas Kesehatan', kategori: 'kepala_opd', saluran: 'caraka' },
  ],
  kartuKendali: {
    jenis: 'kartu_kendali',
    nomorUrut: `${String(i + 1).padStart(4, '0')}/2026`,
    indeks: 'RAPAT',
    kodeKlasifikasi: '005',
    tanggal: '2026-11-23',
    isiRingkas: null,
    lampiran: '1 berkas',
    dari: 'Badan Siber dan Sandi Negara',
    kepada: 'Kepala Dinas Komunikasi dan Informatika',
    pengolah: 'Seksi Persandian dan Keamanan Informasi',
    catatan: 'Segera diteruskan',
    parafKasi: { nama: 'Kasi Persandian', waktu: '2026-11-23T04:00:00.000Z' },
    parafKabid: { nama: 'Kabid Aptika', waktu: '2026-11-23T05:00:00.000Z' },
    parafKadis: { nama: 'Kadis Kominfo', waktu: '2026-11-23T06:00:00.000Z' },
  },
  distribusi: [],
});

const SOURCES = Array.from({ length: N }, (_, i) => berita(i));
const TEMPLATE_FILE = path.join(TEMPLATES, 'kartu-kendali.docx');

/** Exactly what GET /sop/berita/:id/dokumen/kartu-kendali does once the record is loaded. */
const ours = (source, logo) => {
  const umum = dataUmum(INSTANSI, { nama: 'Oki Operator', waktu: new Date() });
  return renderDocx(readTemplate(TEMPLATE_FILE), dataKartuKendali(source, umum), logo, 'kartu-kendali.docx');
};

const templateBytes = fs.readFileSync(TEMPLATE_FILE);
const bare = (data) => {
  const zip = new PizZip(templateBytes);
  const doc = new Docxtemplater(zip, { paragraphLoop: true, linebreaks: true });
  doc.render(data);
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
};

/**
 * One round: document i through our path, then through the bare path, alternately, so a
 * busy machine slows both alike; each side's time is summed separately.
 */
const round = (logo, prepared) => {
  let oursNs = 0n;
  let bareNs = 0n;
  let oursBytes = 0;
  let bareBytes = 0;
  for (let i = 0; i < N; i += 1) {
    const t0 = process.hrtime.bigint();
    oursBytes += ours(SOURCES[i], logo).length;
    const t1 = process.hrtime.bigint();
    bareBytes += bare(prepared[i]).length;
    const t2 = process.hrtime.bigint();
    oursNs += t1 - t0;
    bareNs += t2 - t1;
  }
  return {
    ours: { rate: N / (Number(oursNs) / 1e9), bytes: oursBytes / N },
    bare: { rate: N / (Number(bareNs) / 1e9), bytes: bareBytes / N },
  };
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const main = async () => {
  const logo = await normaliseLogo(fs.readFileSync(path.join(TEMPLATES, 'logo-default.png')));
  const umum = dataUmum(INSTANSI, { nama: 'Oki Operator', waktu: new Date() });
  const prepared = SOURCES.map((source) => dataKartuKendali(source, umum));

  const check = new PizZip(ours(SOURCES[0], logo)).file('word/document.xml').asText();
  if (!check.includes('0001/2026') || /\{[#/^]?[A-Za-z]\w*\}/.test(check.replace(/<[^>]+>/g, ''))) throw new Error('kartu kendali not filled');

  for (let i = 0; i < WARMUP; i += 1) {
    ours(SOURCES[i % N], logo);
    bare(prepared[i % N]);
  }
  const rounds = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    const result = round(logo, prepared);
    rounds.push(result);
    console.log(`round ${r + 1}: ours ${result.ours.rate.toFixed(1)}/s, bare ${result.bare.rate.toFixed(1)}/s`);
  }
  const oursRate = median(rounds.map((r) => r.ours.rate));
  const bareRate = median(rounds.map((r) => r.bare.rate));
  const ratio = oursRate / bareRate;
  console.log('');
  console.log(`kartu kendali, ${N} documents per run, median of ${ROUNDS} rounds (node ${process.version}, one core)`);
  console.log('path                                    docs/s    ms/doc   bytes/doc');
  console.log(
    `ours (data builder + renderDocx + logo) ${oursRate.toFixed(1).padStart(7)} ${(1000 / oursRate).toFixed(2).padStart(9)} ${Math.round(rounds[0].ours.bytes).toString().padStart(11)}`
  );
  console.log(
    `bare docxtemplater + pizzip             ${bareRate.toFixed(1).padStart(7)} ${(1000 / bareRate).toFixed(2).padStart(9)} ${Math.round(rounds[0].bare.bytes).toString().padStart(11)}`
  );
  console.log(`ratio ours / bare: ${ratio.toFixed(3)}`);
  console.log(
    JSON.stringify({
      bench: 'letters',
      document: 'kartu-kendali',
      n: N,
      rounds: ROUNDS,
      oursPerSecond: Number(oursRate.toFixed(1)),
      barePerSecond: Number(bareRate.toFixed(1)),
      ratio: Number(ratio.toFixed(3)),
      node: process.version,
    })
  );
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
