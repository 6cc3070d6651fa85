/**
 * Public HTML pages of the published service standards: GET /standar-pelayanan
 * and GET /standar-pelayanan/:slug. Registered as admin-type routes with an empty
 * prefix and `auth: false` (see src/api/standar-pelayanan/register.ts).
 */
import type { Core } from '@strapi/strapi';
import { HARI_LABEL, KOMPONEN, type KomponenKey } from '../../domain/standar-pelayanan';
import type { DayName } from '../../domain/calendar';
import {
  findPublishedStandard,
  findPublishedStandards,
  pagePath,
  publicUrlOf,
  slugParam,
  toPublicView,
  type ButirPublik,
  type JamLayananPublik,
  type StandarPublik,
} from './documents';
import {
  html,
  link,
  loadLetterhead,
  mailtoHref,
  multiline,
  renderPage,
  safeHttpUrl,
  sendHtml,
  telHref,
  type Html,
  type HtmlContext,
  type Letterhead,
} from '../../public/html';

const LIST_PATH = '/standar-pelayanan';
const PAGE_CACHE = 'public, max-age=60';

const KOSONG = html`<p class="kosong">Tidak dicantumkan.</p>`;

const daftar = (items: ButirPublik[], ordered = false): Html => {
  if (items.length === 0) return KOSONG;
  const numbered = items.every((item) => item.nomor !== null);
  if (numbered || ordered) {
    return html`<ol>${items.map((item) => html`<li${item.nomor !== null ? html` value="${item.nomor}"` : ''}>${multiline(item.uraian)}</li>`)}</ol>`;
  }
  if (items.length === 1) return html`<p>${multiline(items[0].uraian)}</p>`;
  return html`<ul>${items.map((item) => html`<li>${multiline(item.uraian)}</li>`)}</ul>`;
};

const teks = (value: string | null): Html => (value ? html`<p>${multiline(value)}</p>` : KOSONG);

const rentangJam = (awal: string, akhir: string): string => `${awal} - ${akhir}`;

const WEEK: readonly DayName[] = ['senin', 'selasa', 'rabu', 'kamis', 'jumat', 'sabtu', 'minggu'];

const labelHari = (hari: string): string => HARI_LABEL[hari as DayName] ?? hari;

/** "Senin - Kamis 08.00 - 16.00 (istirahat 12.00 - 13.00)": consecutive days with equal hours grouped. */
export const ringkasJam = (jam: JamLayananPublik[]): string[] => {
  const byDay = new Map(jam.map((row) => [row.hari, row]));
  const key = (row: JamLayananPublik) => [row.buka, row.tutup, row.istirahatMulai, row.istirahatSelesai].join('|');
  const groups: { from: string; to: string; row: JamLayananPublik }[] = [];
  for (const hari of WEEK) {
    const row = byDay.get(hari);
    const last = groups[groups.length - 1];
    const previousDay = WEEK[WEEK.indexOf(hari) - 1];
    if (row && last && last.to === previousDay && key(last.row) === key(row)) last.to = hari;
    else if (row) groups.push({ from: hari, to: hari, row });
  }
  return groups.map(({ from, to, row }) => {
    const days = from === to ? labelHari(from) : `${labelHari(from)} - ${labelHari(to)}`;
    const pause = row.istirahatMulai && row.istirahatSelesai ? ` (istirahat ${rentangJam(row.istirahatMulai, row.istirahatSelesai)})` : '';
    return `${days} ${rentangJam(row.buka, row.tutup)} WIB${pause}`;
  });
};

const tabelJam = (jam: JamLayananPublik[]): Html => {
  const byDay = new Map(jam.map((row) => [row.hari, row]));
  return html`<table class="jam">
<caption>Jam layanan (WIB)</caption>
<thead><tr><th scope="col">Hari</th><th scope="col">Jam layanan</th><th scope="col">Istirahat</th></tr></thead>
<tbody>
${WEEK.map((hari) => {
  const row = byDay.get(hari);
  if (!row) return html`<tr><th scope="row">${labelHari(hari)}</th><td colspan="2">Tutup</td></tr>\n`;
  const pause = row.istirahatMulai && row.istirahatSelesai ? rentangJam(row.istirahatMulai, row.istirahatSelesai) : '—';
  return html`<tr><th scope="row">${labelHari(hari)}</th><td>${rentangJam(row.buka, row.tutup)}</td><td>${pause}</td></tr>\n`;
})}
</tbody>
</table>
<p class="catatan">Hari libur nasional dan cuti bersama: tutup.</p>`;
};

