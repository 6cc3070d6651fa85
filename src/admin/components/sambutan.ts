import type { NamaKantor } from '../../domain/kantor';

/** The product's name: what the panel is called whatever office runs it. */
export const PRODUK = 'Meja Sandi';

/** Where the panel asks for the office's names (src/api/instansi/routes/nama-kantor.ts), no login needed. */
export const NAMA_KANTOR_PATH = '/api/instansi/nama-kantor';

/** How long the panel waits for the office's names before it opens with the product's name alone (ms). */
const BATAS_TUNGGU_MS = 3000;

/**
 * `text` as a literal inside an ICU message (react-intl parses every translation): an apostrophe
 * doubled, and each run of `{ } < >` quoted, so an office called "Dinas {X}" or "<b>" reads as typed.
 */
export const icuLiteral = (text: string): string => text.replace(/'/g, "''").replace(/[{}<>]+/g, (run) => `'${run}'`);

/**
 * Message ids of Strapi's admin texts that name Strapi, with the office's texts (every locale),
 * from the office's names (NamaKantor; null when unknown: the product's name alone).
 */
export const sambutan = (nama: NamaKantor | null): Record<string, string> => {
  const kantor = nama?.kantor ? icuLiteral(nama.kantor) : null;
  const seksi = nama?.seksi ? icuLiteral(nama.seksi) : null;
  const lengkap = kantor ? `${PRODUK} — ${kantor}` : PRODUK;
  return {
    'Auth.form.welcome.title': PRODUK,
    'Auth.form.welcome.subtitle': `Masuk ke ${lengkap}`,
    'Auth.form.register.subtitle': `Kredensial hanya dipakai untuk masuk ke ${PRODUK}; semua data tersimpan di server ${kantor ?? 'instansi Anda'}.`,
    'HomePage.head.title': 'Beranda',
    'HomePage.header.title': lengkap,
    'HomePage.header.subtitle': [seksi, kantor].filter(Boolean).join(', ') || 'Layanan persandian dan keamanan informasi',
    'app.components.LeftMenu.navbrand.title': PRODUK,
    'app.components.LeftMenu.navbrand.workplace': kantor ?? PRODUK,
  };
};

const isNamaKantor = (value: unknown): value is NamaKantor => {
  if (typeof value !== 'object' || value === null) return false;
  const { kantor, seksi } = value as Record<string, unknown>;
  return (kantor === null || typeof kantor === 'string') && (seksi === null || typeof seksi === 'string');
};

/**
 * The welcome texts for this office, asked of the server when the panel loads (before its first
 * page, so the login page already carries the name the office set in Instansi). When the server
 * does not answer within BATAS_TUNGGU_MS or answers something else, the panel opens with the
 * product's name alone and says why in the browser's console. Never throws.
 */
export const muatSambutan = async (backendUrl: string): Promise<Record<string, string>> => {
  try {
    const response = await fetch(`${backendUrl}${NAMA_KANTOR_PATH}`, { signal: AbortSignal.timeout(BATAS_TUNGGU_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const data = ((await response.json()) as { data?: unknown }).data;
    if (!isNamaKantor(data)) throw new Error('jawaban tidak dikenal');
    return sambutan(data);
  } catch (error: unknown) {
    // eslint-disable-next-line no-console -- the panel has not rendered yet: no notification can show it
    console.warn(
      `[meja-sandi] Nama kantor tidak dapat dimuat (${error instanceof Error ? error.message : String(error)}); panel memakai nama ${PRODUK}.`
    );
    return sambutan(null);
  }
};
