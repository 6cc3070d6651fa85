import type { Page } from 'playwright-core';
import { startAdminPanel, type AdminPanel } from '../helpers/admin-panel';
import { screenshot } from '../helpers/browser';
import { ROLE } from '../helpers/sop';

const ISI = 'Isi rahasia uji browser: rapat pengamanan pukul 09.00.';

describe('kriptogram in the admin panel: salinan typed by the assigned Sandiman, shown only on demand', () => {
  let admin: AdminPanel;
  let base: string;
  let documentUrl = '';

  beforeAll(async () => {
    admin = await startAdminPanel({
      sandiman: { role: ROLE.sandiman, firstname: 'Sandi', lastname: 'Utama' },
      kasi: { role: ROLE.kasi, firstname: 'Kasi', lastname: 'Persandian' },
      caraka: { role: ROLE.caraka, firstname: 'Cakra', lastname: 'Caraka' },
    });
    base = admin.base;
  });

  afterAll(async () => {
    await admin?.close();
  });

  const open = (who: string) => admin.open(admin.users[who]);
  const panel = (page: Page) => page.getByTestId('sop-panel');
  const expectTahap = (page: Page, label: string) => page.getByTestId('sop-tahap').filter({ hasText: label }).waitFor({ timeout: 20000 });

  it('the Sandiman registers and reports; the Kasi assigns the Sandiman', async () => {
    const page = await open('sandiman');
    await page.goto(`${base}/admin/content-manager/collection-types/api::kriptogram.kriptogram/create`);
    await page.locator('input[name="nomorKriptogram"]').fill('KR-12/JKS/XI/2026');
    await page.locator('input[name="asal"]').fill('Jaring Komunikasi Sandi Provinsi');
    await page.getByRole('button', { name: /^(Simpan|Save)$/ }).click();
    await page.waitForURL((url) => /api::kriptogram\.kriptogram\/[a-z0-9]{20,}/.test(url.pathname), { timeout: 30000 });
    documentUrl = page.url();
    await panel(page).getByRole('button', { name: 'Agendakan di buku agenda kriptogram masuk' }).click();
    await expectTahap(page, 'Diagendakan');
    await panel(page).getByRole('button', { name: 'Laporkan ke Kasi' }).click();
    await expectTahap(page, 'Dilaporkan ke Kasi');
    await screenshot(page, 'k01-sandiman-dilaporkan');
    await page.context().close();

    const kasi = await open('kasi');
    await kasi.goto(documentUrl);
    await panel(kasi).getByRole('button', { name: 'Tugaskan Sandiman mendeskripsi' }).click();
    const dialog = kasi.getByRole('dialog');
    await dialog.getByRole('combobox').click();
    await kasi.getByRole('option', { name: 'Sandi Utama' }).click();
    await screenshot(kasi, 'k02-kasi-menugaskan');
    await dialog.getByRole('button', { name: 'Simpan langkah' }).click();
    await expectTahap(kasi, 'Ditugaskan untuk dideskripsi');
    await kasi.context().close();
  });

  it('the assigned Sandiman types the salinan and reads it back with "Tampilkan isi"', async () => {
    const page = await open('sandiman');
    await page.goto(documentUrl);
    await panel(page).getByRole('button', { name: 'Ketik salinan dan surat pengantar' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="salinan.perihal"]').fill('Pengamanan rapat');
    await dialog.locator('textarea[name="salinan.isi"]').fill(ISI);
    await dialog.locator('input[name="salinan.penerima.0.jabatan"]').fill('Kepala Satpol PP');
    await screenshot(page, 'k03-sandiman-mengetik-salinan');
    await dialog.getByRole('button', { name: 'Simpan langkah' }).click();
    await expectTahap(page, 'Dideskripsi');
    await panel(page).getByRole('button', { name: 'Tampilkan isi' }).click();
    await page.getByTestId('isi-salinan').filter({ hasText: ISI }).waitFor();
    await screenshot(page, 'k04-sandiman-tampilkan-isi');
    await page.context().close();
  });

  it('a Caraka sees the kriptogram exists but gets no "Tampilkan isi" and no plaintext anywhere on the page', async () => {
    const page = await open('caraka');
    await page.goto(documentUrl);
    await expectTahap(page, 'Dideskripsi');
    expect(await panel(page).getByRole('button', { name: 'Tampilkan isi' }).count()).toBe(0);
    expect(await page.content()).not.toContain('Isi rahasia uji browser');
    await screenshot(page, 'k05-caraka-tanpa-isi');
    await page.context().close();
  });

  it("the Sandiman initials the pengantar: the salinan is not asked for again, and the print buttons are the server's", async () => {
    const page = await open('sandiman');
    await page.goto(documentUrl);
    await expectTahap(page, 'Dideskripsi');
    const cetak = page.getByTestId('sop-cetak');
    await cetak.getByRole('button', { name: 'Cetak surat pengantar' }).waitFor();
    await cetak.getByRole('button', { name: 'Cetak salinan' }).waitFor();
    await panel(page).getByRole('button', { name: 'Paraf surat pengantar' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: /Ubah salinan/ }).waitFor();
    // the salinan is optional here: no empty editor asking for it
    expect(await dialog.locator('input[name="salinan.perihal"]').count()).toBe(0);
    await screenshot(page, 'k06-sandiman-paraf-tanpa-salinan');
    await dialog.getByRole('button', { name: 'Simpan langkah' }).click();
    await expectTahap(page, 'Pengantar diparaf Sandiman');
    await page.context().close();
  });
});
