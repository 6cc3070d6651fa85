/**
 * The public complaint pages: the form (works without JavaScript), the receipt with
 * the ticket and tracking code, and the tracking page. Rendering only: the routes
 * in src/api/pengaduan/lib/pages.ts load the data and check the submission.
 */
import { BATAS, type Masalah } from '../../../domain/pengaduan';
import { formatWaktu } from '../../../plugins/sop/server/src';
import { html, multiline, raw, renderPage, type Html, type Letterhead } from '../../../public/html';

export const FORM_PATH = '/pengaduan';
export const LACAK_PATH = '/pengaduan/lacak';
export const SCRIPT = '/assets/pengaduan.js';
/** Form styles beside the shared stylesheet (a stylesheet link is allowed in the body). */
export const STYLES = '/assets/pengaduan.css';
const styles = html`<link rel="stylesheet" href="${STYLES}">`;

export type NilaiFormulir = { nama: string; kontak: string; isi: string; layanan: string };

export type FormulirOptions = {
  letterhead: Letterhead | null;
  layanan: readonly { slug: string; nama: string }[];
  nilai: NilaiFormulir;
  masalah: readonly Masalah[];
  /** a message about the submission as a whole (bot check, rate limit) */
  pesan?: string;
  tantangan: { token: string; soal: string; altcha: string };
  honeypotField: string;
};

const KOLOM_ID: Record<string, string> = { nama: 'nama', kontak: 'kontak', isi: 'isi', layanan: 'layanan', jawaban: 'jawaban' };

const masalahKolom = (masalah: readonly Masalah[], kolom: string): string[] =>
  masalah.filter((m) => m.path[m.path.length - 1] === kolom).map((m) => m.message);

const galatKolom = (masalah: readonly Masalah[], kolom: string): Html => {
  const pesan = masalahKolom(masalah, kolom);
  return pesan.length ? html`<p class="galat-kolom" id="${kolom}-galat">${pesan.join('; ')}</p>` : html``;
};

const ariaInvalid = (masalah: readonly Masalah[], kolom: string): Html =>
  masalahKolom(masalah, kolom).length ? raw(` aria-invalid="true" aria-describedby="${kolom}-galat"`) : raw('');

const ringkasanGalat = (masalah: readonly Masalah[], pesan?: string): Html => {
  if (masalah.length === 0 && !pesan) return html``;
  return html`<div class="galat" role="alert" id="ringkasan-galat" tabindex="-1">
<h2>Pengaduan belum terkirim</h2>
${pesan ? html`<p>${pesan}</p>` : ''}
${
  masalah.length
    ? html`<ul>${masalah.map((m) => {
        const kolom = KOLOM_ID[m.path[m.path.length - 1]];
        return html`<li>${kolom ? html`<a href="#${kolom}">${m.message}</a>` : m.message}</li>`;
      })}</ul>`
    : ''
}
</div>`;
};

