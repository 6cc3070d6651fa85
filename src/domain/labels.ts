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
