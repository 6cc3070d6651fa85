import fs from 'fs';
import type PizZip from 'pizzip';
import type Docxtemplater from 'docxtemplater';
import { printableDeep } from '../domain/input';

// Loaded on first use, not at boot (issue 14's boot budget; see src/api/pengaduan/lib/rate-limit.ts).
const pizZip = (): typeof PizZip => require('pizzip') as typeof PizZip;
const docxtemplater = (): typeof Docxtemplater => require('docxtemplater') as typeof Docxtemplater;

/** The image part every template carries; its bytes become the instansi's logo. */
export const LOGO_PART = 'word/media/logo.png';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A template staff broke while editing it (an unclosed tag, a loop closed twice …). */
export class TemplatRusak extends Error {
  constructor(
    readonly templat: string,
    readonly rincian: string[]
  ) {
    super(`Templat ${templat} tidak dapat diisi: ${rincian.join('; ')}. Perbaiki templat tersebut di Word/LibreOffice.`);
  }
}

type Cached = { mtimeMs: number; size: number; bytes: Buffer };
const templates = new Map<string, Cached>();

/** A template's bytes, read again only when the file changed (staff may edit templates while the server runs). */
export const readTemplate = (file: string): Buffer => {
  const stat = fs.statSync(file);
  const cached = templates.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.bytes;
  const bytes = fs.readFileSync(file);
  templates.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, bytes });
  return bytes;
};

type TemplateErrorDetail = { properties?: { explanation?: string; xtag?: string; id?: string }; message?: string };

/** docxtemplater's error ids, said in Indonesian for the staff who edit templates. */
const PENJELASAN: Record<string, string> = {
  unclosed_loop: 'pengulangan dibuka tetapi tidak ditutup',
  unopened_loop: 'pengulangan ditutup tetapi tidak pernah dibuka',
  closing_tag_does_not_match_opening_tag: 'tag penutup tidak sesuai dengan tag pembukanya',
  unclosed_tag: 'tanda { tanpa pasangan }',
  unopened_tag: 'tanda } tanpa pasangan {',
  duplicate_open_tag: 'tanda { ganda',
  duplicate_close_tag: 'tanda } ganda',
  raw_xml_tag_should_be_only_text_in_paragraph: 'tag {@…} harus sendirian dalam paragrafnya',
};

const explain = (error: unknown): string[] => {
  const nested = (error as { properties?: { errors?: TemplateErrorDetail[] } }).properties?.errors;
  const list: TemplateErrorDetail[] = Array.isArray(nested) && nested.length > 0 ? nested : [error as TemplateErrorDetail];
  return list.map((item) => {
    const tag = item.properties?.xtag ? `{${item.properties.xtag}}` : '';
    const id = item.properties?.id ?? '';
    const why = PENJELASAN[id] ?? item.properties?.explanation ?? item.message ?? 'kesalahan tidak dikenal';
    return tag ? `${tag}: ${why}` : why;
  });
};

/**
 * A repeated block (one page per copy) repeats the logo picture with the same drawing id;
 * Word wants them unique, so they are renumbered after rendering.
 */
const renumberDrawings = (zip: PizZip): void => {
  const part = zip.file('word/document.xml');
  if (!part) return;
  const xml = part.asText();
  if (xml.indexOf('<wp:docPr ') === xml.lastIndexOf('<wp:docPr ')) return;
  let id = 0;
  zip.file(
    'word/document.xml',
    xml.replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++id}"`)
  );
};

/**
 * Fills a .docx template: the logo part replaced by `logo` (when given), every tag from
 * `data`, missing values left empty. The one render path of every Meja Sandi document.
 * Every string of `data` passes `printableDeep` first (the input policy's line-break
 * rule, control characters dropped): text stored before the policy, or pasted from a
 * word processor (U+000B, U+000C), prints with its line breaks instead of breaking the XML.
 */
export const renderDocx = (template: Buffer, data: Record<string, unknown>, logo: Buffer | null, name = 'dokumen'): Buffer => {
  const zip = new (pizZip())(template);
  // PNG is compressed already: storing it saves deflating it again on every render.
  if (logo && zip.file(LOGO_PART)) zip.file(LOGO_PART, logo, { binary: true, compression: 'STORE' });
  let doc: Docxtemplater<PizZip>;
  try {
    doc = new (docxtemplater())(zip, { paragraphLoop: true, linebreaks: true, nullGetter: () => '', errorLogging: false });
    doc.render(printableDeep(data));
  } catch (error: unknown) {
    throw new TemplatRusak(name, explain(error));
  }
  renumberDrawings(zip);
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
};