/** `GET /pengaduan` and a re-rendered form after a refused submission (values kept). */
export const renderFormulir = (options: FormulirOptions): string => {
  const { nilai, masalah } = options;
  const content = html`${styles}<article class="pengaduan">
<h1>Formulir Pengaduan</h1>
<p>Sampaikan keluhan, saran, atau masukan tentang pelayanan kami. Pengaduan <strong>tidak dipungut biaya</strong>.
Identitas Anda <strong>dirahasiakan</strong> dan hanya dapat dilihat oleh petugas pengaduan.</p>
${ringkasanGalat(masalah, options.pesan)}
<form class="formulir" method="post" action="${FORM_PATH}" id="formulir-pengaduan" data-altcha="${options.tantangan.altcha}" accept-charset="utf-8">
<div class="kolom">
<label for="nama">Nama lengkap</label>
<input id="nama" name="nama" type="text" required minlength="${BATAS.namaMin}" maxlength="${BATAS.namaMax}" autocomplete="name" value="${nilai.nama}"${ariaInvalid(masalah, 'nama')}>
${galatKolom(masalah, 'nama')}
</div>
<div class="kolom">
<label for="kontak">E-mail atau nomor ponsel</label>
<p class="petunjuk" id="kontak-petunjuk">Contoh: nama@contoh.id atau 0812 3456 7890. Bila Anda memberi e-mail, tanda terima dan jawaban kami kirim ke sana.</p>
<input id="kontak" name="kontak" type="text" required maxlength="${BATAS.kontakMax}" autocomplete="email" value="${nilai.kontak}"${
    masalahKolom(masalah, 'kontak').length
      ? raw(' aria-invalid="true" aria-describedby="kontak-petunjuk kontak-galat"')
      : raw(' aria-describedby="kontak-petunjuk"')
  }>
${galatKolom(masalah, 'kontak')}
</div>
${
  options.layanan.length
    ? html`<div class="kolom">
<label for="layanan">Layanan yang diadukan (opsional)</label>
<select id="layanan" name="layanan"${ariaInvalid(masalah, 'layanan')}>
<option value="">— Tidak terkait layanan tertentu —</option>
${options.layanan.map((item) => html`<option value="${item.slug}"${item.slug === nilai.layanan ? raw(' selected') : ''}>${item.nama}</option>`)}
</select>
${galatKolom(masalah, 'layanan')}
</div>`
    : ''
}
<div class="kolom">
<label for="isi">Isi pengaduan</label>
<p class="petunjuk" id="isi-petunjuk">Ceritakan apa yang terjadi, kapan, dan di mana (${BATAS.isiMin}–${BATAS.isiMax} karakter).</p>
<textarea id="isi" name="isi" rows="8" required minlength="${BATAS.isiMin}" maxlength="${BATAS.isiMax}"${
    masalahKolom(masalah, 'isi').length
      ? raw(' aria-invalid="true" aria-describedby="isi-petunjuk isi-galat"')
      : raw(' aria-describedby="isi-petunjuk"')
  }>${nilai.isi}</textarea>
${galatKolom(masalah, 'isi')}
</div>
<div hidden>
<label for="${options.honeypotField}">Jangan isi kolom ini</label>
<input id="${options.honeypotField}" name="${options.honeypotField}" type="text" tabindex="-1" autocomplete="off" value="">
</div>
<fieldset class="kolom verifikasi" id="verifikasi">
<legend>Pertanyaan keamanan</legend>
<label for="jawaban">${options.tantangan.soal}</label>
<input id="jawaban" name="jawaban" type="text" inputmode="numeric" pattern="[0-9]{1,3}" maxlength="3" required autocomplete="off"${ariaInvalid(masalah, 'jawaban')}>
${galatKolom(masalah, 'jawaban')}
</fieldset>
<input type="hidden" name="token" value="${options.tantangan.token}">
<input type="hidden" name="altcha" id="altcha" value="">
<p class="status-verifikasi" id="status-verifikasi" role="status" aria-live="polite"></p>
<p><button type="submit">Kirim pengaduan</button></p>
</form>
<p>Sudah pernah mengadu? <a href="${LACAK_PATH}">Lacak pengaduan Anda</a> dengan nomor tiket dan kode lacak.</p>
</article>
<script src="${SCRIPT}" defer></script>`;
  return renderPage({
    title: masalah.length || options.pesan ? 'Formulir Pengaduan (periksa isian)' : 'Formulir Pengaduan',
    description: 'Sampaikan pengaduan tentang pelayanan kami: gratis, identitas pelapor dirahasiakan.',
    letterhead: options.letterhead,
    content,
    current: FORM_PATH,
  });
};

export type TiketOptions = {
  letterhead: Letterhead | null;
  nomorTiket: string;
  /** null when the form was sent again after its token expired, or with other text than it filed: the ticket only */
  kodeLacak: string | null;
  emailDikirim: boolean;
  /** set when this form had already filed the complaint: `sama` (sent twice), `berbeda` (changed, then sent again) */
  ulangan?: 'sama' | 'berbeda';
};

const CATATAN_ULANGAN = {
  sama: 'Formulir ini sudah terkirim sebelumnya (misalnya tombol Kirim tertekan dua kali). Pengaduan Anda tercatat satu kali, dengan tiket di bawah ini.',
  berbeda:
    'Formulir ini sudah dipakai untuk mengirim pengaduan di bawah ini; perubahan yang Anda kirim kemudian tidak dicatat. Untuk pengaduan lain, isi formulir baru.',
} as const;

/** After a successful submission (and when the same form is sent again while its token is valid): the ticket and the tracking code. */
export const renderTiket = (options: TiketOptions): string => {
  const lacak = `${LACAK_PATH}?nomor=${encodeURIComponent(options.nomorTiket)}`;
  const content = html`${styles}<article class="pengaduan">
<h1>Pengaduan Anda telah diterima</h1>
<div class="tiket" role="status">
<dl>
<dt>Nomor tiket</dt><dd><strong class="nomor-tiket">${options.nomorTiket}</strong></dd>
${options.kodeLacak ? html`<dt>Kode lacak</dt><dd><code class="kode-lacak">${options.kodeLacak}</code></dd>` : ''}
</dl>
</div>
${options.ulangan ? html`<p class="catatan-ulangan">${CATATAN_ULANGAN[options.ulangan]}</p>` : ''}
${
  options.kodeLacak
    ? html`<p><strong>Simpan nomor tiket dan kode lacak ini</strong> (catat, foto, atau cetak halaman ini). Kode lacak hanya ditampilkan
selama formulir ini berlaku (2 jam); tanpa kode itu perkembangan pengaduan tidak dapat dilihat.</p>`
    : options.ulangan === 'berbeda'
      ? html`<p>Kode lacak hanya ditampilkan lagi bila isian yang dikirim sama dengan pengaduan yang tercatat. Bila Anda memberi alamat e-mail, kode lacak ada di e-mail tanda terima.</p>`
      : html`<p>Kode lacak tidak dapat ditampilkan lagi karena formulir ini sudah kedaluwarsa. Bila Anda memberi alamat e-mail, kode lacak ada di e-mail tanda terima.</p>`
}
${options.emailDikirim ? html`<p>Tanda terima juga kami kirim ke alamat e-mail Anda.</p>` : ''}
<p><a href="${lacak}">Lacak pengaduan ini</a> · <a href="${FORM_PATH}">Kirim pengaduan lain</a></p>
</article>`;
  return renderPage({ title: `Pengaduan ${options.nomorTiket} diterima`, letterhead: options.letterhead, content, current: FORM_PATH });
};

