import { atauIsian, formatNip, jam, tanggalPanjang, teks } from './format';

export type Pejabat = { nama?: string | null; nip?: string | null; jabatan?: string | null; pangkat?: string | null } | null | undefined;

/** What the letters read from `api::instansi.instansi`. */
export type InstansiData = {
  pemerintah?: string | null;
  dinas?: string | null;
  alamat?: string | null;
  kota?: string | null;
  kodePos?: string | null;
  telepon?: string | null;
  faksimili?: string | null;
  email?: string | null;
  website?: string | null;
  kepalaDinas?: Pejabat;
  kepalaBidang?: Pejabat;
  kepalaSeksi?: Pejabat;
};

/** Who printed, and when: the footer of every document. */
export type Pencetak = { nama: string; waktu: Date };

export type DataUmum = Record<string, string>;

const JABATAN_BAKU = {
  kadis: 'Kepala Dinas',
  kabid: 'Kepala Bidang Aplikasi dan Persandian',
  kasi: 'Kepala Seksi Persandian dan Keamanan Informasi',
} as const;

const pejabatData = (prefix: keyof typeof JABATAN_BAKU, pejabat: Pejabat): DataUmum => ({
  [`${prefix}Nama`]: atauIsian(pejabat?.nama),
  [`${prefix}Nip`]: formatNip(pejabat?.nip) || '-',
  [`${prefix}Jabatan`]: teks(pejabat?.jabatan) || JABATAN_BAKU[prefix],
  [`${prefix}Pangkat`]: teks(pejabat?.pangkat),
});

const tanpaSkema = (url: string): string => url.replace(/^https?:\/\//i, '').replace(/\/$/, '');

/**
 * The letterhead of Permendagri 1/2023 (kop naskah dinas of a perangkat daerah): the
 * government's name and the dinas's name in capitals, then the full address with postal
 * code, and telephone, faksimile, laman (website) and pos-el (e-mail); plus the officials
 * who sign and initial, and who printed the document.
 */
export const dataUmum = (instansi: InstansiData, pencetak: Pencetak): DataUmum => {
  const kota = teks(instansi.kota);
  const jalan = teks(instansi.alamat);
  const sudahBerkota = kota !== '' && jalan.toLowerCase().endsWith(kota.toLowerCase());
  const alamat = [jalan, [sudahBerkota ? '' : kota, teks(instansi.kodePos)].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const kontak = [
    teks(instansi.telepon) && `Telepon ${teks(instansi.telepon)}`,
    teks(instansi.faksimili) && `Faksimile ${teks(instansi.faksimili)}`,
  ].filter(Boolean);
  const daring = [
    teks(instansi.website) && `Laman ${tanpaSkema(teks(instansi.website))}`,
    teks(instansi.email) && `Pos-el ${teks(instansi.email)}`,
  ].filter(Boolean);
  return {
    kopPemerintah: teks(instansi.pemerintah).toUpperCase(),
    kopDinas: teks(instansi.dinas).toUpperCase(),
    kopAlamat: alamat,
    kopKontak: [...kontak, ...daring].join(', '),
    kota: kota || 'Pekalongan',
    ...pejabatData('kadis', instansi.kepalaDinas),
    ...pejabatData('kabid', instansi.kepalaBidang),
    ...pejabatData('kasi', instansi.kepalaSeksi),
    tanggalCetak: tanggalPanjang(pencetak.waktu),
    dicetak: `Dicetak oleh ${pencetak.nama} pada ${tanggalPanjang(pencetak.waktu)} pukul ${jam(pencetak.waktu)} WIB melalui Meja Sandi`,
  };
};

/** A paraf or signature as stored (`naskah.paraf`): who, as which position, for whom (Plh / Plt), when. */
export type TandaPejabat = { nama?: string | null; peran?: string | null; atasNama?: string | null; waktu?: string | null } | null | undefined;

/** `Plh.` / `Plt.` when the paraf or signature was given by an acting official, else null. */
export const awalanPelaksana = (tanda: TandaPejabat): 'Plh.' | 'Plt.' | null => {
  if (!tanda?.waktu || !teks(tanda.atasNama)) return null;
  const awalan = /^(Plh\.|Plt\.)/.exec(teks(tanda.peran))?.[1];
  return awalan === 'Plh.' || awalan === 'Plt.' ? awalan : null;
};

/**
 * The signature block of `prefix`'s official (`<prefix>Jabatan`, `Nama`, `Nip`, `Pangkat`) when
 * an acting official gave the paraf or signature (Permendagri 1 Tahun 2023, tata naskah dinas:
 * "Plh." / "Plt." before the position, then the acting official's own name — the holder's stays
 * off the block). Their NIP is not on record, so a line to fill in by hand. Empty otherwise.
 */
export const blokPelaksana = (prefix: keyof typeof JABATAN_BAKU, tanda: TandaPejabat, umum: DataUmum): DataUmum => {
  const awalan = awalanPelaksana(tanda);
  if (!awalan) return {};
  return {
    [`${prefix}Jabatan`]: `${awalan} ${umum[`${prefix}Jabatan`] || JABATAN_BAKU[prefix]}`,
    [`${prefix}Nama`]: atauIsian(tanda?.nama),
    [`${prefix}Nip`]: atauIsian(null),
    [`${prefix}Pangkat`]: '',
  };
};
