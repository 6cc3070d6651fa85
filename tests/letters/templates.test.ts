import fs from 'fs';
import path from 'path';
import PizZip from 'pizzip';
import { BUKU_AGENDA, DOKUMEN } from '../../src/letters/registry';
import { LOGO_PART, renderDocx, TemplatRusak } from '../../src/letters/render';
import { TEMPLATE_TAG } from './unduh';

const ROOT = path.resolve(__dirname, '..', '..');
const TEMPLATES = path.join(ROOT, 'templates');
const templates = [...new Set([...Object.values(DOKUMEN).map((d) => d.template), ...Object.values(BUKU_AGENDA).map((b) => b.template)])];

/** The docxtemplater tags of a template's document, header and footer parts. */
const tagsOf = (bytes: Buffer): string[] => {
  const zip = new PizZip(bytes);
  const text = Object.keys(zip.files)
    .filter((name) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(name))
    .map((name) =>
      zip
        .file(name)!
        .asText()
        .replace(/<[^>]+>/g, '')
    )
    .join('\n');
  return [...new Set([...text.matchAll(/\{[#/^@]?[A-Za-z]\w*\}/g)].map((match) => match[0]))];
};

describe('the Word templates in templates/', () => {
  it.each(templates)('%s is a .docx with the logo part, and fills without error or leftover tag', (name) => {
    const bytes = fs.readFileSync(path.join(TEMPLATES, name));
    const zip = new PizZip(bytes);
    expect(zip.file('word/document.xml')).not.toBeNull();
    expect(zip.file('[Content_Types].xml')!.asText()).toContain('Extension="png"');
    expect(zip.file(LOGO_PART)).not.toBeNull();
    expect(zip.file('word/_rels/document.xml.rels')!.asText()).toContain('Target="media/logo.png"');
    const logo = Buffer.from('logo-bytes');
    const filled = new PizZip(renderDocx(bytes, {}, logo, name));
    expect(filled.file(LOGO_PART)!.asNodeBuffer().equals(logo)).toBe(true);
    const text = filled
      .file('word/document.xml')!
      .asText()
      .replace(/<[^>]+>/g, '');
    expect(text).not.toMatch(TEMPLATE_TAG);
  });

  it('the kartu kendali is a 10 × 15 cm page', () => {
    const xml = new PizZip(fs.readFileSync(path.join(TEMPLATES, 'kartu-kendali.docx'))).file('word/document.xml')!.asText();
    expect(xml).toContain('<w:pgSz w:w="5670" w:h="8505"/>');
  });

  it('the README documents every placeholder of every template', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('## Dokumen dan templat');
    expect(start).toBeGreaterThan(-1);
    const section = readme.slice(start, readme.indexOf('\n## ', start + 5));
    const missing: string[] = [];
    for (const name of templates) {
      if (!section.includes(`\`${name}\``)) missing.push(name);
      for (const tag of tagsOf(fs.readFileSync(path.join(TEMPLATES, name)))) {
        if (!section.includes(`\`${tag}\``)) missing.push(`${name}: ${tag}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('a template broken while editing fails with the tag named, in Indonesian', () => {
    const zip = new PizZip(fs.readFileSync(path.join(TEMPLATES, 'kartu-kendali.docx')));
    zip.file('word/document.xml', zip.file('word/document.xml')!.asText().replace('{indeks}', '{#indeks}'));
    const broken = zip.generate({ type: 'nodebuffer' });
    expect(() => renderDocx(broken, {}, null, 'kartu-kendali.docx')).toThrow(TemplatRusak);
    expect(() => renderDocx(broken, {}, null, 'kartu-kendali.docx')).toThrow(
      /Templat kartu-kendali\.docx tidak dapat diisi: \{indeks\}: pengulangan dibuka tetapi tidak ditutup/
    );
  });

  it('a bundled default logo exists for instansi without one', () => {
    const png = fs.readFileSync(path.join(TEMPLATES, 'logo-default.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