export type HasilLacakView = {
  nomorTiket: string;
  status: string;
  riwayat: readonly { status: string; waktu: string }[];
  tanggapan?: string;
};

export type LacakOptions = {
  letterhead: Letterhead | null;
  nomor: string;
  hasil: HasilLacakView | 'tidak-ditemukan' | null;
  /** a tracking code came in the address (an old link): not used, the form asks for it */
  kodeDiAlamat?: boolean;
  /** the form was posted without a ticket number or code */
  kosong?: boolean;
  /** the complaint workflow's label of a tahap ("Diproses petugas"), the key itself when unknown */
  labelTahap?: (tahap: string) => string;
};

/** `GET /pengaduan/lacak`: the tracking form; `POST /pengaduan/lacak`: the result too, when a ticket and code were posted. */
export const renderLacak = (options: LacakOptions): string => {
  const { hasil } = options;
  const labelTahap = options.labelTahap ?? ((tahap: string) => tahap);
  const content = html`${styles}<article class="pengaduan">
<h1>Lacak Pengaduan</h1>
${
  hasil === 'tidak-ditemukan'
    ? html`<div class="galat" role="alert"><h2>Pengaduan tidak ditemukan</h2><p>Nomor tiket atau kode lacak tidak cocok. Periksa kembali keduanya (contoh nomor tiket: ADU-2026-000123).</p></div>`
    : ''
}
${
  options.kodeDiAlamat
    ? html`<div class="galat" role="alert"><p>Demi keamanan, kode lacak tidak dibaca dari alamat halaman. Masukkan kode lacak di formulir di bawah ini.</p></div>`
    : options.kosong && hasil === null
      ? html`<div class="galat" role="alert"><p>Isi nomor tiket dan kode lacak.</p></div>`
      : ''
}
${
  hasil && hasil !== 'tidak-ditemukan'
    ? html`<section class="hasil-lacak" aria-labelledby="judul-hasil">
<h2 id="judul-hasil">Pengaduan ${hasil.nomorTiket}</h2>
<p>Status: <strong>${labelTahap(hasil.status)}</strong></p>
<h3>Riwayat</h3>
<ol class="riwayat">
${hasil.riwayat.map((entry) => html`<li><time datetime="${entry.waktu}">${formatWaktu(entry.waktu)}</time> — ${labelTahap(entry.status)}</li>`)}
</ol>
${hasil.tanggapan ? html`<h3>Tanggapan</h3><div class="tanggapan"><p>${multiline(hasil.tanggapan)}</p></div>` : ''}
</section>`
    : ''
}
<form class="formulir" method="post" action="${LACAK_PATH}">
<div class="kolom">
<label for="nomor">Nomor tiket</label>
<input id="nomor" name="nomor" type="text" required maxlength="30" autocomplete="off" placeholder="ADU-2026-000123" value="${options.nomor}">
</div>
<div class="kolom">
<label for="kode">Kode lacak</label>
<input id="kode" name="kode" type="text" required maxlength="40" autocomplete="off" placeholder="XXXX-XXXX-XXXX-XXXX">
</div>
<p><button type="submit">Lacak</button></p>
</form>
<p><a href="${FORM_PATH}">Kirim pengaduan baru</a></p>
</article>`;
  return renderPage({ title: 'Lacak Pengaduan', letterhead: options.letterhead, content, current: FORM_PATH });
};

/** A refusal before the form could even be read (too large, wrong format, rate limit). */
export const renderGalat = (options: { letterhead: Letterhead | null; judul: string; pesan: string }): string =>
  renderPage({
    title: options.judul,
    letterhead: options.letterhead,
    content: html`${styles}<article class="pengaduan"><h1>${options.judul}</h1><div class="galat" role="alert"><p>${options.pesan}</p></div>
<p><a href="${FORM_PATH}">Kembali ke formulir pengaduan</a></p></article>`,
    current: FORM_PATH,
  });