const pengaduan = (standard: StandarPublik): Html => {
  const formulir = `/pengaduan?layanan=${encodeURIComponent(standard.slug)}`;
  const data = standard.penangananPengaduan;
  const online = html`<p>Pengaduan daring: ${link(formulir, 'isi formulir pengaduan')} (tanpa biaya, identitas pelapor dirahasiakan).</p>`;
  if (!data) return html`${KOSONG}${online}`;
  const pejabat = data.pejabatPengaduan;
  const tidakLangsung = [
    data.telepon.length > 0
      ? html`<li>Telepon: ${data.telepon.map((telepon, index) => html`${index > 0 ? '; ' : ''}${link(telHref(telepon.nomor), telepon.nomor)}${telepon.keterangan ? ` (${telepon.keterangan})` : ''}`)}</li>`
      : null,
    data.email ? html`<li>E-mail: ${link(mailtoHref(data.email), data.email)}</li>` : null,
    data.website ? html`<li>Situs web: ${link(safeHttpUrl(data.website), data.website)}</li>` : null,
    pejabat
      ? html`<li>Pejabat Pengaduan: ${pejabat.nama ?? '—'}${pejabat.hp ? html`, No. HP ${link(telHref(pejabat.hp), pejabat.hp)}` : ''}</li>`
      : null,
  ].filter((item): item is Html => item !== null);
  return html`${tidakLangsung.length > 0 ? html`<p class="sub">a. Pengaduan Tak Langsung</p><ul>${tidakLangsung}</ul>` : ''}
${data.pengaduanLangsung.length > 0 ? html`<p class="sub">b. Pengaduan Langsung</p>${daftar(data.pengaduanLangsung, true)}` : ''}
${online}`;
};

const isiKomponen = (standard: StandarPublik, key: KomponenKey): Html => {
  switch (key) {
    case 'prosedur':
      return daftar(standard.prosedur, true);
    case 'penangananPengaduan':
      return pengaduan(standard);
    case 'dasarHukum':
    case 'persyaratan':
    case 'produkPelayanan':
    case 'saranaPrasarana':
    case 'kompetensiPelaksana':
    case 'jaminanKeamanan':
      return daftar(standard[key]);
    default:
      return teks(standard[key]);
  }
};

const identitas = (standard: StandarPublik): Html => html`<dl class="identitas">
${standard.satuanKerja ? html`<div><dt>Satuan kerja</dt><dd>${standard.satuanKerja}</dd></div>` : ''}
<div><dt>Jenis pelayanan</dt><dd>${standard.nama}</dd></div>
${standard.nomorSK ? html`<div><dt>Nomor SK</dt><dd>${standard.nomorSK}</dd></div>` : ''}
</dl>`;

const halamanDetail = (standard: StandarPublik): Html => html`<article class="standar">
<h1>${standard.nama}</h1>
<p class="pengantar">Standar pelayanan (Permenpan RB Nomor 15 Tahun 2014)</p>
${identitas(standard)}
${standard.jamLayanan.length > 0 ? html`<section aria-labelledby="jam-layanan"><h2 id="jam-layanan">Jam Layanan</h2>${tabelJam(standard.jamLayanan)}</section>` : ''}
<section aria-labelledby="komponen">
<h2 id="komponen">Komponen Standar Pelayanan</h2>
<dl class="komponen">
${KOMPONEN.map(
  (komponen, index) => html`<div class="komponen-butir" id="${komponen.key}">
