import type { Page } from 'playwright-core';
import { startAdminPanel, type AdminPanel } from '../helpers/admin-panel';
import { screenshot } from '../helpers/browser';
import { ROLE } from '../helpers/sop';

const PERIHAL = 'Undangan Rapat Koordinasi Keamanan Informasi';

describe('the admin panel as the office works it (headless Chromium)', () => {
  let panel: AdminPanel;
  let base: string;
  let documentUrl = '';

  beforeAll(async () => {
    panel = await startAdminPanel({
      operator: { role: ROLE.operator, firstname: 'Oki', lastname: 'Operator' },
      kasi: { role: ROLE.kasi, firstname: 'Kasi', lastname: 'Persandian' },
    });
    base = panel.base;
  });

  afterAll(async () => {
    await panel?.close();
  });

  const pressStep = async (page: Page, label: string) => {
    const panel = page.getByTestId('sop-panel');
    await panel.getByRole('button', { name: label }).click();
  };

  const expectTahap = async (page: Page, label: string) => {
    await page.getByTestId('sop-tahap').filter({ hasText: label }).waitFor({ timeout: 20000 });
  };

  it('the Operator registers a berita and presses the SOP buttons up to "diteruskan ke Kasi"', async () => {
    const page = await panel.open(panel.users.operator);
    await screenshot(page, '01-operator-beranda');

    await page.goto(`${base}/admin/content-manager/collection-types/api::berita.berita/create`);
    await page.locator('[name="perihal"]').fill(PERIHAL);
    await page.locator('input[name="pengirim"]').fill('Badan Siber dan Sandi Negara');
    // The empty repeatable component "Penerima (0)" is one big button.
    await page.getByRole('button', { name: /Belum ada entri/ }).click();
    await page.locator('input[name="penerima.0.jabatan"]').fill('Kepala Dinas Kesehatan');
    await screenshot(page, '02-operator-berita-baru');
    await page.getByRole('button', { name: /^(Simpan|Save)$/ }).click();
    await page.waitForURL((url) => /api::berita\.berita\/[a-z0-9]{20,}/.test(url.pathname), { timeout: 30000 });
    documentUrl = page.url();

    await expectTahap(page, 'Diterima di e-mail Sanapati');
    await screenshot(page, '03-operator-diterima');
    await pressStep(page, 'Periksa isi dan tujuan');
    await expectTahap(page, 'Diperiksa');
    await pressStep(page, 'Cetak sesuai jumlah penerima');
    await expectTahap(page, 'Dicetak');
    await pressStep(page, 'Agendakan di buku agenda surat masuk');
    await expectTahap(page, 'Diagendakan');
    await page.getByText(/Nomor agenda: 0001\//).waitFor();
    await pressStep(page, 'Isi kartu kendali dan teruskan ke Kasi');
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="indeks"]').fill('RAPAT');
    await screenshot(page, '04-operator-kartu-kendali');
    await dialog.getByRole('button', { name: 'Simpan langkah' }).click();
    await expectTahap(page, 'Diteruskan ke Kasi');
    await screenshot(page, '05-operator-diteruskan-ke-kasi');
    await page.context().close();
  });

  it('the Kasi logs in, gives the paraf, and the history shows both', async () => {
    const page = await panel.open(panel.users.kasi);
    await page.goto(documentUrl);
    await expectTahap(page, 'Diteruskan ke Kasi');
    await screenshot(page, '06-kasi-membuka-berita');
    await pressStep(page, 'Paraf Kasi');
    await expectTahap(page, 'Diparaf Kasi');
    const history = page.getByTestId('sop-riwayat');
    await history.getByText('Diparaf Kasi').waitFor();
    const text = await history.innerText();
    expect(text).toContain('Oki Operator');
    expect(text).toContain('Kasi Persandian');
    // the registration in the content manager (an audit row since issue 10 item 4) and four steps
    expect(text.match(/Oki Operator/g)).toHaveLength(5);
    await screenshot(page, '07-kasi-paraf-riwayat');

    await page.goto(`${base}/admin/content-manager/collection-types/api::berita.berita`);
    // the Kasi's list opens on what awaits the Kasi (issue 16); this berita has moved on to the Kabid
    await page.getByTestId('menunggu-saya').filter({ hasText: 'tampilkan semua' }).click();
    await page.getByText(PERIHAL).waitFor();
    await page
      .getByText(/Tepat waktu|Terlambat/)
      .first()
      .waitFor();
    await screenshot(page, '08-daftar-berita');
    await page.context().close();
  });
});
