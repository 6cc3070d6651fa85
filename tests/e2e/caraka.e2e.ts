/**
 * Issue 16 — the Caraka on the road: on a phone-width screen (390 × 844) the Distribusi list
 * says to whom, where, by which channel and for which letter; a copy is opened by its
 * recipient and its receipt recorded with a photo taken or picked inside the step dialog.
 * And the Kasi's berita list opens on what waits for the Kasi.
 */
import fs from 'fs';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { startAdminPanel, type AdminPanel, type PanelUser } from '../helpers/admin-panel';
import { loginAdmin, type AdminSession } from '../helpers/admin-users';
import { screenshot } from '../helpers/browser';
import { ROLE, walkBeritaTo } from '../helpers/sop';

const PHONE = { width: 390, height: 844 };
const PERIHAL = 'Undangan Rapat Koordinasi Persandian Daerah';
const ALAMAT = 'Jl. Sriwijaya No. 44, Pekalongan';
const DISTRIBUSI_LIST = '/admin/content-manager/collection-types/api::distribusi.distribusi';
const BERITA_LIST = '/admin/content-manager/collection-types/api::berita.berita';

type Copy = { documentId: string; tahap: string; tujuan: string; diterimaOleh: string | null; bukti: { id: number; mime: string } | null };

describe('the Caraka on a phone: the list says what to deliver, the receipt takes a photo', () => {
  let admin: AdminPanel;
  let base: string;
  let nomorAgenda = '';

  beforeAll(async () => {
    admin = await startAdminPanel(
      {
        operator: { role: ROLE.operator, firstname: 'Oki', lastname: 'Operator' },
        kasi: { role: ROLE.kasi, firstname: 'Kasi', lastname: 'Persandian' },
        kabid: { role: ROLE.kabid, firstname: 'Kabid', lastname: 'Aplikasi' },
        kadis: { role: ROLE.kadis, firstname: 'Kepala', lastname: 'Dinas' },
        caraka: { role: ROLE.caraka, firstname: 'Cakra', lastname: 'Caraka' },
      },
      {
        // one berita out for delivery (two copies) and one waiting for the Kasi's paraf
        seed: async (app, users) => {
          const session = async (user: PanelUser): Promise<AdminSession> => ({ ...user, token: await loginAdmin(app, user.email, user.password) });
          const staff = {
            operator: await session(users.operator),
            kasi: await session(users.kasi),
            kabid: await session(users.kabid),
            kadis: await session(users.kadis),
            caraka: await session(users.caraka),
          };
          const documentId = await walkBeritaTo(app, staff, 'ditugaskan_ke_caraka', {
            perihal: PERIHAL,
            penerima: [
              { nama: 'H. Wali Kota', jabatan: 'Wali Kota Pekalongan', kategori: 'walikota', saluran: 'ajudan', alamat: 'Jl. Mataram No. 1' },
              { jabatan: 'Kepala Dinas Kesehatan', kategori: 'kepala_opd', saluran: 'caraka', alamat: ALAMAT },
            ],
          });
          const berita = (await app.strapi.db.query('api::berita.berita').findOne({ where: { documentId } })) as { nomorAgenda: string };
          nomorAgenda = berita.nomorAgenda;
          await walkBeritaTo(app, staff, 'diteruskan_ke_kasi', { perihal: 'Berita menunggu paraf Kasi' });
          await walkBeritaTo(app, staff, 'diperiksa', { perihal: 'Berita yang belum sampai ke Kasi' });
        },
      }
    );
    base = admin.base;
  });

  afterAll(async () => {
    await admin?.close();
  });

  /** The copies as the server keeps them, read through the content manager with the Caraka's own token. */
  const copiesAsCaraka = async (): Promise<Copy[]> => {
    const login = await fetch(`${base}/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: admin.users.caraka.email, password: admin.users.caraka.password }),
    });
    const token = ((await login.json()) as { data: { token: string } }).data.token;
    const response = await fetch(`${base}/content-manager/collection-types/api::distribusi.distribusi?page=1&pageSize=20&populate[bukti]=true`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { results: Copy[] }).results;
  };

  const expectTahap = (page: Page, label: string) => page.getByTestId('sop-tahap').filter({ hasText: label }).waitFor({ timeout: 20000 });

  it('the Caraka opens the Distribusi list on a 390 px screen and sees recipient, address, channel and letter', async () => {
    const page = await admin.open(admin.users.caraka, PHONE);
    await page.goto(`${base}${DISTRIBUSI_LIST}`);
    const row = page.getByRole('row').filter({ hasText: 'Kepala Dinas Kesehatan' });
    await row.waitFor({ timeout: 30000 });
    const text = await row.innerText();
    expect(text).toContain(ALAMAT);
    expect(text).toContain('Diantar caraka'); // the channel's label, not `caraka`
    expect(text).toContain(nomorAgenda);
    expect(text).toContain(PERIHAL);
    expect(text).toContain('Ditugaskan');
    const wali = await page.getByRole('row').filter({ hasText: 'H. Wali Kota, Wali Kota Pekalongan' }).innerText();
    expect(wali).toContain('Melalui ajudan');
    // the list opened on what waits for the Caraka, and says so
    await page.getByTestId('menunggu-saya').filter({ hasText: 'Menunggu saya' }).waitFor();
    // what the Caraka's grant on berita does not open never reaches the list
    const body = await page.locator('body').innerText();
    for (const hidden of ['Badan Siber dan Sandi Negara', 'Undangan rapat koordinasi persandian tingkat provinsi', 'B-123/BSSN/11/2026']) {
      expect(body).not.toContain(hidden);
    }
    fs.copyFileSync(await screenshot(page, 'c01-caraka-daftar-distribusi-390'), '/tmp/caraka-daftar-distribusi-390.png');
    await page.context().close();
  });

  it('the Caraka opens a copy by its recipient and records the receipt with a photo picked in the dialog', async () => {
    const page = await admin.open(admin.users.caraka, PHONE);
    await page.goto(`${base}${DISTRIBUSI_LIST}`);
    await page.getByRole('row').filter({ hasText: 'Kepala Dinas Kesehatan' }).getByText(ALAMAT).first().click();
    await page.waitForURL((url) => /api::distribusi\.distribusi\/[a-z0-9]{20,}/.test(url.pathname), { timeout: 30000 });
    await page.getByRole('heading', { name: 'Kepala Dinas Kesehatan' }).waitFor({ timeout: 20000 });
    await expectTahap(page, 'Ditugaskan');
    // on a phone Strapi keeps the side panels in the drawer under the action bar: open it
    await page.getByRole('button', { name: 'Buka tindakan lainnya' }).click();
    const catat = page.getByTestId('sop-panel').getByRole('button', { name: 'Catat tanda terima' });
    await catat.waitFor();
    await screenshot(page, 'c02-caraka-salinan-390');
    await catat.click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="diterimaOleh"]').fill('Sri Rahayu (sekretariat)');
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 180, b: 40 } } })
      .jpeg()
      .toBuffer();
    await dialog.getByTestId('berkas-kamera-bukti').setInputFiles({ name: 'tanda-terima.jpg', mimeType: 'image/jpeg', buffer: photo });
    await dialog
      .getByTestId('berkas-status-bukti')
      .getByText(/Terunggah: tanda-terima\.jpg/)
      .waitFor({ timeout: 30000 });
    await dialog.getByRole('img', { name: 'Pratinjau tanda-terima.jpg' }).waitFor();
    // the whole dialog fits the phone's width
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width + 1).toBe(true);
    fs.copyFileSync(await screenshot(page, 'c03-caraka-tanda-terima-390'), '/tmp/caraka-tanda-terima-390.png');
    await dialog.getByRole('button', { name: 'Simpan langkah' }).click();
    await expectTahap(page, 'Diterima (tanda terima)');
    await page.context().close();

    const copy = (await copiesAsCaraka()).find((one) => one.tujuan === 'Kepala Dinas Kesehatan')!;
    expect(copy.tahap).toBe('diterima');
    expect(copy.diterimaOleh).toBe('Sri Rahayu (sekretariat)');
    expect(copy.bukti?.id).toEqual(expect.any(Number));
    expect(copy.bukti?.mime).toBe('image/jpeg');
  });

  it("the Kasi's berita list opens on what awaits the Kasi, and shows every berita on request", async () => {
    const page = await admin.open(admin.users.kasi);
    await page.goto(`${base}${BERITA_LIST}`);
    await page.getByRole('row').filter({ hasText: 'Berita menunggu paraf Kasi' }).waitFor({ timeout: 30000 });
    await page.getByTestId('menunggu-saya').filter({ hasText: 'Diteruskan ke Kasi, Diparaf Kepala Dinas' }).waitFor();
    expect(page.url()).toContain('diteruskan_ke_kasi');
    expect(await page.getByRole('row').filter({ hasText: PERIHAL }).count()).toBe(0);
    expect(await page.getByRole('row').filter({ hasText: 'Berita yang belum sampai ke Kasi' }).count()).toBe(0);
    await screenshot(page, 'c04-kasi-berita-menunggu');
    await page.getByTestId('menunggu-saya').click();
    await page.getByRole('row').filter({ hasText: 'Berita yang belum sampai ke Kasi' }).waitFor({ timeout: 20000 });
    await page.getByRole('row').filter({ hasText: PERIHAL }).waitFor();
    await page.context().close();
  });
});
