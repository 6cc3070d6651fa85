/**
 * Server-rendered public pages: escaping by construction, the letterhead layout
 * and the response headers. Shared by every public page (standar pelayanan,
 * pengaduan). Nothing here needs JavaScript in the browser.
 */
import type { Core } from '@strapi/strapi';

/** Markup that is already safe; only `html` and `raw` make one. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (char) => ESCAPES[char]);

/** Trusted markup, e.g. a constant. Never pass user or database values. */
export const raw = (markup: string): Html => new Html(markup);

const render = (value: unknown): string => {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
};

/** Tagged template: every interpolated value is escaped unless it is Html; arrays are joined. */
export const html = (strings: TemplateStringsArray, ...values: unknown[]): Html =>
  new Html(strings.reduce((out, part, index) => out + part + (index < values.length ? render(values[index]) : ''), ''));

/** Text with its line breaks kept (each line escaped). */
export const multiline = (text: string | null | undefined): Html =>
  new Html(
    String(text ?? '')
      .split(/\r?\n/)
      .map((line) => escapeHtml(line.trim()))
      .filter((line, index, lines) => line !== '' || (index > 0 && index < lines.length - 1))
      .join('<br>')
  );

/** An absolute http(s) URL, or null: nothing else becomes a link target. */
export const safeHttpUrl = (value: string | null | undefined): string | null => {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
};

export const telHref = (phone: string | null | undefined): string | null => {
  const digits = String(phone ?? '').replace(/[^\d+]/g, '');
  return /^\+?\d{5,15}$/.test(digits) ? `tel:${digits}` : null;
};

export const mailtoHref = (email: string | null | undefined): string | null => {
  const value = String(email ?? '').trim();
  return /^[^\s@<>"'()]+@[^\s@<>"'()]+\.[^\s@<>"'()]+$/.test(value) ? `mailto:${value}` : null;
};

/** A link when the target is safe, plain text otherwise. */
export const link = (href: string | null, label: unknown): Html => (href ? html`<a href="${href}">${label}</a>` : html`${label}`);

// ---------------------------------------------------------------------------
// Letterhead

export type Letterhead = {
  pemerintah: string | null;
  dinas: string | null;
  alamat: string | null;
  kota: string | null;
  kodePos: string | null;
  telepon: string | null;
  email: string | null;
  website: string | null;
  logoUrl: string | null;
};

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** The office letterhead from `api::instansi.instansi`, or null when staff removed it. */
export const loadLetterhead = async (strapi: Core.Strapi): Promise<Letterhead | null> => {
  const instansi = (await strapi.documents('api::instansi.instansi').findFirst({ populate: { logo: true } })) as unknown as Record<
    string,
    unknown
  > | null;
  if (!instansi) return null;
  const logo = instansi.logo as { url?: unknown } | null | undefined;
  const logoUrl = str(logo?.url);
  return {
    pemerintah: str(instansi.pemerintah),
    dinas: str(instansi.dinas),
    alamat: str(instansi.alamat),
    kota: str(instansi.kota),
    kodePos: str(instansi.kodePos),
    telepon: str(instansi.telepon),
    email: str(instansi.email),
    website: str(instansi.website),
    logoUrl: logoUrl && (logoUrl.startsWith('/') || safeHttpUrl(logoUrl)) ? logoUrl : null,
  };
};

const kontakInstansi = (kop: Letterhead): Html[] =>
  [
    kop.telepon ? html`Telepon ${link(telHref(kop.telepon), kop.telepon)}` : null,
    kop.email ? html`E-mail ${link(mailtoHref(kop.email), kop.email)}` : null,
    // Linked only when it carries its scheme: guessing http or https could give a dead link.
    kop.website ? html`Situs web ${link(safeHttpUrl(kop.website), kop.website)}` : null,
  ].filter((part): part is Html => part !== null);

const joinHtml = (parts: Html[], separator: string): Html => new Html(parts.map((part) => part.value).join(escapeHtml(separator)));

const alamatLengkap = (kop: Letterhead): string =>
  [kop.alamat, [kop.kota, kop.kodePos].filter(Boolean).join(' ')].filter(Boolean).join(', ');

