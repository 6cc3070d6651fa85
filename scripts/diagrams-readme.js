/*
 * The README section of the SOP diagrams, shared by scripts/generate-diagrams.js and
 * tests/domain/diagrams-up-to-date.test.ts so both build exactly the same text.
 */
'use strict';

const START = '<!-- diagrams:start -->';
const END = '<!-- diagrams:end -->';
const DIAGRAMS_DIR = 'docs/diagrams';

const svgFile = (model) => `${DIAGRAMS_DIR}/${model}.svg`;

const altText = (title) => `Diagram alur ${title.replace(/\s+/g, ' ').trim()}`.replace(/[[\]]/g, '');

/** Everything between the two markers: the Mermaid diagrams, then each workflow's SVG. */
const readmeSection = (definitions, diagramsMarkdown) =>
  [
    '<!-- Dibuat oleh `npm run diagrams` dari definisi di src/sop-defs; jangan disunting dengan tangan. -->',
    '',
    diagramsMarkdown(definitions).trimEnd(),
    '',
    '### Gambar SVG',
    '',
    'Diagram yang sama sebagai gambar, untuk penampil Markdown tanpa Mermaid:',
    '',
    ...definitions.flatMap((definition) => [`![${altText(definition.title)}](${svgFile(definition.model)})`, '']),
  ].join('\n');

const markerPositions = (readme) => {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start || readme.indexOf(START, start + 1) >= 0 || readme.indexOf(END, end + 1) >= 0) {
    throw new Error(`README.md harus memuat tepat satu penanda ${START} lalu satu ${END}.`);
  }
  return { from: start + START.length, to: end };
};

/** The text between the markers, without the line break after the start marker. */
const extractSection = (readme) => {
  const { from, to } = markerPositions(readme);
  return readme.slice(from, to).replace(/^\r?\n/, '');
};

const replaceSection = (readme, section) => {
  const { from, to } = markerPositions(readme);
  return `${readme.slice(0, from)}\n${section}${readme.slice(to)}`;
};

module.exports = { START, END, DIAGRAMS_DIR, svgFile, readmeSection, extractSection, replaceSection };
