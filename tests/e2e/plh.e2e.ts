/**
 * Issue 16, "Done when": a Plh gives a paraf while the Kasi is away, in the browser, and the
 * letter (the kartu kendali) and the history show both names; the Plh's edit screen shows the
 * berita's fields the Kasi may read, which the Plh's own role (Caraka) may not.
 */
import { startAdminPanel, type AdminPanel } from '../helpers/admin-panel';
import { loginAdmin, type AdminSession } from '../helpers/admin-users';
import { screenshot } from '../helpers/browser';
import { BERITA_CONTOH, cmCreate, ROLE, walkBeritaTo } from '../helpers/sop';
import { bukaDocx } from '../letters/unduh';

const PLH_KASI = `Plh. ${ROLE.kasi}, a.n. Siti Kasi`;

describe('an acting Kasi (Plh) in the admin panel (headless Chromium)', () => {
  let panel: AdminPanel;
  let documentId = '';

  beforeAll(async () => {
    panel = await startAdminPanel(
      {
        operator: { role: ROLE.operator, firstname: 'Oki', lastname: 'Operator' },
        kasi: { role: ROLE.kasi, firstname: 'Siti', lastname: 'Kasi' },
        kadis: { role: ROLE.kadis, firstname: 'Dina', lastname: 'Kadis' },
        // a Caraka, whose own grant shows a berita's agenda number, subject and recipients only
        plh: { role: ROLE.caraka, firstname: 'Budi', lastname: 'Santoso' },
      },
      {
        seed: async (app, users) => {
          const session = async (key: string): Promise<AdminSession> => ({
            ...users[key],
            token: await loginAdmin(app, users[key].email, users[key].password),
          });
          const operator = await session('operator');
          const kadis = await session('kadis');
          documentId = await walkBeritaTo(app, { operator }, 'diteruskan_ke_kasi');
          // the Kasi is away today: the Kepala Dinas names Budi Plh. Kasi for the day
          const mandate = await cmCreate(app, kadis, 'api::pelaksana.pelaksana', {
            peran: 'kasi',
            jenis: 'plh',
            pejabatId: users.kasi.id,
            pelaksanaId: users.plh.id,
            alasan: 'Dinas luar',
            mulai: new Date(Date.now() - 3600_000).toISOString(),
            selesai: new Date(Date.now() + 8 * 3600_000).toISOString(),
          });
          if (mandate.status !== 201) throw new Error(`mandate: ${mandate.status} ${JSON.stringify(mandate.body)}`);
        },
      }
    );
  });

  afterAll(async () => {
    await panel?.close();
  });

  it('the Plh opens the berita, gives the Kasi’s paraf, and the history and the kartu kendali name both', async () => {
    const page = await panel.open(panel.users.plh);
    await page.goto(`${panel.base}/admin/content-manager/collection-types/api::berita.berita/${documentId}`);
    const sop = page.getByTestId('sop-panel');
    await page.getByTestId('sop-tahap').filter({ hasText: 'Diteruskan ke Kasi' }).waitFor({ timeout: 30000 });
    // the edit screen as the Kasi's: the sender, outside a Caraka's grant, shown (read-only: the Kasi does not edit a berita)
    const pengirim = page.getByRole('textbox', { name: /^Pengirim\*?$/ });
    await pengirim.waitFor();
    expect(await pengirim.inputValue()).toBe(BERITA_CONTOH.pengirim);
    expect(await pengirim.isDisabled()).toBe(true);
    await screenshot(page, 'plh-00-layar-edit');
    await sop.getByRole('button', { name: 'Paraf Kasi' }).click();
    await page.getByTestId('sop-tahap').filter({ hasText: 'Diparaf Kasi' }).waitFor({ timeout: 20000 });
    const history = page.getByTestId('sop-riwayat');
    await history.getByText('Budi Santoso').first().waitFor();
    expect(await history.innerText()).toContain(PLH_KASI);
    await screenshot(page, 'plh-01-paraf-kasi');

    // the letter, as the Kasi prints it on return
    const login = await fetch(`${panel.base}/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: panel.users.kasi.email, password: panel.users.kasi.password }),
    });
    const token = ((await login.json()) as { data: { token: string } }).data.token;
    const file = await fetch(`${panel.base}/sop/berita/${documentId}/dokumen/kartu-kendali`, { headers: { Authorization: `Bearer ${token}` } });
    expect(file.status).toBe(200);
    const kartu = bukaDocx(Buffer.from(await file.arrayBuffer()));
    expect(kartu.teks).toContain('Budi Santoso');
    expect(kartu.teks).toContain(PLH_KASI);
    await page.context().close();
  });
});