const renderKop = (kop: Letterhead | null): Html => {
  if (!kop) return html`<header class="kop"><div class="kop-isi"><p class="kop-dinas">Layanan Publik</p></div></header>`;
  return html`<header class="kop">
<div class="kop-isi">
${kop.logoUrl ? html`<img class="kop-logo" src="${kop.logoUrl}" alt="Logo ${kop.pemerintah ?? kop.dinas ?? ''}" width="72" height="72">` : ''}
<div class="kop-teks">
${kop.pemerintah ? html`<p class="kop-pemerintah">${kop.pemerintah}</p>` : ''}
${kop.dinas ? html`<p class="kop-dinas">${kop.dinas}</p>` : ''}
<p class="kop-alamat">${alamatLengkap(kop)}${alamatLengkap(kop) ? html`<br>` : ''}${joinHtml(kontakInstansi(kop), ' · ')}</p>
</div>
</div>
</header>`;
};

// ---------------------------------------------------------------------------
// Page layout

export const STYLESHEET = '/assets/meja-sandi.css';

export type NavItem = { href: string; label: string };

export const PUBLIC_NAV: readonly NavItem[] = [
  { href: '/standar-pelayanan', label: 'Standar Pelayanan' },
  { href: '/pengaduan', label: 'Pengaduan' },
];

export type PageOptions = {
  title: string;
  description?: string;
  letterhead: Letterhead | null;
  content: Html;
  /** href of the nav item that is this very page (aria-current="page") */
  current?: string;
};

/** A complete HTML document: letterhead (banner), navigation, main content, footer. */
export const renderPage = ({ title, description, letterhead, content, current }: PageOptions): string => {
  const instansi = [letterhead?.dinas, letterhead?.pemerintah].filter(Boolean).join(', ');
  const page = html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}${instansi ? ` — ${letterhead?.dinas ?? letterhead?.pemerintah}` : ''}</title>
${description ? html`<meta name="description" content="${description}">` : ''}
<link rel="stylesheet" href="${STYLESHEET}">
</head>
<body>
<a class="lewati" href="#konten">Langsung ke isi halaman</a>
${renderKop(letterhead)}
<nav class="navigasi" aria-label="Navigasi utama">
<ul>
${PUBLIC_NAV.map((item) => html`<li><a href="${item.href}"${item.href === current ? raw(' aria-current="page"') : ''}>${item.label}</a></li>`)}
</ul>
</nav>
<main id="konten" tabindex="-1">
${content}
</main>
<footer class="kaki">
${instansi ? html`<p>${instansi}</p>` : ''}
${letterhead ? html`<address>${alamatLengkap(letterhead)}${alamatLengkap(letterhead) ? html`<br>` : ''}${joinHtml(kontakInstansi(letterhead), ' · ')}</address>` : ''}
<p class="tanpa-cetak">Ada keluhan atau saran? <a href="/pengaduan">Sampaikan pengaduan</a> — gratis, identitas pelapor dirahasiakan.</p>
</footer>
</body>
</html>
`;
  return page.value;
};

// ---------------------------------------------------------------------------
// Response

export type HtmlContext = {
  status: number;
  body: unknown;
  type: string;
  set: (name: string, value: string) => void;
  remove: (name: string) => void;
};

export type SendOptions = {
  /** Allow other sites (e.g. the city website) to embed the page in an iframe. */
  frameable?: boolean;
  /** Cache-Control value; defaults to no caching. */
  cache?: string;
  /** Extra CSP sources for forms or scripts of a particular page, e.g. { 'script-src': ["'self'"] }. */
  csp?: Record<string, string[]>;
};

/**
 * The pages need no script at all, so they get a CSP stricter than Strapi's
 * default (which strapi::security sets before the route runs); styles come from
 * the static stylesheet under public/, never inline.
 */
export const pageCsp = (options: SendOptions = {}): string => {
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'https:'],
    'form-action': ["'self'"],
    'base-uri': ["'none'"],
    'frame-ancestors': options.frameable ? ['*'] : ["'self'"],
  };
  for (const [name, sources] of Object.entries(options.csp ?? {})) {
    directives[name] = [...(directives[name] ?? []).filter((source) => source !== "'none'"), ...sources];
  }
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
};

export const sendHtml = (ctx: HtmlContext, status: number, page: string, options: SendOptions = {}): void => {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Content-Security-Policy', pageCsp(options));
  ctx.set('X-Content-Type-Options', 'nosniff');
  if (options.frameable) ctx.remove('X-Frame-Options');
  ctx.set('Cache-Control', options.cache ?? 'no-store');
  ctx.body = page;
};
