/**
 * Issue 16 — what a clerk reads is words, not keys: in a browser whose zone is not WIB the
 * side panel, the list, the edit form's date-time fields and the list filter show and take times
 * in WIB, labelled so; the panel says who acts next by name; the login and home pages carry the
 * office's name as the instansi gives it (not one built into the panel) instead of Strapi's
 * welcome; and "Cetak buku agenda" on the berita list downloads the book as .xlsx (absent for a Caraka).
 */
import fs from 'fs';
import type { Page } from 'playwright-core';
import { startAdminPanel, type AdminPanel, type PanelUser } from '../helpers/admin-panel';
import { loginAdmin, type AdminSession } from '../helpers/admin-users';
import { screenshot } from '../helpers/browser';
import { ROLE, walkBeritaTo } from '../helpers/sop';

// the instansi as the office renamed it before the panel was opened (not the seeded name)
const INSTANSI = { pemerintah: 'Pemerintah Kabupaten Batang', dinas: 'Dinas Komunikasi, Informatika, Statistik dan Persandian' };
const NAMA_KANTOR = 'Meja Sandi — Dinas Komunikasi, Informatika, Statistik dan Persandian Kabupaten Batang';
const BERITA_LIST = '/admin/content-manager/collection-types/api::berita.berita';

describe('words, not keys: WIB times, who acts next, the office name, the agenda book', () => {
  let admin: AdminPanel;
  let base: string;
  let menungguKasi = '';
  let belumDiagendakan = '';

  beforeAll(async () => {
    admin = await startAdminPanel(
      {
        operator: { role: ROLE.operator, firstname: 'Oki', lastname: 'Operator' },
        kasi: { role: ROLE.kasi, firstname: 'Budi', lastname: 'Santoso' },
        caraka: { role: ROLE.caraka, firstname: 'Cakra', lastname: 'Caraka' },
      },
      {
        seed: async (app, users) => {
          const session = async (user: PanelUser): Promise<AdminSession> => ({ ...user, token: await loginAdmin(app, user.email, user.password) });
          const staff = { operator: await session(users.operator), kasi: await session(users.kasi) };
          menungguKasi = await walkBeritaTo(app, staff, 'diteruskan_ke_kasi', { perihal: 'Berita menunggu paraf Kasi' });
          await walkBeritaTo(app, staff, 'diagendakan', { perihal: 'Berita yang diagendakan hari ini' });
          belumDiagendakan = await walkBeritaTo(app, staff, 'diterima', { perihal: 'Berita dengan jam terima dikoreksi' });
          const instansi = await app.strapi.documents('api::instansi.instansi').findFirst({});
          await app.strapi.documents('api::instansi.instansi').update({ documentId: instansi!.documentId, data: INSTANSI });
        },
      }
    );
    base = admin.base;
  });

  afterAll(async () => {
    await admin?.close();
  });

  /** A browser in New York's zone (not WIB), logged in as `who`. */
  const openElsewhere = async (who: PanelUser): Promise<Page> => {
    const context = await admin.browser.newContext({
      locale: 'id-ID',
      timezoneId: 'America/New_York',
      viewport: { width: 1440, height: 1100 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(`${base}/admin/auth/login`);
    await page.locator('input[name="email"]').waitFor({ timeout: 30000 });
    await page.locator('input[name="email"]').fill(who.email);
    await page.locator('input[name="password"]').fill(who.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.includes('/auth/login'), { timeout: 30000 });
    return page;
  };

  it("the login and home pages carry the office name, not Strapi's welcome", async () => {
    const context = await admin.browser.newContext({ locale: 'id-ID' });
    const login = await context.newPage();
    await login.goto(`${base}/admin/auth/login`);
    await login.locator('input[name="email"]').waitFor({ timeout: 30000 });
    await login.getByText('Meja Sandi', { exact: true }).first().waitFor();
    await login.getByText(`Masuk ke ${NAMA_KANTOR}`).waitFor();
    const loginText = await login.locator('body').innerText();
    expect(loginText).not.toMatch(/Welcome to Strapi|Selamat datang di Strapi|akun Strapi/);
    await screenshot(login, 'kata01-login');
    await context.close();

    const page = await openElsewhere(admin.users.operator);
    await page.goto(`${base}/admin`);
    await page.getByRole('heading', { name: NAMA_KANTOR }).waitFor({ timeout: 30000 });
    const home = await page.locator('#main-content').innerText();
    expect(home).not.toMatch(/Welcome to Strapi|Selamat datang di panel administrasi|Halo Oki|Hello Oki/);
    expect(await page.title()).not.toMatch(/Strapi/);
    // Strapi's own news banner (the media library's) has given way
    expect(await page.getByText(/Memperkenalkan Pustaka Media/).count()).toBe(0);
    await screenshot(page, 'kata02-beranda');
    await page.context().close();
  });

  it('the side panel and the list show times in WIB in a New York browser, and who acts next by name', async () => {
    const page = await openElsewhere(admin.users.operator);
    await page.goto(`${base}${BERITA_LIST}/${menungguKasi}`);
    const panel = page.getByTestId('sop-panel');
    await panel.getByText(/^Tenggat: .+ WIB/).waitFor({ timeout: 30000 });
    await panel.getByTestId('sop-berikutnya').getByText('Menunggu Kasi (Budi Santoso): Paraf Kasi').waitFor();
    await panel.getByText(/WIB/).first().waitFor();
    // the form's date-time field shows the receipt time in WIB (Senin 23 November 10.00 WIB = 22.00 the day before in New York)
    const diterima = page.getByLabel('Waktu diterima (WIB)');
    await diterima.waitFor();
    expect(await diterima.inputValue()).toBe('2026-11-23T10:00');
    await screenshot(page, 'kata03-panel-wib');

    await page.goto(`${base}${BERITA_LIST}`);
    const row = page.getByRole('row').filter({ hasText: 'Berita yang diagendakan hari ini' });
    await row.waitFor({ timeout: 30000 });
    await row.getByText(/\d{2}\.\d{2} WIB$/).waitFor();
    await screenshot(page, 'kata04-daftar-wib');
    await page.context().close();
  });

  it('in a New York browser the Operator types a receipt time in WIB, and filters the list by a WIB time', async () => {
    const page = await openElsewhere(admin.users.operator);
    await page.goto(`${base}${BERITA_LIST}/${belumDiagendakan}`);
    const diterima = page.getByLabel('Waktu diterima (WIB)');
    await diterima.waitFor({ timeout: 30000 });
    await diterima.fill('2026-11-23T08:15');
    const saved = page.waitForResponse(
      (response) => response.request().method() === 'PUT' && response.url().includes(`/api::berita.berita/${belumDiagendakan}`),
      { timeout: 30000 }
    );
    await page.getByRole('button', { name: /^(Simpan|Save)$/ }).click();
    const answer = await saved;
    expect(answer.status()).toBe(200);
    // 08.15 WIB is 01.15 UTC (and 20.15 the evening before in New York)
    expect(((await answer.json()) as { data: { waktuDiterima: string } }).data.waktuDiterima).toBe('2026-11-23T01:15:00.000Z');
    await page.reload();
    await page.getByLabel('Waktu diterima (WIB)').waitFor({ timeout: 30000 });
    expect(await page.getByLabel('Waktu diterima (WIB)').inputValue()).toBe('2026-11-23T08:15');
    await screenshot(page, 'kata05-waktu-wib-diketik');

    // the list filter takes its time in WIB too: received after 09.30 WIB leaves out the 08.15 one
    await page.goto(`${base}${BERITA_LIST}`);
    await page.getByRole('row').filter({ hasText: 'Berita dengan jam terima dikoreksi' }).waitFor({ timeout: 30000 });
    await page.getByRole('button', { name: /^(Filter|Filters)$/ }).click();
    await page.getByRole('combobox', { name: /Pilih bidang|Select field/ }).click();
    await page.getByRole('option', { name: 'Waktu diterima' }).click();
    await page.getByRole('combobox', { name: /Pilih filter|Select filter/ }).click();
    await page.getByRole('option', { name: /^(lebih besar dari|is greater than)$/ }).click();
    await page.getByLabel('Waktu diterima (WIB)').fill('2026-11-23T09:30');
    await screenshot(page, 'kata06-filter-wib');
    await page.getByRole('button', { name: /^(Tambahkan filter|Add filter)$/ }).click();
    await page.waitForURL((url) => decodeURIComponent(url.search).includes('[waktuDiterima][$gt]=2026-11-23T09:30+07:00'), { timeout: 30000 });
    await page
      .getByText(/2026-11-23T09:30\+07:00/)
      .first()
      .waitFor();
    await page.getByRole('row').filter({ hasText: 'Berita yang diagendakan hari ini' }).waitFor({ timeout: 30000 });
    expect(await page.getByRole('row').filter({ hasText: 'Berita dengan jam terima dikoreksi' }).count()).toBe(0);
    await screenshot(page, 'kata07-daftar-tersaring-wib');
    await page.context().close();
  });

  it('the Kasi gives the paraf: the panel then names the next in line', async () => {
    const page = await openElsewhere(admin.users.kasi);
    await page.goto(`${base}${BERITA_LIST}/${menungguKasi}`);
    const panel = page.getByTestId('sop-panel');
    await panel.getByRole('button', { name: 'Paraf Kasi' }).click();
    const dialog = page.getByRole('dialog');
    if (await dialog.count()) await dialog.getByRole('button', { name: 'Simpan langkah' }).click();
    await page.getByTestId('sop-tahap').filter({ hasText: 'Diparaf Kasi' }).waitFor({ timeout: 20000 });
    await panel
      .getByTestId('sop-berikutnya')
      .getByText(/^Menunggu Kabid .*: Paraf Kabid$/)
      .waitFor();
    await screenshot(page, 'kata08-setelah-paraf');
    await page.context().close();
  });

  it('"Cetak buku agenda" downloads the berita book as .xlsx; a Caraka has no such button', async () => {
    const page = await openElsewhere(admin.users.operator);
    await page.goto(`${base}${BERITA_LIST}`);
    await page.getByTestId('cetak-buku-agenda').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Cetak buku agenda surat masuk').waitFor();
    await dialog.getByRole('radio', { name: 'Lembar kerja (.xlsx)' }).click();
    await screenshot(page, 'kata09-dialog-buku-agenda');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), dialog.getByRole('button', { name: 'Unduh' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    expect(file).toBeTruthy();
    expect(fs.readFileSync(file!).subarray(0, 2).toString()).toBe('PK');
    await page.context().close();

    const caraka = await openElsewhere(admin.users.caraka);
    const books = caraka.waitForResponse((response) => new URL(response.url()).pathname === '/sop/agenda', { timeout: 30000 });
    await caraka.goto(`${base}${BERITA_LIST}`);
    expect((await (await books).json()).data).toEqual([]);
    await caraka.waitForTimeout(1000);
    expect(await caraka.getByTestId('cetak-buku-agenda').count()).toBe(0);
    await caraka.context().close();
  });
});
