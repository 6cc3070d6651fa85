import { startAdminPanel, type AdminPanel } from '../helpers/admin-panel';
import { screenshot } from '../helpers/browser';
import { ROLE } from '../helpers/sop';

describe('Evaluasi Kinerja in the admin panel', () => {
  let admin: AdminPanel;

  beforeAll(async () => {
    admin = await startAdminPanel({
      kasi: { role: ROLE.kasi, firstname: 'Kasi', lastname: 'Persandian' },
      caraka: { role: ROLE.caraka, firstname: 'Cakra', lastname: 'Caraka' },
    });
  });

  afterAll(async () => {
    await admin?.close();
  });

  it('the Kasi opens it from the menu, picks a quarter and sees the charts, the tables and the export buttons', async () => {
    const page = await admin.open(admin.users.kasi);
    await page.getByRole('link', { name: 'Evaluasi Kinerja' }).click();
    await page.getByRole('heading', { name: 'Evaluasi Kinerja' }).waitFor({ timeout: 30000 });
    await page.getByRole('combobox', { name: 'Tahun' }).click();
    await page.getByRole('option', { name: '2026' }).click();
    await page.getByRole('combobox', { name: 'Triwulan' }).click();
    await page.getByRole('option', { name: 'IV (Oktober–Desember)' }).click();
    await page.getByText('Triwulan IV 2026 (1 Oktober – 31 Desember 2026, WIB)').waitFor({ timeout: 20000 });
    await page.locator('td').filter({ hasText: 'Penerimaan Berita Biasa Email Sanapati' }).first().waitFor();
    // a fresh database: nothing overdue
    await page.getByText('Tidak ada naskah atau pengaduan yang melewati tenggat.').waitFor();
    expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByRole('button', { name: 'Unduh Excel (.xlsx)' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Unduh PDF' }).isEnabled()).toBe(true);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Unduh Excel (.xlsx)' }).click();
    expect((await download).suggestedFilename()).toBe('evaluasi-kinerja-2026-triwulan-4.xlsx');
    await screenshot(page, 'evaluasi-kasi');
    await page.context().close();
  });

  it('a Caraka reads the refusal in Indonesian', async () => {
    const page = await admin.open(admin.users.caraka);
    await page.goto(`${admin.base}/admin/evaluasi-kinerja`);
    await page.getByText(/hanya untuk pimpinan/).waitFor({ timeout: 30000 });
    await page.context().close();
  });
});
