#!/usr/bin/env node
'use strict';
/**
 * Writes the Word templates of Meja Sandi's letters into templates/ (real, minimal
 * OOXML documents that staff may then edit in Word or LibreOffice) and the default logo
 * templates/logo-default.png.
 *
 *   node scripts/make-templates.js            # (re)write every template
 *   node scripts/make-templates.js --tags     # print each template's placeholders (README table)
 *
 * Placeholders use docxtemplater's syntax: {nama} a value, {#daftar}…{/daftar} a loop
 * (a table row, or whole paragraphs), {^daftar}…{/daftar} when the list is empty. Every
 * template carries the image part word/media/logo.png; the server replaces its bytes with
 * the instansi's logo (normalised with sharp) before rendering.
 */
const fs = require('fs');
const path = require('path');
const PizZip = require('pizzip');

const OUT = path.join(__dirname, '..', 'templates');

// ── OOXML building blocks ──────────────────────────────────────────────────────────────

const NS = [
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"',
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
  'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"',
].join(' ');

const esc = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const rPr = (o = {}) => {
  const parts = [];
  // in the order the OOXML schema requires (Word rejects some other orders)
  if (o.b) parts.push('<w:b/><w:bCs/>');
  if (o.i) parts.push('<w:i/><w:iCs/>');
  if (o.caps) parts.push('<w:caps/>');
  if (o.color) parts.push(`<w:color w:val="${o.color}"/>`);
  if (o.sz) parts.push(`<w:sz w:val="${o.sz}"/><w:szCs w:val="${o.sz}"/>`);
  if (o.u) parts.push('<w:u w:val="single"/>');
  return parts.length ? `<w:rPr>${parts.join('')}</w:rPr>` : '';
};

/** A run of text; a string given to para() is one run. */
const r = (text, o = {}) => `<w:r>${rPr(o)}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;

const pPr = (o = {}) => {
  const parts = [];
  if (o.keepNext) parts.push('<w:keepNext/>');
  if (o.pageBreakBefore) parts.push('<w:pageBreakBefore/>');
  const before = o.before ?? 0;
  const after = o.after ?? 0;
  const line = o.line ? ` w:line="${o.line}" w:lineRule="${o.lineRule ?? 'auto'}"` : '';
  parts.push(`<w:spacing w:before="${before}" w:after="${after}"${line}/>`);
  if (o.indent) parts.push(`<w:ind w:left="${o.indent}"/>`);
  if (o.align) parts.push(`<w:jc w:val="${o.align}"/>`);
  if (o.sz || o.b) parts.push(rPr({ sz: o.sz, b: o.b }));
  return `<w:pPr>${parts.join('')}</w:pPr>`;
};

/** A paragraph of runs (strings become plain runs in the paragraph's size). */
const p = (runs, o = {}) => {
  const list = (Array.isArray(runs) ? runs : [runs]).map((run) => (run.startsWith('<w:') ? run : r(run, { sz: o.sz, b: o.b })));
  return `<w:p>${pPr(o)}${list.join('')}</w:p>`;
};

/** A docxtemplater tag alone in its paragraph (paragraph loops drop that paragraph). */
const tag = (text) => p([r(text)]);

/** An almost invisible paragraph that starts a new page: between two copies of a per-copy document. */
const pageBreakParagraph = () =>
  '<w:p><w:pPr><w:pageBreakBefore/><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>';

const BORDER = (sz = 4) =>
  ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
    .map((side) => `<w:${side} w:val="single" w:sz="${sz}" w:space="0" w:color="000000"/>`)
    .join('');
const NO_BORDER = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => `<w:${side} w:val="nil"/>`).join('');

/**
 * A table: widths in twips; rows are { cells: [{ content, span, shade, vAlign, borders }], height, header }.
 * `borders`: 'all' | 'none' | raw <w:tblBorders> content.
 */
const table = ({ widths, rows, borders = 'all', cellMargin = 57 }) => {
  const total = widths.reduce((a, b) => a + b, 0);
  const tblBorders = borders === 'all' ? BORDER() : borders === 'none' ? NO_BORDER : borders;
  const grid = widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('');
  const body = rows
    .map((row) => {
      let column = 0;
      const cells = row.cells
        .map((cell) => {
          const span = cell.span ?? 1;
          const width = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
          column += span;
          const props = [
            `<w:tcW w:w="${width}" w:type="dxa"/>`,
            span > 1 ? `<w:gridSpan w:val="${span}"/>` : '',
            cell.borders ? `<w:tcBorders>${cell.borders}</w:tcBorders>` : '',
            cell.shade ? `<w:shd w:val="clear" w:color="auto" w:fill="${cell.shade}"/>` : '',
            `<w:vAlign w:val="${cell.vAlign ?? 'top'}"/>`,
          ].join('');
          const content = Array.isArray(cell.content) ? cell.content.join('') : cell.content;
          return `<w:tc><w:tcPr>${props}</w:tcPr>${content || p('')}</w:tc>`;
        })
        .join('');
      const trPr = [
        row.header ? '<w:tblHeader/>' : '',
        row.cantSplit ? '<w:cantSplit/>' : '',
        row.height ? `<w:trHeight w:val="${row.height}" w:hRule="atLeast"/>` : '',
      ].join('');
      return `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}${cells}</w:tr>`;
    })
    .join('');
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:tblBorders>${tblBorders}</w:tblBorders>` +
    `<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="${cellMargin}" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>` +
    `<w:bottom w:w="${cellMargin}" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>` +
    `<w:tblGrid>${grid}</w:tblGrid>${body}</w:tbl>`
  );
};

