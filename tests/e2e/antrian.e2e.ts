/**
 * Issue 16, "Antrian saya" in a real browser: a Kasi logs in, sees on the home page the berita
 * waiting for the Kasi's paraf, presses "Buka" and lands on the record with its side panel
 * offering "Paraf Kasi"; the full page and the menu count show the same queue.
 */
import { startAdminPanel, type AdminPanel } from '../helpers/admin-panel';
import { loginAdmin } from '../helpers/admin-users';
import { screenshot } from '../helpers/browser';
import { ROLE, walkBeritaTo } from '../helpers/sop';

const PERIHAL = 'Undangan Rapat Antrian Kasi';

describe('Antrian saya in the admin panel (headless Chromium)', () => {
  let panel: AdminPanel;

  beforeAll(async () => {
    panel = await startAdminPanel(
      {
        operator: { role: ROLE.operator, firstname: 'Oki', lastname: 'Operator' },
        kasi: { role: ROLE.kasi, firstname: 'Kasi', lastname: 'Persandian' },
      },
      {
        seed: async (app, users) => {
          const operator = { ...users.operator, token: await loginAdmin(app, users.operator.email, users.operator.password) };
          await walkBeritaTo(app, { operator }, 'diteruskan_ke_kasi', { perihal: PERIHAL });
        },
      }
    );
  });

  afterAll(async () => {
    await panel?.close();
  });

  it('the Kasi sees the berita waiting for paraf on the home page and opens it at the side panel', async () => {
    const page = await panel.open(panel.users.kasi);
    await page.goto(`${panel.base}/admin/`);
    const widget = page.getByTestId('antrian-widget');
    const item = widget.getByTestId('antrian-item').filter({ hasText: PERIHAL });
    await item.waitFor({ timeout: 30000 });
    const text = (await item.textContent()) ?? '';
    expect(text).toContain('Diteruskan ke Kasi');
    expect(text).toMatch(/Tenggat: .+ WIB/);
    expect(text).toContain('Terlambat'); // received 23 Nov 2026, due a service day later
    expect(text).toContain('Paraf Kasi');
    await page.getByTestId('antrian-jumlah').filter({ hasText: '1' }).waitFor();
    await screenshot(page, 'antrian-01-beranda-kasi');

    await item.getByRole('button', { name: /^Buka/ }).click();
    await page.waitForURL((url) => /api::berita\.berita\/[a-z0-9]{20,}/.test(url.pathname), { timeout: 30000 });
    const sidePanel = page.getByTestId('sop-panel');
    await sidePanel.getByRole('button', { name: 'Paraf Kasi' }).waitFor({ timeout: 30000 });
    await page.getByTestId('sop-tahap').filter({ hasText: 'Diteruskan ke Kasi' }).waitFor();
    await screenshot(page, 'antrian-02-kasi-membuka-berita');

    await page.goto(`${panel.base}/admin/antrian-saya`);
    await page.getByRole('heading', { name: 'Antrian Saya' }).waitFor({ timeout: 30000 });
    await page.getByTestId('antrian-item').filter({ hasText: PERIHAL }).waitFor();
    await screenshot(page, 'antrian-03-halaman-antrian');
    await page.context().close();
  });
});
