import type { Browser, Page } from 'playwright-core';
import { createTestDatabase, startApp, type TestDatabase } from '../helpers/app';
import { launchBrowser, screenshot } from '../helpers/browser';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';

const ISI = 'Lampu ruang tunggu pelayanan mati sejak minggu lalu sehingga pemohon kesulitan mengisi formulir.';
const TERBILANG = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];

describe('the public complaint form in headless Chromium', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const setup = await startApp({ database });
    await setup.stop();
    const port = 26000 + (process.pid % 5000);
    base = `http://127.0.0.1:${port}`;
    server = await startServerProcess(port, { PUBLIC_URL: base, LOG_LEVEL: 'warn', PENGADUAN_FORM_MIN_SECONDS: '1' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  const watchCsp = (page: Page): string[] => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    return violations;
  };

  const fillComplaint = async (page: Page, nama: string, kontak: string) => {
    await page.getByLabel('Nama lengkap').fill(nama);
    await page.getByLabel('E-mail atau nomor ponsel').fill(kontak);
    await page.getByLabel('Isi pengaduan').fill(ISI);
  };

  const readTicket = async (page: Page) => {
    await page.locator('.nomor-tiket').waitFor({ timeout: 30000 });
    return {
      nomorTiket: (await page.locator('.nomor-tiket').textContent())?.trim() ?? '',
      kodeLacak: (await page.locator('.kode-lacak').textContent())?.trim() ?? '',
    };
  };

  const track = async (page: Page, ticket: { nomorTiket: string; kodeLacak: string }) => {
    await page.goto(`${base}/pengaduan/lacak`);
    await page.getByLabel('Nomor tiket').fill(ticket.nomorTiket);
    await page.getByLabel('Kode lacak').fill(ticket.kodeLacak.toLowerCase());
    await page.getByRole('button', { name: 'Lacak' }).click();
    await page.getByText('Status:').waitFor({ timeout: 15000 });
    expect(await page.locator('.hasil-lacak').textContent()).toContain('Diterima');
  };

  it('files a complaint with JavaScript: the proof of work replaces the question', async () => {
    const page = await browser.newPage();
    const violations = watchCsp(page);
    await page.goto(`${base}/pengaduan`);
    await page.locator('#status-verifikasi').filter({ hasText: 'selesai' }).waitFor({ timeout: 60000 });
    expect(await page.locator('#verifikasi').isHidden()).toBe(true);
    expect(await page.locator('#altcha').inputValue()).not.toBe('');
    await fillComplaint(page, 'Warga Dengan Skrip', 'warga.skrip@contoh.id');
    await page.waitForTimeout(1100);
    await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
    const ticket = await readTicket(page);
    expect(ticket.nomorTiket).toMatch(/^ADU-\d{4}-\d{6}$/);
    await screenshot(page, 'pengaduan-tiket-dengan-js');
    await track(page, ticket);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('files a complaint without JavaScript by answering the question', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/pengaduan`);
    expect(await page.locator('#verifikasi').isVisible()).toBe(true);
    await screenshot(page, 'pengaduan-formulir-tanpa-js');
    await fillComplaint(page, 'Warga Tanpa Skrip', '0812-5555-6666');
    const question = (await page.locator('label[for="jawaban"]').textContent()) ?? '';
    const sum = /Berapa hasil (\w+) ditambah (\w+)\?/.exec(question);
    expect(sum).not.toBeNull();
    await page.getByLabel(question.trim()).fill(String(TERBILANG.indexOf(sum![1]) + TERBILANG.indexOf(sum![2])));
    await page.waitForTimeout(1100);
    await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
    const ticket = await readTicket(page);
    await screenshot(page, 'pengaduan-tiket-tanpa-js');
    await track(page, ticket);
    await context.close();
  });
});