const EMU_PER_CM = 360000;

/** The logo as an inline picture bound to word/media/logo.png (relationship rIdLogo). */
const logo = (cm) => {
  const size = Math.round(cm * EMU_PER_CM);
  return (
    `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${size}" cy="${size}"/>` +
    `<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="1" name="Logo instansi" descr="Logo instansi"/>` +
    `<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>` +
    `<pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="rIdLogo"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${size}" cy="${size}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    `</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
  );
};

/** Letterhead per Permendagri 1/2023: logo on the left; government, dinas, address and contacts centred; a rule below. */
const kop = (width, { compact = false } = {}) => {
  const logoWidth = compact ? 760 : 1500;
  const rule = `<w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="thickThinSmallGap" w:sz="${compact ? 12 : 24}" w:space="0" w:color="000000"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/>`;
  const s = compact ? { pem: 15, din: 16, adr: 11 } : { pem: 28, din: 32, adr: 20 };
  return table({
    widths: [logoWidth, width - logoWidth],
    borders: rule,
    cellMargin: compact ? 0 : 40,
    rows: [
      {
        cells: [
          { content: p([logo(compact ? 1.1 : 2.3)], { align: 'center' }), vAlign: 'center' },
          {
            vAlign: 'center',
            content: [
              p([r('{kopPemerintah}', { sz: s.pem, b: true })], { align: 'center' }),
              p([r('{kopDinas}', { sz: s.din, b: true })], { align: 'center' }),
              p([r('{kopAlamat}', { sz: s.adr })], { align: 'center' }),
              p([r('{kopKontak}', { sz: s.adr })], { align: 'center', after: compact ? 20 : 60 }),
            ],
          },
        ],
      },
    ],
  });
};

/** Label / colon / value rows without borders. */
const fields = (widths, pairs, sz) =>
  table({
    widths,
    borders: 'none',
    cellMargin: 10,
    rows: pairs.map(([label, value]) => ({
      cells: [{ content: p(label, { sz }) }, { content: p(':', { sz }) }, { content: p(value, { sz }) }],
    })),
  });

/** Box for a paraf / signature by hand: the position, an empty space, and the name and NIP. */
const parafTable = (width, sz) => {
  const third = Math.floor(width / 3);
  const widths = [third, third, width - 2 * third];
  const who = [
    ['Kepala Seksi', '{kasiNama}', '{kasiNip}', '{parafKasi}'],
    ['Kepala Bidang', '{kabidNama}', '{kabidNip}', '{parafKabid}'],
    ['Kepala Dinas', '{kadisNama}', '{kadisNip}', '{parafKadis}'],
  ];
  return table({
    widths,
    rows: [
      { cells: who.map(([jabatan]) => ({ content: p(jabatan, { sz, b: true, align: 'center' }), shade: 'EDEDED' })) },
      {
        height: sz <= 16 ? 760 : 1100,
        cantSplit: true,
        cells: who.map(([, , , status]) => ({ vAlign: 'bottom', content: p([r(status, { sz: sz - 2, i: true })], { align: 'center' }) })),
      },
      {
        cells: who.map(([, nama, nip]) => ({
          content: [p(nama, { sz, align: 'center' }), p(`NIP ${nip}`, { sz, align: 'center' })],
        })),
      },
    ],
  });
};

const sectPr = ({ w, h, top, right, bottom, left, landscape = false, header = true, footer = true }) =>
  `<w:sectPr>${header ? '<w:headerReference w:type="default" r:id="rIdHeader"/>' : ''}` +
  `${footer ? '<w:footerReference w:type="default" r:id="rIdFooter"/>' : ''}` +
  `<w:pgSz w:w="${w}" w:h="${h}"${landscape ? ' w:orient="landscape"' : ''}/>` +
  `<w:pgMar w:top="${top}" w:right="${right}" w:bottom="${bottom}" w:left="${left}" w:header="425" w:footer="425" w:gutter="0"/></w:sectPr>`;

const A4 = { w: 11906, h: 16838, top: 1134, right: 1134, bottom: 1134, left: 1701 };
const A4_WIDTH = A4.w - A4.left - A4.right;
const A4_LANDSCAPE = { w: 16838, h: 11906, top: 851, right: 851, bottom: 851, left: 851, landscape: true };
const A4_LANDSCAPE_WIDTH = A4_LANDSCAPE.w - A4_LANDSCAPE.left - A4_LANDSCAPE.right;
/** The kartu kendali: 10 × 15 cm (5670 × 8505 twips). */
const KARTU = { w: 5670, h: 8505, top: 284, right: 284, bottom: 284, left: 284, header: false, footer: false };
const KARTU_WIDTH = KARTU.w - KARTU.left - KARTU.right;

const documentXml = (body, section) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NS}><w:body>${body}${sectPr(section)}</w:body></w:document>`;

/** Classification mark at the top of every page (empty for Biasa). */
const headerXml = () =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr ${NS}>${p([r('{tandaKlasifikasi}', { b: true, sz: 24 })], { align: 'center' })}</w:hdr>`;

