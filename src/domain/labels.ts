/** Indonesian labels for the admin panel, for fields whose name alone reads poorly. */
const LABELS: Record<string, string> = {
  nomorAgenda: 'Nomor agenda',
  tahunAgenda: 'Tahun agenda',
  urutAgenda: 'Urut agenda',
  waktuAgenda: 'Waktu diagendakan',
  waktuDiterima: 'Waktu diterima',
  nomorSurat: 'Nomor surat',
  tanggalSurat: 'Tanggal surat',
  saranNomorSurat: 'Saran nomor surat (dari e-mail)',
  saranTanggalSurat: 'Saran tanggal surat (dari e-mail)',
  emlAsli: 'Berkas e-mail asli (.eml)',
  emlSha256: 'SHA-256 berkas e-mail asli',
  messageId: 'Message-ID e-mail',
  isiRingkas: 'Isi ringkas',
  derajatKecepatan: 'Derajat kecepatan',
  jumlahCetak: 'Jumlah cetak',
  tahap: 'Tahap SOP',
  tenggat: 'Tenggat',
  kartuKendali: 'Kartu kendali / lembar pengantar',
  kodeKlasifikasi: 'Kode klasifikasi',
  nomorUrut: 'Nomor urut',
  parafKasi: 'Paraf Kasi',
  parafKabid: 'Paraf Kabid',
  parafKadis: 'Paraf Kepala Dinas',
  nomorSalinan: 'Salinan ke-',
  jumlahSalinan: 'Jumlah salinan',
  carakaId: 'ID Caraka',
  carakaNama: 'Caraka',
  diterimaOleh: 'Diterima oleh',
  bukti: 'Bukti tanda terima',
  kodePos: 'Kode pos',
  kepalaDinas: 'Kepala Dinas',
  kepalaBidang: 'Kepala Bidang Aplikasi dan Persandian',
  kepalaSeksi: 'Kepala Seksi Persandian dan Keamanan Informasi',
  pejabatPengaduan: 'Pejabat Pengaduan',
  nip: 'NIP',
  userId: 'ID pengguna',
  email: 'E-mail',
  versi: 'Versi',
  nomorSK: 'Nomor SK',
  pejabatNama: 'Nama pejabat pengaduan',
  pejabatHp: 'No. HP pejabat pengaduan',
  waktuPenyelesaianHariKerja: 'Waktu penyelesaian (hari kerja)',
  penangananPengaduan: 'Penanganan pengaduan, saran, dan masukan',
  nomorKriptogram: 'Nomor kriptogram',
  teksKriptogram: 'Teks kriptogram (tersandi)',
  berkasKriptogram: 'Berkas kriptogram',
  sandimanId: 'ID Sandiman',
  sandimanNama: 'Sandiman yang ditugaskan',
  parafSandiman: 'Paraf Sandiman',
  tandaTanganKasi: 'Tanda tangan Kasi',
  capDinas: 'Cap dinas',
  amplopDisegel: 'Amplop disegel',
  amplopRangkap: 'Amplop rangkap',
  isi: 'Isi (terenkripsi)',
  berkas: 'Berkas isi (terenkripsi)',
  berkasNama: 'Nama berkas (terenkripsi)',
  berkasTipe: 'Jenis berkas',
  nomorTiket: 'Nomor tiket',
  tujuan: 'Tujuan (penerima)',
  nomorAgendaSurat: 'Nomor agenda surat',
  perihalSurat: 'Perihal surat',
  pejabatId: 'ID pejabat yang diwakili',
  namaPejabat: 'Pejabat yang diwakili',
  pelaksanaId: 'ID pelaksana (Plh/Plt)',
  namaPelaksana: 'Pelaksana (Plh/Plt)',
  peran: 'Peran yang diwakili',
  alasan: 'Alasan (mis. cuti, dinas luar)',
};

/** `waktuDiterima` → `Waktu diterima`, unless the dictionary knows better. */
export const fieldLabel = (field: string): string => {
  if (LABELS[field]) return LABELS[field];
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * Indonesian labels of the enumeration values that are not SOP states (those are labelled by
 * each workflow definition's `states`), by field name. Keys are the stored values of the
 * schemas (src/api/<type>/content-types, src/components); a value missing here shows as stored.
 */
export const ENUM_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  sifat: { biasa: 'Biasa', terbatas: 'Terbatas', rahasia: 'Rahasia', sangat_rahasia: 'Sangat Rahasia' },
  klasifikasi: { terbatas: 'Terbatas', rahasia: 'Rahasia', sangat_rahasia: 'Sangat Rahasia' },
  derajatKecepatan: { biasa: 'Biasa', segera: 'Segera', amat_segera: 'Amat Segera' },
  kategori: { walikota: 'Wali Kota', sekda: 'Sekretaris Daerah', asisten: 'Asisten', kepala_opd: 'Kepala OPD', lainnya: 'Lainnya' },
  saluran: {
    ajudan: 'Melalui ajudan',
    caraka: 'Diantar caraka',
    faksimili: 'Faksimili',
    surat_online: 'Aplikasi surat online',
    web: 'Situs web',
    telepon: 'Telepon',
    email: 'E-mail',
    langsung: 'Datang langsung',
  },
  jenis: {
    libur_nasional: 'Libur nasional',
    cuti_bersama: 'Cuti bersama',
    libur_daerah: 'Libur daerah',
    kartu_kendali: 'Kartu kendali',
    lembar_pengantar: 'Lembar pengantar',
    plh: 'Pelaksana Harian (Plh)',
    plt: 'Pelaksana Tugas (Plt)',
  },
  peran: {
    operator: 'Operator Transmisi Sandi',
    sandiman: 'Sandiman',
    kasi: 'Kepala Seksi Persandian dan Keamanan Informasi',
    kabid: 'Kepala Bidang Aplikasi dan Persandian',
    kadis: 'Kepala Dinas',
    caraka: 'Caraka',
    petugasPengaduan: 'Petugas Pengaduan',
    pejabatPengaduan: 'Pejabat Pengaduan',
  },
  hari: { senin: 'Senin', selasa: 'Selasa', rabu: 'Rabu', kamis: 'Kamis', jumat: 'Jumat', sabtu: 'Sabtu', minggu: 'Minggu' },
};

/** The Indonesian label of a stored enumeration value of `field` (not an SOP state); the value itself when unknown. */
export const enumLabel = (field: string, value: string): string => ENUM_LABELS[field]?.[value] ?? value;

/**
 * One label per stored value, whatever the field, for places that know only the value: Strapi's
 * content-manager form and filter translate an enumeration option by the message id equal to
 * the value (see src/admin/app.tsx). `states` are the SOP states as `[key, label]`; a key two
 * workflows label differently gets `shared[key]` (or the first label) so no form misleads.
 */
export const enumValueLabels = (
  states: readonly (readonly [string, string])[],
  shared: Readonly<Record<string, string>> = {}
): Record<string, string> => {
  const labels: Record<string, string> = {};
  for (const values of Object.values(ENUM_LABELS)) Object.assign(labels, values);
  for (const [key, label] of states) labels[key] ??= shared[key] ?? label;
  return labels;
};