<dt><span class="nomor">${index + 1}.</span> ${komponen.label}</dt>
<dd>${isiKomponen(standard, komponen.key)}</dd>
</div>
`
)}
</dl>
</section>
<p class="tanpa-cetak"><a href="${LIST_PATH}">← Semua standar pelayanan</a></p>
</article>`;

const halamanDaftar = (standards: StandarPublik[], kop: Letterhead | null): Html => html`<h1>Standar Pelayanan</h1>
<p class="pengantar">Standar pelayanan publik${kop?.dinas ? html` ${kop.dinas}` : ''} sesuai Peraturan Menteri PANRB Nomor 15 Tahun 2014. Pilih layanan untuk melihat keempat belas komponennya.</p>
${
  standards.length === 0
    ? html`<p>Belum ada standar pelayanan yang dipublikasikan.</p>`
    : html`<ul class="daftar-layanan">
${standards.map(
  (standard) => html`<li>
<h2><a href="${pagePath(standard.slug)}">${standard.nama}</a></h2>
<dl class="ringkas">
${standard.nomorSK ? html`<div><dt>Nomor SK</dt><dd>${standard.nomorSK}</dd></div>` : ''}
${standard.jangkaWaktu ? html`<div><dt>Jangka waktu penyelesaian</dt><dd>${multiline(standard.jangkaWaktu)}</dd></div>` : ''}
${standard.jamLayanan.length > 0 ? html`<div><dt>Jam layanan</dt><dd>${ringkasJam(standard.jamLayanan).map((line, index) => html`${index > 0 ? html`<br>` : ''}${line}`)}</dd></div>` : ''}
${standard.biaya ? html`<div><dt>Biaya/Tarif</dt><dd>${multiline(standard.biaya)}</dd></div>` : ''}
</dl>
</li>
`
)}
</ul>`
}`;

const notFound = (kop: Letterhead | null): string =>
  renderPage({
    title: 'Halaman tidak ditemukan',
    letterhead: kop,
    content: html`<h1>Halaman tidak ditemukan</h1>
<p>Standar pelayanan yang Anda cari tidak ada atau belum dipublikasikan.</p>
<p><a href="${LIST_PATH}">Lihat semua standar pelayanan</a></p>`,
  });

type PageContext = HtmlContext & { params: Record<string, string | undefined> };

/** Routes for `strapi.server.routes({ type: 'admin', prefix: '', routes })`. */
export const standarPelayananPages = (strapi: Core.Strapi) => [
  {
    method: 'GET',
    path: LIST_PATH,
    handler: async (ctx: PageContext) => {
      const [kop, standards] = await Promise.all([loadLetterhead(strapi), findPublishedStandards(strapi)]);
      const views = standards.map((standard) => toPublicView(standard, publicUrlOf(strapi)));
      const page = renderPage({
        title: 'Standar Pelayanan',
        description: 'Standar pelayanan publik yang berlaku, dengan jam layanan, prosedur, biaya, dan saluran pengaduan.',
        letterhead: kop,
        content: halamanDaftar(views, kop),
        current: LIST_PATH,
      });
      sendHtml(ctx, 200, page, { frameable: true, cache: PAGE_CACHE });
    },
    config: { auth: false },
  },
  {
    method: 'GET',
    path: `${LIST_PATH}/:slug`,
    handler: async (ctx: PageContext) => {
      const kop = await loadLetterhead(strapi);
      const slug = slugParam.safeParse(ctx.params.slug);
      const standard = slug.success ? await findPublishedStandard(strapi, slug.data) : null;
      if (!standard) return sendHtml(ctx, 404, notFound(kop), { frameable: true });
      const view = toPublicView(standard, publicUrlOf(strapi));
      const page = renderPage({
        title: `Standar Pelayanan: ${view.nama}`,
        description: `Standar pelayanan ${view.nama}: persyaratan, prosedur, jangka waktu, biaya, dan pengaduan.`,
        letterhead: kop,
        content: halamanDetail(view),
      });
      sendHtml(ctx, 200, page, { frameable: true, cache: PAGE_CACHE });
    },
    config: { auth: false },
  },
];