/** Classification mark at the bottom of every page, who printed it, and the page number. */
const footerXml = () =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr ${NS}>` +
  p([r('{tandaKlasifikasi}', { b: true, sz: 24 })], { align: 'center' }) +
  p(
    [
      r('{dicetak}', { sz: 14, color: '555555' }),
      r(' — halaman ', { sz: 14, color: '555555' }),
      `<w:fldSimple w:instr=" PAGE "><w:r>${rPr({ sz: 14, color: '555555' })}<w:t>1</w:t></w:r></w:fldSimple>`,
    ],
    { align: 'center' }
  ) +
  `</w:ftr>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="id-ID" w:eastAsia="id-ID" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>`;

const SETTINGS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="id-ID"/></w:settings>`;

const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:font w:name="Arial"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font></w:fonts>`;

const contentTypes = (withHeaderFooter) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="png" ContentType="image/png"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>
${
  withHeaderFooter
    ? `<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
`
    : ''
}<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>`;

const documentRels = (withHeaderFooter) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>
<Relationship Id="rIdLogo" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/logo.png"/>
${
  withHeaderFooter
    ? `<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
`
    : ''
}</Relationships>`;

const coreXml = (title) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${esc(title)}</dc:title><dc:creator>Meja Sandi</dc:creator><dc:language>id-ID</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">2026-11-01T00:00:00Z</dcterms:created></cp:coreProperties>`;

