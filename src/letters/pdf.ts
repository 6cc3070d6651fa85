import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { pathToFileURL } from 'url';

export const PDF_TYPE = 'application/pdf';

export const PANDUAN_LIBREOFFICE =
  'Konversi ke PDF memerlukan LibreOffice, yang tidak terpasang di server ini. Pasang dengan ' +
  '"sudo apt-get install -y libreoffice-writer-nogui" (Debian/Ubuntu), lalu mulai ulang server; atau tunjuk ' +
  'program soffice dengan variabel lingkungan SOFFICE_PATH. Sementara itu unduh dokumen dalam format .docx.';

const SEARCH = ['soffice', 'libreoffice'];
const KNOWN_LOCATIONS = [
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
];

const executable = (file: string): boolean => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

const detect = (configured: string): string | null => {
  if (configured) return executable(configured) ? configured : null;
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of SEARCH) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  return KNOWN_LOCATIONS.find(executable) ?? null;
};

const detected = new Map<string, string | null>();

/**
 * The LibreOffice program, looked up once (per value of SOFFICE_PATH, which names it
 * explicitly; otherwise `soffice` / `libreoffice` on the PATH); null when not installed.
 */
export const sofficePath = (): string | null => {
  const configured = (process.env.SOFFICE_PATH ?? '').trim();
  if (!detected.has(configured)) detected.set(configured, detect(configured));
  return detected.get(configured) ?? null;
};

export class KonversiGagal extends Error {}

// One profile per server process: two soffice processes must not share a profile.
const profileDir = path.join(os.tmpdir(), `meja-sandi-soffice-${process.pid}`);
let cleanupRegistered = false;

const run = (file: string, args: string[], timeoutMs: number): Promise<void> =>
  new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(new KonversiGagal(`${error.message}${stderr ? `: ${String(stderr).trim()}` : ''}`));
      else resolve();
    });
  });

const convert = async (soffice: string, docx: Buffer): Promise<Buffer> => {
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    process.once('exit', () => fs.rmSync(profileDir, { recursive: true, force: true }));
  }
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'meja-sandi-pdf-'));
  try {
    const input = path.join(dir, 'dokumen.docx');
    await fs.promises.writeFile(input, docx);
    await run(
      soffice,
      [
        '--headless',
        '--invisible',
        '--norestore',
        '--nologo',
        '--nodefault',
        '--nolockcheck',
        `-env:UserInstallation=${pathToFileURL(profileDir).href}`,
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        input,
      ],
      Number(process.env.SOFFICE_TIMEOUT_MS ?? 120_000)
    );
    const pdf = await fs.promises.readFile(path.join(dir, 'dokumen.pdf')).catch(() => null);
    if (!pdf || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new KonversiGagal('LibreOffice tidak menghasilkan berkas PDF');
    return pdf;
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
};

let queue: Promise<unknown> = Promise.resolve();

/** .docx → PDF with `soffice --headless --convert-to pdf` in a temporary folder, one conversion at a time. */
export const convertToPdf = (soffice: string, docx: Buffer): Promise<Buffer> => {
  const job = queue.then(() => convert(soffice, docx));
  queue = job.catch(() => undefined);
  return job;
};
