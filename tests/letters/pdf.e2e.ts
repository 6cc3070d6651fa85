import { setClock } from '../../src/plugins/sop/server/src/services/clock';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { cmCreate, ROLE, sopView, transit, walkBeritaTo, type BeritaStaff } from '../helpers/sop';
import { sofficePath } from '../../src/letters/pdf';
import { bindWorkflow, sopRegistryOf } from '../../src/plugins/sop/server/src/index';
import { compileWorkflow, type WorkflowData } from '../../src/plugins/sop/server/src/engine/index';
import beritaKeluar from '../fixtures/sop/berita-keluar/definition.json';
import { withBeritaKeluar } from '../fixtures/sop/berita-keluar/type';
import { unduh, walkKriptogramTo } from './unduh';

/**
 * Every generated document must open in LibreOffice: each is converted to PDF through
 * `?format=pdf`. Part of `npm run test:e2e`, which needs Debian's libreoffice-writer-nogui
 * (installed by .ci/run); without it this suite fails.
 */
const soffice = sofficePath();

type Ids = { berita: string; distribusi: string; kriptogram: string; distribusiKriptogram: string; beritaKeluar: string };

const DOCUMENTS: readonly [string, (ids: Ids) => string, { pages?: number; card?: boolean }][] = [
  ['kartu kendali', (ids) => `/sop/berita/${ids.berita}/dokumen/kartu-kendali`, { pages: 1, card: true }],
  ['lembar pengantar', (ids) => `/sop/berita/${ids.berita}/dokumen/lembar-pengantar`, { pages: 1 }],
  ['tanda terima (per copy)', (ids) => `/sop/berita/${ids.berita}/dokumen/tanda-terima`, { pages: 2 }],
  ['tanda terima (one distribusi)', (ids) => `/sop/distribusi/${ids.distribusi}/dokumen/tanda-terima`, { pages: 1 }],
  ['berita (one copy per recipient)', (ids) => `/sop/berita/${ids.berita}/dokumen/berita`, { pages: 2 }],
  ['surat pengantar (salinan)', (ids) => `/sop/kriptogram/${ids.kriptogram}/dokumen/surat-pengantar`, { pages: 1 }],
  ['salinan (per copy)', (ids) => `/sop/kriptogram/${ids.kriptogram}/dokumen/salinan`, { pages: 3 }],
  ['resi (per copy)', (ids) => `/sop/kriptogram/${ids.kriptogram}/dokumen/resi`, { pages: 3 }],
  ['resi (one distribusi)', (ids) => `/sop/distribusi/${ids.distribusiKriptogram}/dokumen/resi`, { pages: 1 }],
  ['surat dinas (alur tanpa kode, buatSurat)', (ids) => `/sop/berita-keluar/${ids.beritaKeluar}/dokumen/surat-dinas`, { pages: 1 }],
  ['nota dinas (alur tanpa kode, buatSurat)', (ids) => `/sop/berita-keluar/${ids.beritaKeluar}/dokumen/nota-dinas`, { pages: 1 }],
  ['buku agenda surat masuk', () => '/sop/agenda/surat-masuk?dari=2026-11-01&sampai=2026-11-30', {}],
  ['buku agenda kriptogram masuk', () => '/sop/agenda/kriptogram-masuk?dari=2026-11-01&sampai=2026-11-30', {}],
];

const withFormat = (url: string) => `${url}${url.includes('?') ? '&' : '?'}format=pdf`;

const pageCount = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