const APP_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Meja Sandi</Application></Properties>`;

// Fixed timestamps keep the generated files byte-identical from run to run.
const FIXED_DATE = new Date('2026-11-01T00:00:00Z');

const docx = (title, body, section, logoPng) => {
  const withHeaderFooter = section.header !== false;
  const zip = new PizZip();
  const add = (name, content) => zip.file(name, content, { date: FIXED_DATE, createFolders: false });
  add('[Content_Types].xml', contentTypes(withHeaderFooter));
  add('_rels/.rels', ROOT_RELS);
  add('docProps/core.xml', coreXml(title));
  add('docProps/app.xml', APP_XML);
  add('word/document.xml', documentXml(body, section));
  add('word/_rels/document.xml.rels', documentRels(withHeaderFooter));
  add('word/styles.xml', STYLES);
  add('word/settings.xml', SETTINGS);
  add('word/fontTable.xml', FONT_TABLE);
  if (withHeaderFooter) {
    add('word/header1.xml', headerXml());
    add('word/footer1.xml', footerXml());
  }
  zip.file('word/media/logo.png', logoPng, { date: FIXED_DATE, createFolders: false, binary: true, compression: 'STORE' });
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
};

// ── the templates ──────────────────────────────────────────────────────────────────────

const title = (text, o = {}) => p([r(text, { b: true, sz: o.sz ?? 26 })], { align: 'center', before: o.before ?? 160, after: o.after ?? 40 });

/** Kartu kendali surat masuk (ANRI), 10 × 15 cm. */
const kartuKendali = () => {
  const sz = 14;
  const w = KARTU_WIDTH;
  const third = Math.floor(w / 3);
  const widths = [third, third, w - 2 * third];
  const cell = (label, value, span = 1) => ({ span, content: p([r(`${label}: `, { sz, b: true }), r(value, { sz })]) });
  const body = [
    kop(w, { compact: true }),
    p([r('KARTU KENDALI SURAT MASUK', { b: true, sz: 18 }), r('  {tandaKlasifikasi}', { b: true, sz: 18 })], {
      align: 'center',
      before: 60,
      after: 60,
    }),
    table({
      widths,
      cellMargin: 20,
      rows: [
        { cells: [cell('Indeks', '{indeks}'), cell('Kode', '{kodeKlasifikasi}'), cell('No. urut', '{nomorAgenda}')] },
        { cells: [cell('Perihal', '{perihal}', 3)] },
        { height: 480, cells: [cell('Isi ringkas', '{isiRingkas}', 3)] },
        { cells: [cell('Lampiran', '{lampiran}', 3)] },
        { cells: [cell('Dari', '{dari}', 3)] },
        { cells: [cell('Tgl. surat', '{tanggalSurat}'), cell('No. surat', '{nomorSurat}', 2)] },
        { cells: [cell('Diterima', '{tanggalDiterima}', 2), cell('Sifat', '{sifat}, {derajatKecepatan}')] },
        { cells: [cell('Pengolah', '{pengolah}'), cell('Tgl. diteruskan', '{tanggalDiteruskan}'), cell('Kepada', '{kepada}')] },
        { cells: [cell('Tujuan', '{tujuan}', 3)] },
        { height: 360, cells: [cell('Catatan', '{catatan}', 3)] },
      ],
    }),
    p([r('PARAF BERJENJANG', { b: true, sz })], { before: 60, after: 20 }),
    parafTable(w, sz),
    p([r('{tandaKlasifikasi}', { b: true, sz: 18 })], { align: 'center', before: 40 }),
  ].join('');
  return { title: 'Kartu kendali surat masuk', body, section: KARTU };
};

const LABEL_W = [2600, 250, A4_WIDTH - 2850];

/** A blank to fill by hand (src/domain/letters/format.ts ISIAN_KOSONG). */
const ISIAN_KOSONG = '……………………………';

const tandaTanganKasi = (sz = 22) =>
  table({
    widths: [Math.floor(A4_WIDTH / 2), A4_WIDTH - Math.floor(A4_WIDTH / 2)],
    borders: 'none',
    rows: [
      {
        cantSplit: true,
        cells: [
          { content: p('') },
          {
            content: [
              p('{kota}, {tanggal}', { sz, align: 'center' }),
              p('{kasiJabatan},', { sz, align: 'center', after: 1000 }),
              p([r('{kasiNama}', { sz, b: true, u: true })], { align: 'center' }),
              p('{kasiPangkat}', { sz, align: 'center' }),
              p('NIP {kasiNip}', { sz, align: 'center' }),
            ],
          },
        ],
      },
    ],
  });

/** Lembar pengantar of a berita: the copies, the Kasi's signature and the paraf berjenjang. */
const lembarPengantar = () => {
  const sz = 22;
  const widths = [600, 3900, 2000, A4_WIDTH - 6500];
  const body = [
    kop(A4_WIDTH),
    title('LEMBAR PENGANTAR', { before: 240 }),
    p('Nomor agenda: {nomorAgenda}', { align: 'center', after: 240 }),
    fields(
      LABEL_W,
      [
        ['Kepada', '{kepada}'],
        ['Dari', '{dari}'],
        ['Nomor surat', '{nomorSurat}'],
        ['Tanggal surat', '{tanggalSurat}'],
        ['Diterima', '{tanggalDiterima}'],
        ['Sifat / derajat kecepatan', '{sifat} / {derajatKecepatan}'],
        ['Perihal', '{perihal}'],
        ['Isi ringkas', '{isiRingkas}'],
        ['Jumlah', '{jumlahSalinan} salinan'],
      ],
      sz
    ),
    p('Disampaikan kepada:', { b: true, before: 200, after: 80 }),
    table({
      widths,
      rows: [
        {
          header: true,
          cells: ['No.', 'Tujuan', 'Disampaikan', 'Salinan'].map((text) => ({ shade: 'EDEDED', content: p(text, { b: true, align: 'center' }) })),
        },
        {
          cells: [
            { content: p('{#penerima}{no}', { align: 'center' }) },
            { content: p('{tujuan}') },
            { content: p('{saluran}') },
            { content: p('{salinanKe}{/penerima}') },
          ],
        },
      ],
    }),
    p('Paraf berjenjang:', { b: true, before: 200, after: 80 }),
    parafTable(A4_WIDTH, 20),
    p('', { after: 200 }),
    tandaTanganKasi(sz),
  ].join('');
  return { title: 'Lembar pengantar', body, section: A4 };
};

/** Tanda terima, one page per copy. */
const tandaTerima = () => {
  const sz = 22;
  const half = Math.floor(A4_WIDTH / 2);
  const body = [
    tag('{#salinan}'),
    tag('{#halamanBaru}'),
    pageBreakParagraph(),
    tag('{/halamanBaru}'),
    kop(A4_WIDTH),
    title('TANDA TERIMA SURAT', { before: 240 }),
    p([r('{salinanKe}', { b: true })], { align: 'center', after: 240 }),
    fields(
      LABEL_W,
      [
        ['Nomor agenda', '{nomorAgenda}'],
        ['Perihal', '{perihal}'],
        ['Sifat / derajat kecepatan', '{sifat} / {derajatKecepatan}'],
        ['Kepada', '{penerimaNama}'],
        ['Jabatan', '{penerimaJabatan} ({kategori})'],
        ['Alamat', '{alamat}'],
        ['Disampaikan', '{saluran}'],
        ['Diantar oleh', '{carakaNama}'],
        ['Diterima pada', '{waktuTerima}'],
        ['Status', '{status}'],
      ],
      sz
    ),
    p('', { after: 240 }),
    table({
      widths: [half, A4_WIDTH - half],
      rows: [
        {
          cells: [
            { shade: 'EDEDED', content: p('Yang menyerahkan', { b: true, align: 'center' }) },
            { shade: 'EDEDED', content: p('Yang menerima', { b: true, align: 'center' }) },
          ],
        },
        {
          height: 1600,
          cantSplit: true,
          cells: [
            { vAlign: 'bottom', content: p([r('tanda tangan', { i: true, sz: 16, color: '777777' })], { align: 'center' }) },
            { vAlign: 'bottom', content: p([r('paraf / tanda tangan', { i: true, sz: 16, color: '777777' })], { align: 'center' }) },
          ],
        },
        { cells: [{ content: p('{carakaNama}', { align: 'center' }) }, { content: p('{diterimaOleh}', { align: 'center' }) }] },
      ],
    }),
    tag('{/salinan}'),
  ].join('');
  return { title: 'Tanda terima surat', body, section: A4 };
};

/** The berita as printed at step 3: one copy per recipient. */
const berita = () => {
  const sz = 22;
  const body = [
    tag('{#salinan}'),
    tag('{#halamanBaru}'),
    pageBreakParagraph(),
    tag('{/halamanBaru}'),
    kop(A4_WIDTH),
    title('BERITA SANAPATI', { before: 240 }),
    p([r('{salinanKe}', { b: true })], { align: 'center', after: 240 }),
    fields(
      LABEL_W,
      [
        ['Kepada', '{penerimaNama}'],
        ['Jabatan', '{penerimaJabatan}'],
        ['Disampaikan', '{saluran}'],
        ['Dari', '{dari}'],
        ['Nomor surat', '{nomorSurat}'],
        ['Tanggal surat', '{tanggalSurat}'],
        ['Diterima', '{tanggalDiterima}'],
        ['Nomor agenda', '{nomorAgenda}'],
        ['Sifat / derajat kecepatan', '{sifat} / {derajatKecepatan}'],
        ['Perihal', '{perihal}'],
      ],
      sz
    ),
    p('Isi ringkas:', { b: true, before: 240, after: 80 }),
    p('{isiRingkas}', { line: 300 }),
    tag('{/salinan}'),
  ].join('');
  return { title: 'Berita Sanapati', body, section: A4 };
};

/** A buku agenda for a period: landscape, one row per entry, the header row repeated on each page. */
const agenda = (docTitle, columns) => {
  const sz = 18;
  const total = columns.reduce((sum, [, w]) => sum + w, 0);
  const widths = columns.map(([, w]) => Math.floor((w / total) * A4_LANDSCAPE_WIDTH));
  widths[widths.length - 1] += A4_LANDSCAPE_WIDTH - widths.reduce((a, b) => a + b, 0);
  const last = columns.length - 1;
  const body = [
    kop(A4_LANDSCAPE_WIDTH),
    title('{judul}', { before: 200 }),
    p('Periode: {periode}', { align: 'center', after: 200 }),
    table({
      widths,
      rows: [
        {
          header: true,
          cells: columns.map(([label]) => ({ shade: 'EDEDED', vAlign: 'center', content: p(label, { sz, b: true, align: 'center' }) })),
        },
        {
          cantSplit: true,
          cells: columns.map(([, , key], index) => ({
            content: p(`${index === 0 ? '{#baris}' : ''}{${key}}${index === last ? '{/baris}' : ''}`, { sz }),
          })),
        },
      ],
    }),
    tag('{^baris}'),
    p([r('Tidak ada naskah yang diagendakan pada periode ini.', { i: true })], { before: 120 }),
    tag('{/baris}'),
    p('Jumlah: {jumlah} naskah', { before: 160 }),
  ].join('');
  return { title: docTitle, body, section: { ...A4_LANDSCAPE } };
};

const agendaSuratMasuk = () =>
  agenda('Buku agenda surat masuk', [
    ['No.', 4, 'no'],
    ['Nomor agenda', 11, 'nomorAgenda'],
    ['Tanggal diterima', 11, 'tanggalDiterima'],
    ['Pukul', 7, 'jamDiterima'],
    ['Nomor surat', 16, 'nomorSurat'],
    ['Tanggal surat', 11, 'tanggalSurat'],
    ['Dari', 17, 'asal'],
    ['Perihal', 24, 'perihal'],
    ['Sifat', 9, 'sifat'],
    ['Derajat', 9, 'derajat'],
    ['Kepada', 22, 'tujuan'],
    ['Keterangan', 14, 'keterangan'],
  ]);

const agendaKriptogramMasuk = () =>
  agenda('Buku agenda kriptogram masuk', [
    ['No.', 4, 'no'],
    ['Nomor agenda', 12, 'nomorAgenda'],
    ['Tanggal diterima', 11, 'tanggalDiterima'],
    ['Pukul', 7, 'jamDiterima'],
    ['Nomor kriptogram', 20, 'nomorKriptogram'],
    ['Asal', 24, 'asal'],
    ['Klasifikasi', 12, 'klasifikasi'],
    ['Derajat', 10, 'derajat'],
    ['Sandiman', 18, 'sandiman'],
    ['Keterangan', 16, 'keterangan'],
  ]);

/**
 * The head of a letter of Permendagri 1/2023: the kop, place and date, then Nomor, Sifat, Lampiran,
 * Hal beside "Yth." with `kepada` (the recipient lines) and "di" `tempat`. Type size `sz` (half-points).
 */
const kepalaSurat = (sz, kepada, tempat) => {
  const half = Math.floor(A4_WIDTH / 2);
  return [
    kop(A4_WIDTH),
    p('{kota}, {tanggal}', { align: 'right', before: 240, after: 240 }),
    table({
      widths: [half, A4_WIDTH - half],
      borders: 'none',
      rows: [
        {
          cells: [
            {
              content: fields(
                [1100, 200, half - 1300],
                [
                  ['Nomor', '{nomor}'],
                  ['Sifat', '{sifat}'],
                  ['Lampiran', '{lampiran}'],
                  ['Hal', '{perihal}'],
                ],
                sz
              ),
            },
            { content: [p('Yth.', { sz }), ...kepada, p('di', { sz, before: 60 }), p(tempat, { sz, indent: 284 })] },
          ],
        },
      ],
    }),
  ].join('');
};

/** Surat pengantar of a salinan: nomor, sifat, lampiran, hal, kepada; the Sandiman's paraf and the Kasi's signature. */
const suratPengantar = () => {
  const sz = 22;
  const half = Math.floor(A4_WIDTH / 2);
  const widths = [600, 3900, 2000, A4_WIDTH - 6500];
  const body = [
    kepalaSurat(sz, [tag('{#kepada}'), p('{no}. {tujuan}', { sz, indent: 284 }), tag('{/kepada}')], '{kota}'),
    p(
      'Bersama ini disampaikan salinan hasil deskripsi kriptogram nomor {nomorKriptogram} dari {asal}, diterima {tanggalDiterima} dan tercatat pada buku agenda kriptogram masuk nomor {nomorAgenda}, derajat kecepatan {derajatKecepatan}, sebanyak {jumlahSalinan} salinan dengan rincian sebagai berikut:',
      { align: 'both', before: 360, after: 160, line: 300 }
    ),
    table({
      widths,
      rows: [
        {
          header: true,
          cells: ['No.', 'Tujuan', 'Disampaikan', 'Salinan'].map((text) => ({ shade: 'EDEDED', content: p(text, { b: true, align: 'center' }) })),
        },
        {
          cells: [
            { content: p('{#kepada}{no}', { align: 'center' }) },
            { content: p('{tujuan}') },
            { content: p('{saluran}') },
            { content: p('{salinanKe}{/kepada}') },
          ],
        },
      ],
    }),
    p('Demikian untuk menjadi perhatian.', { before: 160, after: 240 }),
    table({
      widths: [half, A4_WIDTH - half],
      borders: 'none',
      rows: [
        {
          cantSplit: true,
          cells: [
            {
              content:
                table({
                  widths: [2600],
                  rows: [
                    { cells: [{ shade: 'EDEDED', content: p('Paraf Sandiman', { sz: 18, b: true, align: 'center' }) }] },
                    { height: 900, cells: [{ vAlign: 'bottom', content: p([r('{parafSandiman}', { sz: 14, i: true })], { align: 'center' }) }] },
                    { cells: [{ content: p('{sandimanNama}', { sz: 18, align: 'center' }) }] },
                  ],
                }) + p(''),
            },
            {
              content: [
                p('{kasiJabatan},', { sz, align: 'center', after: 900 }),
                p([r('{tandaTanganKasi}', { sz: 14, i: true, color: '777777' })], { align: 'center' }),
                p([r('{kasiNama}', { sz, b: true, u: true })], { align: 'center' }),
                p('{kasiPangkat}', { sz, align: 'center' }),
                p('NIP {kasiNip}', { sz, align: 'center' }),
              ],
            },
          ],
        },
      ],
    }),
  ].join('');
  return { title: 'Surat pengantar salinan', body, section: A4 };
};

/**
 * The signature block of a letter `buatSurat` issues: the position (with "Plh." / "Plt." for an
 * acting official), when and by whom the paraf was given, the name, rank and NIP.
 */
const blokPenanda = (sz = 22) => {
  const half = Math.floor(A4_WIDTH / 2);
  return table({
    widths: [half, A4_WIDTH - half],
    borders: 'none',
    rows: [
      {
        cantSplit: true,
        cells: [
          { content: p('') },
          {
            content: [
              p('{penandaJabatan},', { sz, align: 'center', after: 900 }),
              p([r('{paraf}', { sz: 14, i: true, color: '777777' })], { align: 'center' }),
              p([r('{penandaNama}', { sz, b: true, u: true })], { align: 'center' }),
              p('{penandaPangkat}', { sz, align: 'center' }),
              p('NIP {penandaNip}', { sz, align: 'center' }),
            ],
          },
        ],
      },
    ],
  });
};

/** The body of a letter: one paragraph, its line breaks kept (docxtemplater `linebreaks`). */
const isiSurat = () => p('{isi}', { align: 'both', before: 360, after: 360, line: 300 });

/** Surat dinas (Permendagri 1/2023): place and date; nomor, sifat, lampiran, hal beside "Yth."; the body; the signature. */
const suratDinas = () => {
  const sz = 22;
  const body = [
    kepalaSurat(
      sz,
      [
        tag('{#kepada}'),
        p('{tujuan}', { sz, indent: 284 }),
        tag('{/kepada}'),
        tag('{^kepada}'),
        p(ISIAN_KOSONG, { sz, indent: 284 }),
        tag('{/kepada}'),
      ],
      'Tempat'
    ),
    isiSurat(),
    blokPenanda(sz),
  ].join('');
  return { title: 'Surat dinas', body, section: A4 };
};

/** Nota dinas (Permendagri 1/2023): the heading and number; Yth., Dari, Tanggal, Sifat, Lampiran, Hal; the body; the signature. */
const notaDinas = () => {
  const sz = 22;
  const rule = `<w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/>`;
  const body = [
    kop(A4_WIDTH),
    title('NOTA DINAS', { before: 240 }),
    p('NOMOR {nomor}', { align: 'center', after: 240 }),
    table({
      widths: LABEL_W,
      borders: rule,
      cellMargin: 10,
      rows: [
        {
          cells: [
            { content: p('Yth.', { sz }) },
            { content: p(':', { sz }) },
            { content: [tag('{#kepada}'), p('{tujuan}', { sz }), tag('{/kepada}'), tag('{^kepada}'), p(ISIAN_KOSONG, { sz }), tag('{/kepada}')] },
          ],
        },
        ...[
          ['Dari', '{dari}'],
          ['Tanggal', '{tanggal}'],
          ['Sifat', '{sifat}'],
          ['Lampiran', '{lampiran}'],
          ['Hal', '{perihal}'],
        ].map(([label, value]) => ({
          cells: [{ content: p(label, { sz }) }, { content: p(':', { sz }) }, { content: p(value, { sz, after: label === 'Hal' ? 120 : 0 }) }],
        })),
      ],
    }),
    isiSurat(),
    blokPenanda(sz),
  ].join('');
  return { title: 'Nota dinas', body, section: A4 };
};

/** The salinan, one copy per recipient, classification at top and bottom of every page (header and footer). */
const salinan = () => {
  const sz = 22;
  const body = [
    tag('{#salinan}'),
    tag('{#halamanBaru}'),
    pageBreakParagraph(),
    tag('{/halamanBaru}'),
    kop(A4_WIDTH),
    title('SALINAN', { before: 240 }),
    p([r('{salinanKe}', { b: true })], { align: 'center', after: 240 }),
    fields(
      LABEL_W,
      [
        ['Nomor', '{nomor}'],
        ['Sifat / derajat kecepatan', '{sifat} / {derajatKecepatan}'],
        ['Dari', '{asal}'],
        ['Nomor kriptogram', '{nomorKriptogram}'],
        ['Diterima', '{tanggalDiterima}'],
        ['Nomor agenda', '{nomorAgenda}'],
        ['Kepada', '{penerimaTujuan}'],
        ['Perihal', '{perihal}'],
      ],
      sz
    ),
    p('Isi:', { b: true, before: 240, after: 80 }),
    p('{isi}', { line: 300 }),
    p('Distribusi:', { b: true, before: 240, after: 40 }),
    tag('{#distribusi}'),
    p('{no}. {tujuan} ({salinanKe})', { indent: 284, sz: 20 }),
    tag('{/distribusi}'),
    p([r('Disalin oleh Sandiman {sandimanNama}.', { sz: 18, i: true })], { before: 240 }),
    tag('{/salinan}'),
  ].join('');
  return { title: 'Salinan', body, section: A4 };
};

/** Resi of a salinan, one per copy; it names no perihal. */
const resi = () => {
  const sz = 22;
  const half = Math.floor(A4_WIDTH / 2);
  const body = [
    tag('{#salinan}'),
    tag('{#halamanBaru}'),
    pageBreakParagraph(),
    tag('{/halamanBaru}'),
    kop(A4_WIDTH),
    title('RESI TANDA TERIMA', { before: 240 }),
    p('Naskah dinas yang dikecualikan', { align: 'center' }),
    p([r('{salinanKe}', { b: true })], { align: 'center', after: 240 }),
    fields(
      LABEL_W,
      [
        ['Nomor surat', '{nomorSurat}'],
        ['Nomor agenda', '{nomorAgenda}'],
        ['Klasifikasi', '{sifat}'],
        ['Derajat kecepatan', '{derajatKecepatan}'],
        ['Kepada', '{penerimaNama}'],
        ['Jabatan', '{penerimaJabatan} ({kategori})'],
        ['Disampaikan', '{saluran}'],
        ['Diantar oleh', '{pengantar}'],
        ['Diterima pada', '{waktuTerima}'],
        ['Keadaan amplop', 'utuh / rusak (coret yang tidak sesuai)'],
        ['Status', '{status}'],
      ],
      sz
    ),
    p('', { after: 240 }),
    table({
      widths: [half, A4_WIDTH - half],
      rows: [
        {
          cells: [
            { shade: 'EDEDED', content: p('Yang menyerahkan', { b: true, align: 'center' }) },
            { shade: 'EDEDED', content: p('Yang menerima', { b: true, align: 'center' }) },
          ],
        },
        {
          height: 1600,
          cantSplit: true,
          cells: [
            { vAlign: 'bottom', content: p([r('tanda tangan', { i: true, sz: 16, color: '777777' })], { align: 'center' }) },
            { vAlign: 'bottom', content: p([r('paraf / tanda tangan', { i: true, sz: 16, color: '777777' })], { align: 'center' }) },
          ],
        },
        { cells: [{ content: p('{pengantar}', { align: 'center' }) }, { content: p('{diterimaOleh}', { align: 'center' }) }] },
      ],
    }),
    tag('{/salinan}'),
  ].join('');
  return { title: 'Resi tanda terima', body, section: A4 };
};

/**
 * The quarterly performance evaluation (Evaluasi Kinerja, component 13 of the service standards):
 * one table per figure, its column titles and rows from the data (src/evaluasi/tabel.ts):
 * `{<tabel>_h0}`… the titles, `{#<tabel>}{c0}…{/<tabel>}` the rows.
 */
const evaluasiKinerja = () => {
  const sz = 16;
  const tables = [
    ['layanan', '{judulLayanan}', [36, 9, 9, 11, 11, 10, 10, 10, 11, 14]],
    ['langkah', '{judulLangkah}', [30, 30, 22, 22, 26, 9, 12, 12]],
    ['peran', '{judulPeran}', [40, 10, 12, 12]],
    ['terlambat', '{judulTerlambat}', [28, 16, 30, 16, 16, 16, 24, 22, 12]],
    ['pengaduanTahap', '{judulPengaduanTahap}', [34, 10]],
    ['pengaduanTimer', '{judulPengaduanTimer}', [34, 10, 10, 10, 10]],
  ];
  const section = (key, heading, weights) => {
    const total = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((w) => Math.floor((w / total) * A4_LANDSCAPE_WIDTH));
    widths[widths.length - 1] += A4_LANDSCAPE_WIDTH - widths.reduce((a, b) => a + b, 0);
    const last = weights.length - 1;
    return [
      p([r(heading, { b: true })], { before: 240, after: 80, keepNext: true }),
      table({
        widths,
        rows: [
          {
            header: true,
            cells: weights.map((_, i) => ({ shade: 'EDEDED', vAlign: 'center', content: p(`{${key}_h${i}}`, { sz, b: true, align: 'center' }) })),
          },
          {
            cantSplit: true,
            cells: weights.map((_, i) => ({ content: p(`${i === 0 ? `{#${key}}` : ''}{c${i}}${i === last ? `{/${key}}` : ''}`, { sz }) })),
          },
        ],
      }),
      tag(`{^${key}}`),
      p([r('Tidak ada data pada triwulan ini.', { i: true })], { before: 60 }),
      tag(`{/${key}}`),
    ].join('');
  };
  const body = [
    kop(A4_LANDSCAPE_WIDTH),
    title('EVALUASI KINERJA PELAYANAN', { before: 200 }),
    p('{triwulan}', { align: 'center', after: 120 }),
    p('Waktu dalam {satuanWaktu}; semua tanggal dan jam dalam WIB.', { sz: 18, after: 80 }),
    ...tables.map(([key, heading, weights]) => section(key, heading, weights)),
    p('{dicetak}', { sz: 16, before: 240 }),
  ].join('');
  return { title: 'Evaluasi kinerja triwulanan', body, section: { ...A4_LANDSCAPE } };
};

const TEMPLATES = {
  'kartu-kendali.docx': kartuKendali,
  'lembar-pengantar.docx': lembarPengantar,
  'tanda-terima.docx': tandaTerima,
  'berita.docx': berita,
  'surat-pengantar.docx': suratPengantar,
  'salinan.docx': salinan,
  'resi.docx': resi,
  'surat-dinas.docx': suratDinas,
  'nota-dinas.docx': notaDinas,
  'agenda-surat-masuk.docx': agendaSuratMasuk,
  'agenda-kriptogram-masuk.docx': agendaKriptogramMasuk,
  'evaluasi-kinerja.docx': evaluasiKinerja,
};

// ── the default logo ───────────────────────────────────────────────────────────────────

/** A neutral shield emblem, used until the instansi uploads its own logo. */
const DEFAULT_LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
<path d="M256 24 L456 88 V248 C456 368 368 448 256 488 C144 448 56 368 56 248 V88 Z" fill="#0b5d3b" stroke="#c9a227" stroke-width="18"/>
<path d="M256 70 L414 120 V248 C414 344 346 410 256 444 C166 410 98 344 98 248 V120 Z" fill="#ffffff"/>
<polygon points="256,118 276,178 340,178 288,216 308,278 256,240 204,278 224,216 172,178 236,178" fill="#c9a227"/>
<rect x="150" y="300" width="212" height="22" fill="#b3261e"/>
<rect x="150" y="338" width="212" height="22" fill="#0b5d3b"/>
<rect x="190" y="376" width="132" height="22" fill="#b3261e"/>
</svg>`;

const makeDefaultLogo = async () => {
  const sharp = require('sharp');
  return sharp(Buffer.from(DEFAULT_LOGO_SVG)).resize(512, 512).png({ compressionLevel: 9 }).toBuffer();
};

// ── main ───────────────────────────────────────────────────────────────────────────────

/** Every docxtemplater tag a template's parts contain, in order of first appearance. */
const tagsOf = (buffer) => {
  const zip = new PizZip(buffer);
  const seen = new Set();
  for (const name of Object.keys(zip.files).filter((n) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(n))) {
    const text = zip
      .file(name)
      .asText()
      .replace(/<[^>]+>/g, '');
    for (const match of text.matchAll(/\{([#/^@]?)([A-Za-z][\w]*)\}/g)) {
      if (match[1] === '/') continue;
      seen.add(`${match[1]}${match[2]}`);
    }
  }
  return [...seen];
};

const main = async () => {
  fs.mkdirSync(OUT, { recursive: true });
  if (process.argv.includes('--tags')) {
    for (const name of Object.keys(TEMPLATES).concat(fs.readdirSync(OUT).filter((f) => f.endsWith('.docx') && !TEMPLATES[f]))) {
      const file = path.join(OUT, name);
      if (!fs.existsSync(file)) continue;
      console.log(
        `| \`${name}\` | ${tagsOf(fs.readFileSync(file))
          .map((t) => `\`{${t}}\``)
          .join(' ')} |`
      );
    }
    return;
  }
  const logoFile = path.join(OUT, 'logo-default.png');
  const logoPng = await makeDefaultLogo();
  fs.writeFileSync(logoFile, logoPng);
  console.log(`templates/logo-default.png (${logoPng.length} bytes)`);
  for (const [name, make] of Object.entries(TEMPLATES)) {
    const { title: docTitle, body, section } = make();
    const buffer = docx(docTitle, body, section, logoPng);
    fs.writeFileSync(path.join(OUT, name), buffer);
    console.log(`templates/${name} (${buffer.length} bytes)`);
  }
};

module.exports = { TEMPLATES, tagsOf };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