describe('PDF through LibreOffice (?format=pdf)', () => {
  let app: TestApp;
  const staff: BeritaStaff & { sandiman?: AdminSession } = {};
  let ids: Ids;

  beforeAll(async () => {
    // registered in November 2026 whatever day the suite runs: the books below list that month
    const start = Date.now();
    setClock(() => new Date(Date.parse('2026-11-23T03:30:00.000Z') + (Date.now() - start)));
    app = await startApp({ beforeLoad: withBeritaKeluar });
    staff.operator = await createAdminSession(app, ROLE.operator);
    staff.kasi = await createAdminSession(app, ROLE.kasi);
    staff.kabid = await createAdminSession(app, ROLE.kabid);
    staff.kadis = await createAdminSession(app, ROLE.kadis);
    staff.caraka = await createAdminSession(app, ROLE.caraka);
    staff.sandiman = await createAdminSession(app, ROLE.sandiman);
    const berita = await walkBeritaTo(app, staff, 'diarsipkan');
    const view = await sopView(app, staff.operator, 'berita', berita);
    const kriptogram = await walkKriptogramTo(app, { sandiman: staff.sandiman, kasi: staff.kasi }, 'diarsipkan');
    const kriptogramView = await sopView(app, staff.kasi, 'kriptogram', kriptogram);
    // a workflow made without code whose send step issues both named letters
    const definition = structuredClone(beritaKeluar) as WorkflowData;
    const send = definition.transitions.find((step) => step.to === 'dikirim')!;
    const fields = { perihal: 'perihal', isi: 'isi', penerima: 'tujuan', paraf: 'parafKasi' };
    send.effects = [
      { type: 'buatSurat', params: { surat: 'surat-dinas', ...fields } },
      { type: 'buatSurat', params: { surat: 'nota-dinas', ...fields } },
    ];
    const uid = 'api::berita-keluar.berita-keluar';
    await bindWorkflow(
      app.strapi,
      { model: 'berita-keluar', uid, nama: 'Pengiriman Berita Biasa' },
      compileWorkflow(definition, sopRegistryOf(app.strapi).vocabulary()!)
    );
    const keluar = await cmCreate(app, staff.operator, uid, {
      perihal: 'Undangan rapat',
      tujuan: 'Sekretariat Daerah\nBappeda',
      isi: 'Dengan hormat,\nmohon hadir.',
    });
    const beritaKeluarId = String(keluar.body.data.documentId);
    for (const [who, ke] of [
      [staff.operator, 'diagendakan'],
      [staff.kasi, 'diparaf'],
      [staff.operator, 'dikirim'],
    ] as const) {
      const step = await transit(app, who!, 'berita-keluar', beritaKeluarId, ke);
      if (step.status !== 200) throw new Error(`${ke}: ${step.status} ${JSON.stringify(step.body)}`);
    }
    ids = {
      beritaKeluar: beritaKeluarId,
      berita,
      distribusi: view.body.data.distribusi[0].documentId,
      kriptogram,
      distribusiKriptogram: kriptogramView.body.data.distribusi[0].documentId,
    };
  });

  afterAll(async () => {
    setClock(null);
    await app?.destroy();
  });

  it('finds LibreOffice', () => {
    if (!soffice) throw new Error('soffice tidak ditemukan: pasang libreoffice-writer-nogui (apt-get) sebelum npm run test:e2e.');
    expect(soffice.length).toBeGreaterThan(0);
  });

  it.each(DOCUMENTS)('%s converts to PDF', async (_label, urlOf, expected) => {
    const response = await unduh(app, staff.kasi!, withFormat(urlOf(ids)));
    if (response.status !== 200) throw new Error(`${response.status}: ${response.bytes.toString('utf8').slice(0, 400)}`);
    expect(response.headers['content-type']).toBe('application/pdf');
    // a kriptogram's agenda number carries its book's K- prefix (AGENDA_FORMAT_KRIPTOGRAM), so file names may hold capitals
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="[A-Za-z0-9-]+\.pdf"$/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (expected.pages) expect(pageCount(response.bytes)).toBe(expected.pages);
    // 10 × 15 cm = 283.5 × 425.2 pt
    if (expected.card) expect(response.bytes.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0 0 283\.\d+ 425\.\d+\s*\]/);
  });
});
